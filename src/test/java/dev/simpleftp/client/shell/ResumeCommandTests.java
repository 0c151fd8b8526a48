package dev.simpleftp.client.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.simpleftp.ClientShellTest;
import dev.simpleftp.FaultyProxy.Direction;
import dev.simpleftp.FaultyProxy.Fault;
import dev.simpleftp.FaultyProxy;
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

/** {@code get} after a cut-off resumes and says so; {@code get --restart} does not. */
@ClientShellTest
class ResumeCommandTests {

	private static final int MIB = 1024 * 1024;

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
	void getAfterACutOffResumesAndGetRestartStartsOver() throws Exception {
		byte[] body = new byte[3 * MIB];
		new Random(3).nextBytes(body);
		Files.write(server.directory().resolve("big.bin"), body);
		try (FaultyProxy proxy = new FaultyProxy(server.port(), Direction.TO_CLIENT, "150 ", MIB, Fault.CUT)) {
			this.shell.sendCommand("open " + proxy.port());
			assertThatThrownBy(() -> this.shell.sendCommand("get big.bin")).rootCause()
				.hasMessageContaining("use open to reconnect");
			assertThat(proxy.injected()).isTrue();
		}
		this.shell.sendCommand("open " + server.port());
		assertThat(this.shell.sendCommand("get big.bin").lines()).anySatisfy(line -> assertThat(line)
			.matches("got big\\.bin: 2\\.0 MiB in \\d+ ms \\(.*/s\\), resumed after 1\\.0 MiB"));
		assertThat(this.connection.local().root().resolve("big.bin")).hasBinaryContent(body);

		assertThat(this.shell.sendCommand("get --restart big.bin").lines()).anySatisfy(line -> assertThat(line)
			.matches("got big\\.bin: 3\\.0 MiB in \\d+ ms \\(.*/s\\)"));
		assertThat(this.connection.local().root().resolve("big.bin")).hasBinaryContent(body);
	}

}
