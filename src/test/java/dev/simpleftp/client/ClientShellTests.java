package dev.simpleftp.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.simpleftp.RunningServer;
import dev.simpleftp.server.ServerRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.shell.test.autoconfigure.ShellTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every shell command, driven as typed, against a real server. */
@ShellTest
@SpringBootTest(properties = { "spring.profiles.active=client", "spring.shell.interactive.enabled=false",
		"logging.file.name=target/client-tests.log" })
@Timeout(60)
class ClientShellTests {

	@TempDir
	static Path temp;

	static RunningServer server;

	@DynamicPropertySource
	static void clientDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.client.directory", () -> temp.resolve("client").toString());
	}

	@BeforeAll
	static void startServer() throws IOException {
		server = RunningServer.start(temp.resolve("server"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Autowired
	ShellTestClient shell;

	@Autowired
	ClientConnection connection;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void disconnect() {
		this.connection.close();
	}

	@Test
	void theClientProfileOpensNoServerSocket() {
		assertThat(this.context.getBeanNamesForType(ServerRunner.class)).isEmpty();
	}

	@Test
	void openConnectsAndThePromptShowsTheServer() throws Exception {
		assertThat(run("open " + server.port()).lines()).contains("connected to 127.0.0.1:" + server.port());
		assertThat(this.connection.isConnected()).isTrue();
		assertThat(run("open 127.0.0.1 " + server.port()).lines()).contains(
				"closed connection to 127.0.0.1:" + server.port(), "connected to 127.0.0.1:" + server.port());
	}

	@Test
	void getAndPutMoveFilesAndPrintOneLineEach() throws Exception {
		Files.writeString(server.directory().resolve("from server.txt"), "downloaded");
		Files.writeString(this.connection.local().root().resolve("to-server.txt"), "uploaded");
		run("open " + server.port());
		assertThat(run("get \"from server.txt\"").lines())
			.anySatisfy(line -> assertThat(line).matches("got from server\\.txt: 10 B in \\d+ ms \\(.*/s\\)"));
		assertThat(run("put to-server.txt").lines())
			.anySatisfy(line -> assertThat(line).matches("put to-server\\.txt: 8 B in \\d+ ms \\(.*/s\\)"));
		assertThat(this.connection.local().root().resolve("from server.txt")).hasContent("downloaded");
		assertThat(server.directory().resolve("to-server.txt")).hasContent("uploaded");
	}

	@ParameterizedTest
	@ValueSource(strings = { "OPEN", "GET", "PUT", "CLOSE" })
	void theLabsUpperCaseSpellingsWork(String command) throws Exception {
		Files.writeString(server.directory().resolve("upper.txt"), "upper");
		run("OPEN " + server.port());
		switch (command) {
			case "GET" -> assertThat(run("GET upper.txt").lines()).anyMatch(line -> line.startsWith("got upper.txt"));
			case "PUT" -> {
				Files.writeString(this.connection.local().root().resolve("up.txt"), "up");
				assertThat(run("PUT up.txt").lines()).anyMatch(line -> line.startsWith("put up.txt"));
			}
			case "CLOSE" -> assertThat(run("CLOSE").lines()).contains("closed connection to 127.0.0.1:" + server.port());
			default -> assertThat(this.connection.isConnected()).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "get a.txt", "put a.txt", "close", "GET a.txt" })
	void commandsThatNeedAConnectionSayHowToOpenOne(String command) throws Exception {
		assertThat(String.join("\n", run(command).lines())).contains(ClientConnection.NOT_CONNECTED);
	}

	@Test
	void getOfAMissingFileFailsWithTheServersReasonAndKeepsTheConnection() throws Exception {
		run("open " + server.port());
		assertThatThrownBy(() -> run("get missing.bin")).isInstanceOf(CommandExecutionException.class)
			.rootCause()
			.hasMessage("no such file: missing.bin");
		assertThat(this.connection.isConnected()).isTrue();
		assertThat(this.connection.local().root().resolve("missing.bin")).doesNotExist();
	}

	@Test
	void putOfAMissingLocalFileFailsAndSendsNothing() throws Exception {
		run("open " + server.port());
		assertThatThrownBy(() -> run("put nowhere.bin")).rootCause().hasMessageStartingWith("no such local file: nowhere.bin");
		assertThat(server.directory().resolve("nowhere.bin")).doesNotExist();
		assertThat(this.connection.isConnected()).isTrue();
	}

	@Test
	void badArgumentsAreExplained() {
		assertThatThrownBy(() -> run("open")).rootCause().hasMessage("usage: open [HOST] PORT, for example open 12000");
		assertThatThrownBy(() -> run("open twelve")).rootCause().hasMessageStartingWith("bad port 'twelve'");
		assertThatThrownBy(() -> run("open 70000")).rootCause().hasMessageStartingWith("bad port '70000'");
	}

	@Test
	void badNamesAreRefusedBeforeAnythingIsSent() throws Exception {
		run("open " + server.port());
		assertThatThrownBy(() -> run("get ../secret")).rootCause().hasMessageContaining("cannot contain '/'");
		assertThatThrownBy(() -> run("get my file.txt")).rootCause()
			.hasMessageStartingWith("no such file: my\nno such file: file.txt\ngot 0 of 2 files: 0 B in ")
			.hasMessageEndingWith("\nif that was one name with spaces, quote it in double quotes: get \"my file.txt\"");
		assertThatThrownBy(() -> run("get 'my file.txt'")).rootCause()
			.hasMessageEndingWith("get \"my file.txt\"");
		assertThatThrownBy(() -> run("put")).rootCause().hasMessage("usage: put NAME..., for example put notes.txt");
	}

	@Test
	void openToAPortWithNoServerSaysSoAndStaysDisconnected() throws Exception {
		int port;
		try (java.net.ServerSocket unused = new java.net.ServerSocket(0)) {
			port = unused.getLocalPort();
		}
		int closedPort = port;
		assertThatThrownBy(() -> run("open " + closedPort)).rootCause()
			.hasMessageContaining("cannot connect to 127.0.0.1:" + closedPort + ": connection refused");
		assertThat(this.connection.isConnected()).isFalse();
	}

	@Test
	@DirtiesContext
	void closeKeepsTheClientAndQuitClosesTheConnection() throws Exception {
		run("open " + server.port());
		assertThat(run("close").lines()).contains("closed connection to 127.0.0.1:" + server.port());
		assertThat(this.connection.quitRequested()).isFalse();
		run("open " + server.port());
		assertThat(run("quit").lines()).contains("closed connection to 127.0.0.1:" + server.port(), "bye");
		assertThat(this.connection.isConnected()).isFalse();
		assertThat(this.connection.quitRequested()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "exit", "EXIT", "QUIT" })
	@DirtiesContext
	void exitAndTheUpperCaseSpellingsQuitToo(String command) throws Exception {
		run("open " + server.port());
		assertThat(run(command).lines()).contains("bye");
		assertThat(this.connection.isConnected()).isFalse();
		assertThat(this.connection.quitRequested()).isTrue();
	}

	@Test
	void helpDescribesEveryCommandWithItsArguments() throws Exception {
		String help = String.join("\n", run("help").lines());
		assertThat(help).contains("open [HOST] PORT", "get NAME", "put NAME", "close", "quit");
		assertThat(String.join("\n", run("help get").lines())).contains("ALIASES", "GET");
	}

	private ShellScreen run(String command) throws Exception {
		return this.shell.sendCommand(command);
	}

}
