package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.simpleftp.ClientShellTest;
import dev.simpleftp.RunningServer;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ls, lls, lcd, lpwd and status, driven as typed, against a real server. */
@ClientShellTest
class BrowseCommandsTests {

	@TempDir
	static Path temp;

	@RegisterExtension
	static final ServerExtension server = ServerExtension.in(() -> temp.resolve("server"));

	@DynamicPropertySource
	static void clientDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.client.directory", () -> temp.resolve("client").toString());
	}

	@BeforeAll
	static void seedServer() throws IOException {
		Files.writeString(server.directory().resolve("notes.txt"), "twelve bytes");
		Files.writeString(server.directory().resolve("my report.csv"), "a,b\n");
		Files.createDirectory(server.directory().resolve("a-directory"));
	}

	@Autowired
	ShellTestClient shell;

	@Autowired
	ClientConnection connection;

	private Path home;

	@BeforeEach
	void rememberClientDirectory() {
		this.home = this.connection.local().root();
	}

	@AfterEach
	void restore() {
		this.connection.close();
		this.connection.changeLocal(this.home.toString());
	}

	@Test
	void lsListsTheServersFilesWithSizesTimesAndATotal() throws Exception {
		run("open " + server.port());
		String listing = run("ls");
		assertThat(listing.lines().toList()).hasSize(3);
		assertThat(listing).containsPattern("(?m)^ 4 B  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  \"my report\\.csv\"$")
			.containsPattern("(?m)^12 B  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  notes\\.txt$")
			.endsWith("2 files, 16 B")
			.doesNotContain("a-directory");
	}

	@Test
	void lsOfAnEmptyServerSaysSo() throws Exception {
		try (RunningServer empty = RunningServer.start(Files.createDirectories(temp.resolve("empty-server")))) {
			run("open " + empty.port());
			assertThat(run("ls")).isEqualTo("no files on the server");
		}
	}

	@Test
	void lsNeedsAConnection() throws Exception {
		assertThat(run("ls")).contains(ClientConnection.NOT_CONNECTED);
	}

	@Test
	void llsListsTheClientDirectoryOrSaysItIsEmpty() throws Exception {
		Path sub = Files.createDirectories(this.home.resolve("lls-test"));
		run("lcd lls-test");
		assertThat(run("lls")).isEqualTo("no files in " + sub);
		Files.writeString(sub.resolve("a b.txt"), "xyz");
		assertThat(run("lls")).matches("3 B  \\S+ \\S+  \"a b\\.txt\"\n1 file, 3 B");
	}

	@Test
	void lcdChangesWhereGetSavesAndLpwdShowsIt() throws Exception {
		Path downloads = Files.createDirectories(this.home.resolve("downloads"));
		assertThat(run("lcd downloads")).isEqualTo("client directory: " + downloads);
		assertThat(run("lpwd")).isEqualTo(downloads.toString());
		run("open " + server.port());
		run("get notes.txt");
		assertThat(downloads.resolve("notes.txt")).hasContent("twelve bytes");
		assertThat(run("lcd ..")).isEqualTo("client directory: " + this.home);
	}

	@Test
	void lcdToAMissingDirectoryOrAFileSaysSoAndKeepsTheOldOne() throws Exception {
		Files.writeString(this.home.resolve("plain-file"), "x");
		assertThatThrownBy(() -> run("lcd no-such-dir")).rootCause()
			.hasMessage("no such directory: " + this.home.resolve("no-such-dir") + " (the client directory is still "
					+ this.home + ")");
		assertThatThrownBy(() -> run("lcd plain-file")).rootCause().hasMessageStartingWith("not a directory: ");
		assertThat(this.connection.local().root()).isEqualTo(this.home);
		assertThat(this.home.resolve("no-such-dir")).doesNotExist();
	}

	@Test
	void statusShowsTheConnectionAndWhatMoved() throws Exception {
		assertThat(run("status")).isEqualTo("not connected: use open PORT (or open HOST PORT)\nclient directory: " + this.home);
		run("open " + server.port());
		run("get notes.txt");
		String status = run("status");
		assertThat(status).startsWith("connected to 127.0.0.1:" + server.port() + ", protocol version 4\nsince ")
			.contains("\nmoved 1 file, 12 B\n")
			.endsWith("client directory: " + this.home);
	}

	private String run(String command) throws Exception {
		return String.join("\n", this.shell.sendCommand(command).lines()).stripTrailing();
	}

}
