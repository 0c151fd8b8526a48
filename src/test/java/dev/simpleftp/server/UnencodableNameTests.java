package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.simpleftp.ApplicationProcess;
import dev.simpleftp.RawConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A name that {@code FileName} accepts but a JVM cannot turn into a path: any non-ASCII name when
 * the JVM's file-name encoding ({@code sun.jnu.encoding}, read from the locale at start-up) is not
 * UTF-8, as under {@code LANG=C} or with no locale at all (many container images). So the server
 * runs here in a JVM of its own under {@code LC_ALL=C}. Such a name is refused as a bad name
 * ({@code 553}), and an upload's body is read and dropped, never run as requests: before the fix,
 * the server answered {@code 451} and then ran the body (found by the socket fuzz test's author).
 * Where the child JVM gets UTF-8 anyway, the name is simply absent ({@code 550}) or stored.
 */
@Timeout(60)
class UnencodableNameTests {

	private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

	private static final String NAME = "gr\u00fc\u00dfe.txt";

	@TempDir
	Path temp;

	private Path root;

	private ApplicationProcess server;

	private int port;

	@BeforeEach
	void startServerUnderTheCLocale() throws Exception {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		this.server = ApplicationProcess.start(this.temp, "server", List.of("--spring.profiles.active=server",
				"--ftp.server.port=0", "--ftp.server.directory=" + this.root), Map.of("LC_ALL", "C", "LANG", "C"));
		this.port = Integer.parseInt(this.server.awaitOutput(LISTENING, Duration.ofSeconds(30)).group(1));
	}

	@AfterEach
	void stopServer() throws InterruptedException {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void anUploadOfANameThePlatformCannotEncodeNeverRunsItsBodyAsRequests() throws IOException {
		byte[] body = "PUT smuggled.txt 0 body=follows\n".getBytes(StandardCharsets.UTF_8);
		try (RawConnection connection = RawConnection.open(this.port)) {
			connection.send("PUT " + NAME + " " + body.length + " body=follows").sendBytes(body);
			String reply = connection.readLine();
			assertThat(reply).doesNotStartWith("451").matches("(553 bad file name '" + NAME + "': .*)|(226 .*)");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("smuggled.txt")).doesNotExist();
		assertThat(this.server.output()).doesNotContain("ERROR");
	}

	@Test
	void getAndHashOfANameThePlatformCannotEncodeAreRefusedAsABadName() throws IOException {
		try (RawConnection connection = RawConnection.open(this.port)) {
			assertThat(connection.request("GET " + NAME)).matches("(553 bad file name '" + NAME + "': .*)|(550 .*)");
			assertThat(connection.request("HASH " + NAME)).matches("(553 bad file name '" + NAME + "': .*)|(550 .*)");
		}
		assertThat(this.server.output()).doesNotContain("ERROR");
	}

}
