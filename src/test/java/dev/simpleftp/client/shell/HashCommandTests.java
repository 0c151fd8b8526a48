package dev.simpleftp.client.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.simpleftp.ClientShellTest;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code hash NAME...} and {@code hash --local NAME...} print what {@code sha256sum} prints. */
@ClientShellTest
class HashCommandTests {

	@TempDir
	static Path temp;

	@RegisterExtension
	static final ServerExtension server = ServerExtension.in(() -> temp.resolve("server"));

	@DynamicPropertySource
	static void clientDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.client.directory", () -> temp.resolve("client").toString());
	}

	@Autowired
	ShellTestClient shell;

	@Autowired
	ClientConnection connection;

	@AfterEach
	void disconnect() {
		this.connection.close();
	}

	@Test
	void hashPrintsTheSha256OfEachServerFileAsSha256sumDoes() throws Exception {
		Files.writeString(server.directory().resolve("a.txt"), "alpha");
		Files.writeString(server.directory().resolve("b c.txt"), "bravo charlie");
		this.shell.sendCommand("open " + server.port());
		assertThat(this.shell.sendCommand("hash a.txt \"b c.txt\"").lines())
			.contains(sha256("alpha") + "  a.txt", sha256("bravo charlie") + "  b c.txt");
		assertThat(this.shell.sendCommand("HASH a.*").lines()).contains(sha256("alpha") + "  a.txt");
	}

	@Test
	void hashLocalReadsTheClientDirectoryAndNeedsNoConnection() throws Exception {
		Files.writeString(this.connection.local().root().resolve("mine.txt"), "local bytes");
		Files.writeString(this.connection.local().root().resolve("also mine.txt"), "more");
		assertThat(this.shell.sendCommand("hash --local mine.txt").lines())
			.contains(sha256("local bytes") + "  mine.txt");
		assertThat(this.shell.sendCommand("hash --local mine.txt \"also mine.txt\"").lines())
			.contains(sha256("local bytes") + "  mine.txt", sha256("more") + "  also mine.txt");
	}

	@Test
	void aMissingFileSaysWhatToDoAndTheCommandFails() throws Exception {
		this.shell.sendCommand("open " + server.port());
		assertThatThrownBy(() -> this.shell.sendCommand("hash nowhere.bin")).rootCause()
			.hasMessage("no such file on the server: nowhere.bin (use ls to list its files)");
		assertThatThrownBy(() -> this.shell.sendCommand("hash --local nowhere.bin")).rootCause()
			.hasMessageStartingWith("no such local file: nowhere.bin (in ");
	}

	@Test
	void hashOfServerFilesNeedsAConnection() {
		assertThatThrownBy(() -> this.shell.sendCommand("hash a.txt")).rootCause()
			.hasMessage(ClientConnection.NOT_CONNECTED);
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
	}

}
