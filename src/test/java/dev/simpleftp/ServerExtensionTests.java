package dev.simpleftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.server.ServerRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension gives each test a served server of its own directory and stops it after. */
@Timeout(30)
class ServerExtensionTests {

	private static ServerRunner lastRunner;

	private static Path lastDirectory;

	@RegisterExtension
	final ServerExtension server = ServerExtension.create().settings((s) -> s.idleTimeout(Duration.ofMinutes(1)));

	@Test
	void aTestGetsAServerOnAFreePortServingAFreshDirectory(RunningServer injected) throws IOException {
		assertThat(injected).isSameAs(this.server.get());
		assertThat(this.server.port()).isPositive();
		assertThat(this.server.directory()).isEmptyDirectory();
		assertThat(this.server.runner().isRunning()).isTrue();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		lastRunner = this.server.runner();
		lastDirectory = this.server.directory();
		Files.writeString(lastDirectory.resolve("left.txt"), "left behind");
	}

	@AfterAll
	static void theServerIsStoppedAndItsOwnDirectoryDeletedAfterTheTest() {
		assertThat(lastRunner.isRunning()).isFalse();
		assertThat(lastDirectory).doesNotExist();
	}

}
