package dev.simpleftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.Credentials;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.ServerRefusedException;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Accounts end to end: a login is required before anything else; each access mode allows exactly
 * what it says; an upload-only account learns nothing of the files; an unknown user and a wrong
 * password get the same answer after the same delay; an address that fails too often is locked
 * out while another is not; an account's own directory; the client logs in, over TLS too; and no
 * password nor hash appears in any log line.
 */
@Timeout(60)
class LoginTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration DELAY = Duration.ofMillis(300);

	/** Cost 4: the cheapest bcrypt, so that the tests are quick. */
	private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

	private static final String PASSWORD = "s3cret pass%word";

	private static final String HASH = BCRYPT.encode(PASSWORD);

	@TempDir
	Path temp;

	private Path root;

	private Path dropBox;

	private final Logger logger = (Logger) LoggerFactory.getLogger("dev.simpleftp");

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeEach
	void setUp() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		this.dropBox = this.temp.resolve("drop-box");
		Files.write(this.root.resolve("report.txt"), bytes(1000, 1));
		this.logs.start();
		this.logger.addAppender(this.logs);
	}

	@AfterEach
	void noPasswordNorHashWasLogged() {
		this.logger.detachAppender(this.logs);
		for (ILoggingEvent event : this.logs.list) {
			String line = event.getFormattedMessage() + ((event.getThrowableProxy() != null) ? event.getThrowableProxy().getMessage() : "");
			assertThat(line).doesNotContain(PASSWORD).doesNotContain("s3cret").doesNotContain(HASH).doesNotContain("$2a$");
		}
	}

	private RunningServer start(int maxFailures) throws IOException {
		AccountSettings settings = new AccountSettings(List.of(
				new AccountSettings.User("reader", HASH, Access.READ_ONLY, null),
				new AccountSettings.User("drop", HASH, Access.UPLOAD_ONLY, this.dropBox),
				new AccountSettings.User("alice", HASH, Access.READ_WRITE, null),
				new AccountSettings.User("home", HASH, Access.READ_WRITE, this.root.resolve("..").resolve("root"))),
				new AccountSettings.Login(DELAY, maxFailures, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), Duration.ofMinutes(1)));
		return RunningServer.start(RunningServer.settings(this.root), null, new Accounts(settings));
	}

	private static String login(RawConnection connection, String user) throws IOException {
		return connection.request("LOGIN " + user + " " + PASSWORD.replace("%", "%25").replace(" ", "%20"));
	}

	@Test
	void nothingButLoginNoopAndQuitBeforeLoggingIn() throws IOException {
		try (RunningServer server = start(5); RawConnection connection = new RawConnection(server.port())) {
			assertThat(connection.readLine()).isEqualTo("220 protocol=simple-ftp version=4 login=required Simple FTP server ready");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(connection.request("LIST")).isEqualTo("530 log in first: LOGIN <user> <password> (a client of protocol version 3 or older cannot: upgrade it)");
			assertThat(connection.request("GET report.txt")).isEqualTo("530 log in first: LOGIN <user> <password> (a client of protocol version 3 or older cannot: upgrade it)");
			connection.send("PUT sneaky.txt 5 body=follows").sendBytes("LIST\n".getBytes());
			assertThat(connection.readLine()).isEqualTo("530 log in first: LOGIN <user> <password> (a client of protocol version 3 or older cannot: upgrade it)");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok"); // the body was dropped, never read as a request
		}
		assertThat(this.root.toFile().list()).containsExactly("report.txt");
	}

	@Test
	void readOnlyReadsAndListsButNeitherStoresNorResumes() throws IOException {
		try (RunningServer server = start(5); RawConnection connection = RawConnection.open(server.port())) {
			assertThat(login(connection, "reader")).isEqualTo("230 access=read-only logged in as reader");
			assertThat(connection.request("HASH report.txt")).startsWith("200 ");
			String listing = connection.request("LIST");
			assertThat(listing).startsWith("150 size=");
			connection.readBytes(Integer.parseInt(listing.replaceFirst("^150 size=(\\d+).*$", "$1")));
			assertThat(connection.readLine()).startsWith("226 ");
			assertThat(connection.request("PUT new.txt 3")).isEqualTo("550 permission denied: account reader is read-only");
			assertThat(connection.request("PARTIAL new.txt")).isEqualTo("550 permission denied: account reader is read-only");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.toFile().list()).containsExactly("report.txt");
	}

	@Test
	void uploadOnlyStoresInItsOwnDirectoryAndCannotLearnWhatFilesExist() throws IOException {
		try (RunningServer server = start(5); RawConnection connection = RawConnection.open(server.port())) {
			assertThat(login(connection, "drop")).isEqualTo("230 access=upload-only logged in as drop");
			String denied = "550 permission denied: account drop is upload-only (it may only upload)";
			assertThat(connection.request("GET report.txt")).isEqualTo(denied);
			assertThat(connection.request("GET no-such-file.txt")).isEqualTo(denied);
			assertThat(connection.request("HASH report.txt")).isEqualTo(denied);
			assertThat(connection.request("HASH no-such-file.txt")).isEqualTo(denied);
			assertThat(connection.request("LIST")).isEqualTo(denied);
			assertThat(connection.request("PUT dropped.txt 3")).startsWith("150 ");
			connection.sendBytes("abc".getBytes());
			assertThat(connection.readLine()).startsWith("226 ");
		}
		assertThat(this.dropBox.resolve("dropped.txt")).hasContent("abc");
		assertThat(this.root.toFile().list()).containsExactly("report.txt");
	}

	@Test
	void anAccountWhoseDirectoryIsTheServersWorksOnTheServersFiles() throws IOException {
		try (RunningServer server = start(5); RawConnection connection = RawConnection.open(server.port())) {
			assertThat(login(connection, "home")).isEqualTo("230 access=read-write logged in as home");
			assertThat(connection.request("HASH report.txt")).startsWith("200 ");
			assertThat(connection.request("PUT home.txt 2")).startsWith("150 ");
			connection.sendBytes("hi".getBytes());
			assertThat(connection.readLine()).startsWith("226 ");
		}
		assertThat(this.root.resolve("home.txt")).hasContent("hi");
	}

	@Test
	void aPasswordLongerThanBcryptTakesIsAnOrdinaryFailure() throws IOException {
		try (RunningServer server = start(5); RawConnection connection = RawConnection.open(server.port())) {
			assertThat(connection.request("LOGIN alice " + "x".repeat(200))).isEqualTo("530 login failed: unknown user or wrong password");
			assertThat(connection.request("LOGIN mallory " + "x".repeat(200))).isEqualTo("530 login failed: unknown user or wrong password");
		}
	}

	@Test
	void anUnknownUserAndAWrongPasswordGetTheSameAnswerAfterTheSameDelay() throws IOException {
		try (RunningServer server = start(5); RawConnection connection = RawConnection.open(server.port())) {
			long started = System.nanoTime();
			String wrong = connection.request("LOGIN alice not-the-password");
			Duration wrongTook = Duration.ofNanos(System.nanoTime() - started);
			started = System.nanoTime();
			String unknown = connection.request("LOGIN mallory " + "not-the-password");
			Duration unknownTook = Duration.ofNanos(System.nanoTime() - started);
			assertThat(wrong).isEqualTo("530 login failed: unknown user or wrong password").isEqualTo(unknown);
			assertThat(wrongTook).isGreaterThanOrEqualTo(DELAY);
			assertThat(unknownTook).isGreaterThanOrEqualTo(DELAY);
			// The connection is still usable: the right password now works.
			assertThat(login(connection, "alice")).isEqualTo("230 access=read-write logged in as alice");
		}
	}

	@Test
	void anAddressThatFailsTooOftenIsLockedOutWhileAnotherIsNot() throws IOException {
		try (RunningServer server = start(3)) {
			try (RawConnection guesser = RawConnection.open(server.port())) {
				assertThat(guesser.request("LOGIN alice guess1")).startsWith("530 ");
				assertThat(guesser.request("LOGIN alice guess2")).startsWith("530 ");
				assertThat(guesser.request("LOGIN alice guess3"))
					.matches("421 too many failed logins from your address; try again in \\d+ (min|s)");
				assertThat(guesser.readLine()).isNull();
			}
			try (RawConnection again = new RawConnection(server.port())) {
				assertThat(again.readLine()).matches("421 too many failed logins from your address; try again in \\d+ (min|s)");
			}
			try (RawConnection other = new RawConnection("127.0.0.2", server.port())) {
				assertThat(other.readLine()).startsWith("220 ");
				assertThat(login(other, "alice")).isEqualTo("230 access=read-write logged in as alice");
			}
		}
	}

	/**
	 * The red team's attack: eight addresses guessing one user. The name is held after six
	 * failures, whatever address the next try comes from; an address the user logged in from
	 * before still gets in; and once the hold is over, so does a new one.
	 */
	@Test
	void guessesFromManyAddressesHoldTheUserForAWhileButNotTheAddressItLoggedInFrom() throws Exception {
		AccountSettings settings = new AccountSettings(List.of(new AccountSettings.User("alice", HASH, Access.READ_WRITE, null)),
				new AccountSettings.Login(DELAY, 5, Duration.ofMinutes(1), 6, Duration.ofSeconds(3), Duration.ofSeconds(3)));
		String held = "421 too many failed logins for this user; try again in \\d+ s";
		try (RunningServer server = RunningServer.start(RunningServer.settings(this.root), null, new Accounts(settings))) {
			try (RawConnection home = RawConnection.open(server.port())) {
				assertThat(login(home, "alice")).isEqualTo("230 access=read-write logged in as alice");
			}
			List<String> replies = new ArrayList<>();
			for (int i = 2; i <= 9; i++) {
				try (RawConnection guesser = new RawConnection("127.0.0." + i, server.port())) {
					assertThat(guesser.readLine()).startsWith("220 ");
					replies.add(guesser.request("LOGIN alice guess" + i));
					assertThat(replies.get(replies.size() - 1).startsWith("421 ") ? guesser.readLine() : null).isNull();
				}
			}
			assertThat(replies.subList(0, 5)).containsOnly("530 login failed: unknown user or wrong password");
			assertThat(replies.subList(5, 8)).allSatisfy(reply -> assertThat(reply).matches(held));
			try (RawConnection ninth = new RawConnection("127.0.0.10", server.port())) {
				assertThat(ninth.readLine()).startsWith("220 ");
				assertThat(login(ninth, "alice")).matches(held);
				assertThat(ninth.readLine()).isNull();
			}
			try (RawConnection home = RawConnection.open(server.port())) {
				assertThat(login(home, "alice")).isEqualTo("230 access=read-write logged in as alice");
			}
			String reply;
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			do {
				Thread.sleep(200);
				try (RawConnection ninth = new RawConnection("127.0.0.10", server.port())) {
					assertThat(ninth.readLine()).startsWith("220 ");
					reply = login(ninth, "alice");
				}
			}
			while (reply.startsWith("421 ") && System.nanoTime() < deadline);
			assertThat(reply).isEqualTo("230 access=read-write logged in as alice");
		}
		assertThat(logLines()).anySatisfy(line -> assertThat(line).endsWith("login failed: wrong password for user 'alice';"
				+ " the name held for 3 s after 6 failed logins from any address"));
	}

	/**
	 * A password typed into the user field must not reach the log: an unknown name shows as a hash.
	 * Failed logins go through the rate-limited refusal log, so a flood of them is summed up.
	 */
	@Test
	void anUnknownUserNameIsNeverLoggedAndAFloodOfFailuresIsSummedUp() throws IOException {
		try (RunningServer server = start(100); RawConnection connection = RawConnection.open(server.port())) {
			for (int i = 0; i < 8; i++) {
				assertThat(connection.request("LOGIN hunter2-typed-as-the-user-" + i + " x"))
					.isEqualTo("530 login failed: unknown user or wrong password");
			}
		}
		List<String> lines = logLines();
		assertThat(lines).noneSatisfy(line -> assertThat(line).contains("hunter2"));
		assertThat(lines.stream().filter(line -> line.contains("login failed: unknown user (name hash ")))
			.hasSize(5)
			.allSatisfy(line -> assertThat(line).matches("127\\.0\\.0\\.1:\\d+ login failed: unknown user \\(name hash [0-9a-f]{8}\\)"));
		assertThat(lines).anySatisfy(line -> assertThat(line)
			.matches("\\.\\.\\. 3 more like this \\(failed logins\\) from 1 address in the last \\d+ s"));
	}

	@Test
	void theClientLogsInAndReadWriteDoesEverythingAndAFailedLoginIsSaid() throws IOException {
		try (RunningServer server = start(5)) {
			try (FtpClient client = FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, null,
					name -> new Credentials.Login("alice", PASSWORD.toCharArray()))) {
				assertThat(client.user()).isEqualTo("alice");
				assertThat(client.access()).isEqualTo("read-write");
				assertThat(client.list().files()).hasSize(1);
				Path local = Files.createDirectories(this.temp.resolve("alice-local"));
				Files.write(local.resolve("written.bin"), bytes(5000, 9));
				client.put(FileName.of("written.bin"), new LocalFileStore(local));
				client.get(FileName.of("report.txt"), new LocalFileStore(local));
				assertThat(client.sha256(FileName.of("written.bin"))).hasSize(64);
			}
			assertThat(this.root.resolve("written.bin")).hasBinaryContent(bytes(5000, 9));
			assertThatExceptionOfType(ServerRefusedException.class)
				.isThrownBy(() -> FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, null,
						name -> new Credentials.Login("alice", "wrong".toCharArray())))
				.withMessage("login failed: unknown user or wrong password");
			assertThatExceptionOfType(ConnectionLostException.class)
				.isThrownBy(() -> FtpClient.connect("127.0.0.1", server.port(), TIMEOUT))
				.withMessageContaining("requires a login: open it with --user NAME");
		}
	}

	@Test
	void overTlsTheLoginComesOnlyOnceTlsIsOn() throws IOException {
		AccountSettings settings = new AccountSettings(List.of(new AccountSettings.User("alice", HASH, Access.READ_WRITE, null)),
				new AccountSettings.Login(DELAY, 5, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), Duration.ofMinutes(1)));
		Path local = Files.createDirectories(this.temp.resolve("local"));
		try (RunningServer server = RunningServer.start(RunningServer.settings(this.root), TestTls.server("server"),
				new Accounts(settings))) {
			try (RawConnection plain = RawConnection.open(server.port())) {
				assertThat(login(plain, "alice")).startsWith("530 this server requires TLS");
			}
			try (FtpClient client = FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, TestTls.trusting("ca"),
					name -> new Credentials.Login("alice", PASSWORD.toCharArray()))) {
				assertThat(client.isEncrypted()).isTrue();
				assertThat(client.user()).isEqualTo("alice");
				client.get(FileName.of("report.txt"), new LocalFileStore(local));
			}
			assertThat(local.resolve("report.txt")).hasBinaryContent(bytes(1000, 1));
		}
	}

	private List<String> logLines() {
		return this.logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	private static byte[] bytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
