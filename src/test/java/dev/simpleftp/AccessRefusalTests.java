package dev.simpleftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.account.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal never costs the connection (issue 13, part 7): whatever an account may not do, and
 * whatever the client sent ahead (a body that follows, its CHECKSUM line, more requests), the
 * refusal is one reply and the next request is answered.
 */
@Timeout(60)
class AccessRefusalTests {

	private static final String PASSWORD = "pw";

	private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

	/** A body that is itself a request: were it read as one, a second "200 ok" would come. */
	private static final String BODY = "NOOP\n";

	@TempDir
	Path temp;

	private Path root;

	@BeforeEach
	void setUp() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		Files.writeString(this.root.resolve("report.txt"), "report");
	}

	private RunningServer start() throws IOException {
		AccountSettings settings = new AccountSettings(List.of(
				new AccountSettings.User("reader", HASH, Access.READ_ONLY, null),
				new AccountSettings.User("drop", HASH, Access.UPLOAD_ONLY, null)),
				new AccountSettings.Login(Duration.ofMillis(10), 5, Duration.ofMinutes(1)));
		return RunningServer.start(RunningServer.settings(this.root), null, new Accounts(settings));
	}

	/** Logs in as {@code user}, or stays logged out for "nobody". */
	private static RawConnection connect(RunningServer server, String user) throws IOException {
		RawConnection connection = RawConnection.open(server.port());
		if (!user.equals("nobody")) {
			assertThat(connection.request("LOGIN " + user + " " + PASSWORD)).startsWith("230 ");
		}
		return connection;
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reader", "nobody" })
	void aRefusedPutWhoseBodyFollowsDropsTheBodyAndKeepsTheConnection(String user) throws IOException {
		try (RunningServer server = start(); RawConnection connection = connect(server, user)) {
			connection.sendBytes(("PUT new.txt 5 body=follows\n" + BODY + "NOOP\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).matches("5(50 permission denied|30 log in first).*");
			assertThat(connection.readLine()).isEqualTo("200 ok");
			assertThat(connection.request("QUIT")).startsWith("221 ");
		}
		assertThat(this.root.toFile().list()).containsExactly("report.txt");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reader", "nobody" })
	void aRefusedCheckedPutDropsTheBodyAndItsChecksumLineAndKeepsTheConnection(String user) throws IOException {
		try (RunningServer server = start(); RawConnection connection = connect(server, user)) {
			connection.sendBytes(("PUT new.txt 5 body=follows checksum=crc32c\n" + BODY + "CHECKSUM crc32c=00000000\nNOOP\n")
				.getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).matches("5(50 permission denied|30 log in first).*");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root.toFile().list()).containsExactly("report.txt");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reader", "nobody" })
	void aRefusedPutThatWaitsForGoAheadKeepsTheConnection(String user) throws IOException {
		try (RunningServer server = start(); RawConnection connection = connect(server, user)) {
			assertThat(connection.request("PUT new.txt 5 checksum=crc32c")).matches("5(50 permission denied|30 log in first).*");
			assertThat(connection.request("PARTIAL new.txt")).matches("5(50 permission denied|30 log in first).*");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.toFile().list()).containsExactly("report.txt");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET report.txt", "LIST", "HASH report.txt", "GET missing.txt" })
	void everyRefusalOfAnUploadOnlyAccountKeepsTheConnection(String request) throws IOException {
		try (RunningServer server = start(); RawConnection connection = connect(server, "drop")) {
			assertThat(connection.request(request)).isEqualTo("550 permission denied: account drop is upload-only (it may only upload)");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			connection.sendBytes(("PUT new.txt 5 body=follows\n" + BODY).getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).startsWith("226 ");
		}
		assertThat(this.root.resolve("new.txt")).hasContent("NOOP");
	}

}
