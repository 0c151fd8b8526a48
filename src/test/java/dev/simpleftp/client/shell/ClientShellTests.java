package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.simpleftp.ClientShellTest;
import dev.simpleftp.FakeServer;
import dev.simpleftp.ServerExtension;
import dev.simpleftp.client.HostileServerTests;
import dev.simpleftp.server.ServerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Every shell command, driven as typed, against a real server. */
@ClientShellTest
class ClientShellTests {

	@TempDir
	static Path temp;

	@RegisterExtension
	static final ServerExtension server = ServerExtension.in(() -> temp.resolve("server"));

	@DynamicPropertySource
	static void clientDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.client.directory", () -> temp.resolve("client").toString());
		// What open HOST connects to; the server is started before the shell's context.
		registry.add("ftp.client.port", () -> server.port());
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

	@Test
	void getOfSeveralNamesPrintsALinePerFileAndASummary() throws Exception {
		Files.writeString(server.directory().resolve("several-a.txt"), "alpha");
		Files.writeString(server.directory().resolve("several b.txt"), "bravo!");
		run("open " + server.port());
		List<String> lines = run("get several-a.txt \"several b.txt\"").lines();
		assertThat(lines).filteredOn(line -> !line.isBlank()).satisfiesExactly(
				line -> assertThat(line).matches("got several-a\\.txt: 5 B in \\d+ ms \\(.*/s\\)"),
				line -> assertThat(line).matches("got several b\\.txt: 6 B in \\d+ ms \\(.*/s\\)"),
				line -> assertThat(line).matches("got 2 files: 11 B in \\d+ ms \\(.*/s, \\d+ files/s\\)"));
		assertThat(this.connection.local().root().resolve("several-a.txt")).hasContent("alpha");
		assertThat(this.connection.local().root().resolve("several b.txt")).hasContent("bravo!");
	}

	@Test
	void getOfAPatternFetchesOnlyTheServersMatchingFiles() throws Exception {
		Path serverDir = server.directory();
		for (String name : List.of("glob-1.txt", "glob-2.txt", "glob-3.csv", ".glob-hidden.txt", "glob-4.txt.bak")) {
			Files.writeString(serverDir.resolve(name), "content of " + name);
		}
		Files.createDirectory(serverDir.resolve("glob-dir.txt"));
		run("open " + server.port());
		List<String> lines = run("get glob-*.txt").lines();
		assertThat(lines).anyMatch(line -> line.startsWith("got glob-1.txt: "))
			.anyMatch(line -> line.startsWith("got glob-2.txt: "))
			.anyMatch(line -> line.startsWith("got 2 files: "));
		Path clientDir = this.connection.local().root();
		assertThat(clientDir.resolve("glob-1.txt")).hasContent("content of glob-1.txt");
		assertThat(clientDir.resolve("glob-2.txt")).hasContent("content of glob-2.txt");
		for (String name : List.of("glob-3.csv", ".glob-hidden.txt", "glob-4.txt.bak", "glob-dir.txt")) {
			assertThat(clientDir.resolve(name)).doesNotExist();
		}
	}

	@Test
	void putOfAPatternUploadsTheClientDirectorysMatchingFiles() throws Exception {
		Path clientDir = this.connection.local().root();
		Files.writeString(clientDir.resolve("data-1.csv"), "a,b\n1,2\n");
		Files.write(clientDir.resolve("data-2.csv"), new byte[70_000]);
		Files.writeString(clientDir.resolve("data-3.txt"), "not csv");
		Files.createDirectory(clientDir.resolve("data-dir.csv"));
		run("open " + server.port());
		List<String> lines = run("put data-*.csv").lines();
		assertThat(lines).anyMatch(line -> line.startsWith("put data-1.csv: 8 B in "))
			.anyMatch(line -> line.startsWith("put data-2.csv: 68.4 KiB in "))
			.anyMatch(line -> line.startsWith("put 2 files: 68.4 KiB in "));
		assertThat(server.directory().resolve("data-1.csv")).hasContent("a,b\n1,2\n");
		assertThat(server.directory().resolve("data-2.csv")).hasBinaryContent(new byte[70_000]);
		assertThat(server.directory().resolve("data-3.txt")).doesNotExist();
		assertThat(server.directory().resolve("data-dir.csv")).doesNotExist();
	}

	@Test
	void aPatternThatMatchesNothingFailsTheCommandAndSaysWhere() throws Exception {
		Files.writeString(server.directory().resolve("nomatch-present.txt"), "here");
		run("open " + server.port());
		assertThatThrownBy(() -> run("get nomatch-*.zip")).rootCause()
			.hasMessage("no file on the server matches 'nomatch-*.zip'");
		assertThatThrownBy(() -> run("put nomatch-*.zip")).rootCause()
			.hasMessage("no file in " + this.connection.local().root() + " matches 'nomatch-*.zip'");
		assertThat(this.connection.isConnected()).isTrue();
	}

