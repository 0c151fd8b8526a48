package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.RawConnection;
import org.jline.reader.LineReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as the jar runs it: the {@code server} profile with its real executor settings. The
 * per-address cap is raised: a test below opens thirteen connections, all from 127.0.0.1.
 */
@SpringBootTest(properties = { "spring.profiles.active=server", "ftp.server.port=0", "ftp.server.max-connections-per-address=100" })
@Timeout(60)
class ServerProfileTests {

	@TempDir
	static Path directory;

	@DynamicPropertySource
	static void serverDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.server.directory", () -> directory.toString());
	}

	@Autowired
	ApplicationContext context;

	@Autowired
	ServerRunner runner;

	@Test
	void theServerProfileStartsNoShell() {
		assertThat(this.runner.isRunning()).isTrue();
		assertThat(this.context.getBeanNamesForType(LineReader.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(CommandRegistry.class)).isEmpty();
	}

	/** Boot's default pool runs 8 tasks and queues the rest for ever: the queueing trap. */
	@Test
	void aThirteenthClientIsServedWhileTwelveHoldIdleConnections() throws IOException {
		Files.writeString(directory.resolve("hello.txt"), "hello");
		List<RawConnection> idle = new ArrayList<>();
		try {
			for (int i = 0; i < 12; i++) {
				idle.add(RawConnection.open(this.runner.port()));
			}
			try (RawConnection thirteenth = RawConnection.open(this.runner.port())) {
				assertThat(thirteenth.request("GET hello.txt")).startsWith("150 size=5 ");
				assertThat(new String(thirteenth.readBytes(5), StandardCharsets.UTF_8)).isEqualTo("hello");
				assertThat(thirteenth.readLine()).startsWith("226 ");
			}
			for (RawConnection connection : idle) {
				assertThat(connection.request("NOOP")).startsWith("200 ");
			}
		}
		finally {
			for (RawConnection connection : idle) {
				connection.close();
			}
		}
	}

	@Test
	void settingsComeFromTheEnvironment() {
		ServerSettings settings = this.context.getBean(ServerSettings.class);
		assertThat(settings.host()).isEqualTo("127.0.0.1");
		assertThat(settings.maxConnections()).isEqualTo(100);
		assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.directory()).isEqualTo(directory);
	}

}
