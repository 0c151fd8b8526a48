package dev.simpleftp.client.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.simpleftp.FakeServer;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestClientSettings;
import dev.simpleftp.TestSettings;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.local.LocalFileStore;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.shell.core.command.CommandContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's timeouts seen from the client: the NOOP sent on connecting meets the first-request
 * timeout, and a connection the server closed while idle (saying so with 421) is opened again by
 * the next command that needs it, with a line saying so. The shell commands are driven directly,
 * with a context whose writer the test reads.
 */
@Timeout(30)
class IdleReconnectTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@TempDir
	Path temp;

	private Path clientDir;

	private ClientConnection connection;

	private ClientCommands commands;

	private HashCommand hash;

	private BrowseCommands browse;

	private Terminal terminal;

	private StringWriter printed;

	@BeforeEach
	void createClient() throws IOException {
		this.clientDir = Files.createDirectories(this.temp.resolve("client"));
		this.connection = new ClientConnection(TestClientSettings.of(this.clientDir).timeout(TIMEOUT).quiet(true).build(),
				new LocalFileStore(this.clientDir));
		this.terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
		this.commands = new ClientCommands(this.connection, new ProgressBars(this.terminal, true));
		this.hash = new HashCommand(this.connection);
		this.browse = new BrowseCommands(this.connection);
		this.printed = new StringWriter();
	}

	@AfterEach
	void closeClient() throws IOException {
		this.connection.close();
		this.terminal.close();
	}

	@Test
	void aClientThatWaitsPastTheFirstRequestTimeoutIsStillServed() throws Exception {
		try (RunningServer server = TestSettings.of(this.temp.resolve("server"))
			.firstRequestTimeout(Duration.ofMillis(500))
			.start()) {
			Files.writeString(server.directory().resolve("a.txt"), "alpha");
			FtpClient client = this.connection.open("127.0.0.1", server.port());
			Thread.sleep(1500);
			assertThat(client.droppedByServer()).isEmpty();
			assertThat(this.browse.ls(List.of(), context())).contains("a.txt");
			assertThat(this.commands.get(null, List.of("a.txt"), context())).startsWith("got a.txt: 5 B in ");
			assertThat(this.printed.toString()).isEmpty();
			assertThat(this.connection.current()).containsSame(client);
			assertThat(this.clientDir.resolve("a.txt")).hasContent("alpha");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "get", "put", "ls", "hash" })
	void afterTheIdleTimeoutTheNextCommandReconnectsSaysSoAndSucceeds(String command) throws Exception {
		try (RunningServer server = idleAfterOneSecond()) {
			Files.writeString(server.directory().resolve("from-server.txt"), "downloaded");
			Files.writeString(this.clientDir.resolve("to-server.txt"), "uploaded");
			FtpClient idle = this.connection.open("127.0.0.1", server.port());
			awaitDroppedByServer(server, idle);
			String result = switch (command) {
				case "get" -> this.commands.get(null, List.of("from-server.txt"), context());
				case "put" -> this.commands.put(null, List.of("to-server.txt"), context());
				case "ls" -> this.browse.ls(List.of(), context());
				default -> this.hash.hash(null, List.of("from-server.txt"), context());
			};
			assertThat(this.printed.toString()).isEqualTo("the server had closed the idle connection (idle for 1 s);"
					+ " reconnected to 127.0.0.1:" + server.port() + System.lineSeparator());
			switch (command) {
				case "get" -> {
					assertThat(result).startsWith("got from-server.txt: 10 B in ");
					assertThat(this.clientDir.resolve("from-server.txt")).hasContent("downloaded");
				}
				case "put" -> {
					assertThat(result).startsWith("put to-server.txt: 8 B in ");
					assertThat(server.directory().resolve("to-server.txt")).hasContent("uploaded");
				}
				case "ls" -> assertThat(result).contains("from-server.txt");
				default -> assertThat(result).endsWith("  from-server.txt");
			}
			assertThat(idle.isOpen()).isFalse();
			assertThat(this.connection.current()).get().isNotSameAs(idle);
			assertThat(prompt()).isEqualTo("simple-ftp 127.0.0.1:" + server.port() + "> ");
			this.printed.getBuffer().setLength(0);
			assertThat(this.browse.ls(List.of(), context())).contains("from-server.txt");
			assertThat(this.printed.toString()).as("no second notice on the new connection").isEmpty();
		}
	}

	@Test
	void completionAfterTheIdleTimeoutLeavesTheGoodbyeForTheNextCommand() throws Exception {
		try (RunningServer server = idleAfterOneSecond()) {
			Files.writeString(server.directory().resolve("from-server.txt"), "downloaded");
			FtpClient idle = this.connection.open("127.0.0.1", server.port());
			awaitDroppedByServer(server, idle);
			assertThat(this.connection.remoteNames()).isEmpty();
			assertThat(this.connection.isConnected()).isTrue();
			assertThat(this.browse.ls(List.of(), context())).contains("from-server.txt");
			assertThat(this.printed.toString()).startsWith("the server had closed the idle connection (idle for 1 s);");
			assertThat(this.connection.remoteNames()).containsExactly("from-server.txt");
		}
	}

	@Test
	void aServerThatIsGoneFailsTheNextCommandInOneLineAndTheShellStaysUsable() throws Exception {
		int port;
		try (RunningServer server = RunningServer.start(this.temp.resolve("server"))) {
			port = server.port();
			FtpClient idle = this.connection.open("127.0.0.1", port);
			assertThat(prompt()).isEqualTo("simple-ftp 127.0.0.1:" + port + "> ");
			server.close();
			awaitUntil("the client sees the server's goodbye", () -> hasArrived(idle));
		}
		assertThatThrownBy(() -> this.browse.ls(List.of(), context())).isInstanceOf(CommandFailedException.class)
			.hasMessage("the server had closed the idle connection (server shutting down); reconnecting failed: cannot"
					+ " connect to 127.0.0.1:" + port + ": connection refused (is the server running on that port?);"
					+ " use open to try again");
		assertThat(this.printed.toString()).isEmpty();
		assertThat(this.connection.isConnected()).isFalse();
		assertThat(prompt()).isEqualTo("simple-ftp> ");
		assertThatThrownBy(() -> this.commands.get(null, List.of("a.txt"), context()))
			.hasMessage(ClientConnection.NOT_CONNECTED);
		Files.writeString(this.clientDir.resolve("local.txt"), "here");
		assertThat(this.browse.lls(List.of())).contains("local.txt");
		try (RunningServer another = RunningServer.start(this.temp.resolve("another"))) {
			assertThat(this.commands.open(null, List.of(String.valueOf(another.port())), context()))
				.isEqualTo("connected to 127.0.0.1:" + another.port());
			assertThat(this.commands.put(null, List.of("local.txt"), context())).startsWith("put local.txt: 4 B in ");
		}
	}

	/** Without a 421 first (a server killed, say) nothing tells the idle connection apart: the command says it was lost. */
	@Test
	void aServerThatVanishedWithoutAWordFailsTheNextCommandInOneLine() throws Exception {
		try (FakeServer fake = new FakeServer(FakeServer.Peer::greet)) {
			this.connection.open("127.0.0.1", fake.port());
			fake.awaitScript(5000);
			assertThatThrownBy(() -> this.browse.ls(List.of(), context())).isInstanceOf(CommandFailedException.class)
				.hasMessageMatching("connection to 127\\.0\\.0\\.1:" + fake.port() + " lost: [^\n]+; use open to reconnect");
			assertThat(this.connection.isConnected()).isFalse();
			assertThat(prompt()).isEqualTo("simple-ftp> ");
		}
	}

	private RunningServer idleAfterOneSecond() throws IOException {
		return TestSettings.of(this.temp.resolve("server"))
			.firstRequestTimeout(Duration.ofSeconds(1))
			.idleTimeout(Duration.ofSeconds(1))
			.start();
	}

	private CommandContext context() {
		return new CommandContext(null, null, new PrintWriter(this.printed), null);
	}

	private String prompt() {
		return new ClientConfiguration().promptProvider(this.connection).getPrompt().toString();
	}

	/** Until the server has closed the connection and its 421 is waiting on the client's socket. */
	private static void awaitDroppedByServer(RunningServer server, FtpClient client) throws InterruptedException {
		awaitUntil("the server closes the idle connection", () -> server.runner().connectionCount() == 0);
		awaitUntil("the client sees the server's goodbye", () -> hasArrived(client));
	}

	private static boolean hasArrived(FtpClient client) {
		try {
			return client.hasArrived();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting until " + what);
			}
			Thread.sleep(20);
		}
	}

}