	@Test
	void severalNamesWhereOneFailsFailTheCommandWithTheReasonAndTheSummary() throws Exception {
		Files.writeString(server.directory().resolve("partly-here.txt"), "here");
		run("open " + server.port());
		assertThatThrownBy(() -> run("get partly-here.txt partly-missing.txt ../partly-bad")).rootCause()
			.hasMessageContaining("cannot contain '/'")
			.hasMessageContaining("\nno such file on the server: partly-missing.txt (use ls to list its files)\n")
			.hasMessageMatching("(?s).*\ngot 1 of 2 files: 4 B in .*, 1 not found")
			.message().doesNotContain("quote it");
		assertThat(this.connection.local().root().resolve("partly-here.txt")).hasContent("here");
		assertThat(this.connection.isConnected()).isTrue();
	}

	@Test
	void aHostileListingNeverSteersGetOutsideTheClientDirectory() throws Exception {
		assumeFalse(Files.exists(Path.of("/etc/x")), "/etc/x exists before the test");
		Map<String, byte[]> files = new HashMap<>();
		for (String name : List.of("../x", "/etc/x", "x/../../escape.txt", ".simpleftp-1-2-0123456789abcdef.tmp", "..")) {
			files.put(name, "hostile".getBytes(StandardCharsets.UTF_8));
		}
		files.put("ok.txt", "fine!".getBytes(StandardCharsets.UTF_8));
		files.put(".hidden", "shh".getBytes(StandardCharsets.UTF_8));
		Path clientDir = this.connection.local().root();
		List<String> outside = listing(clientDir.getParent());
		try (FakeServer fake = new FakeServer(FakeServer.serving(HostileServerTests.HOSTILE_LISTING, files))) {
			run("open " + fake.port());
			List<String> lines = run("get * .*").lines();
			assertThat(lines).contains("ignored 8 name(s) the server listed that are not acceptable file names: '../x',"
					+ " '/etc/x', 'a?b', '.simpleftp-1-2-0123456789abcdef.tmp', 'x/../../escape.txt', '..', '..\\win.txt',"
					+ " 'ok.txt'");
			assertThat(lines).anyMatch(line -> line.startsWith("got 2 files: 8 B in "));
			assertThat(fake.received()).containsExactly("NOOP", "LIST", "GET ok.txt", "GET .hidden");
			run("close");
		}
		assertThat(clientDir.resolve("ok.txt")).hasContent("fine!");
		assertThat(clientDir.resolve(".hidden")).hasContent("shh");
		assertThat(listing(clientDir.getParent())).isEqualTo(outside);
		assertThat(clientDir.getParent().getParent().resolve("escape.txt")).doesNotExist();
		assertThat(Path.of("/etc/x")).doesNotExist();
		assertThat(listing(clientDir)).noneMatch(name -> name.startsWith(".simpleftp-"));
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
			.hasMessage("no such file on the server: missing.bin (use ls to list its files)");
		assertThat(this.connection.isConnected()).isTrue();
		assertThat(this.connection.local().root().resolve("missing.bin")).doesNotExist();
	}

	@Test
	void putOfAMissingLocalFileFailsAndSendsNothing() throws Exception {
		run("open " + server.port());
		assertThatThrownBy(() -> run("put nowhere.bin")).rootCause().hasMessageStartingWith("no such local file: nowhere.bin")
			.hasMessageEndingWith(" (use lls to list it)");
		assertThat(server.directory().resolve("nowhere.bin")).doesNotExist();
		assertThat(this.connection.isConnected()).isTrue();
	}

	@Test
	void openOfAHostAloneUsesTheClientsDefaultPort() throws Exception {
		assertThat(run("open localhost").lines()).contains("connected to localhost:" + server.port());
		assertThat(this.connection.isConnected()).isTrue();
	}

	@Test
	void badArgumentsAreExplained() {
		assertThatThrownBy(() -> run("open a b c")).rootCause()
			.hasMessage("usage: open [--user NAME] [HOST] [PORT], for example open 12000");
		assertThatThrownBy(() -> run("open localhost twelve")).rootCause().hasMessageStartingWith("bad port 'twelve'");
		assertThatThrownBy(() -> run("open 70000")).rootCause().hasMessageStartingWith("bad port '70000'");
	}

	@Test
	void badNamesAreRefusedBeforeAnythingIsSent() throws Exception {
		run("open " + server.port());
		assertThatThrownBy(() -> run("get ../secret")).rootCause().hasMessageContaining("cannot contain '/'");
		assertThatThrownBy(() -> run("get my file.txt")).rootCause()
			.hasMessageStartingWith("no such file on the server: my (use ls to list its files)\n"
					+ "no such file on the server: file.txt (use ls to list its files)\n"
					+ "if that was one name with spaces, quote it in double quotes: get \"my file.txt\"")
			.message().doesNotContain("0 of 2", "files/s");
		assertThatThrownBy(() -> run("get 'my file.txt'")).rootCause()
			.hasMessageEndingWith("get \"my file.txt\"");
		assertThatThrownBy(() -> run("put")).rootCause().hasMessage("usage: put [--restart] NAME..., for example put notes.txt");
		assertThatThrownBy(() -> run("put nowhere-1.txt nowhere-2.txt")).rootCause()
			.hasMessageStartingWith("no such local file: nowhere-1.txt").message().doesNotContain("0 of 2", "files/s");
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

	private static List<String> listing(Path dir) throws IOException {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

	private ShellScreen run(String command) throws Exception {
		return this.shell.sendCommand(command);
	}

}
