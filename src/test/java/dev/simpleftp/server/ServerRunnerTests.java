package dev.simpleftp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.TestSettings;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Starting and stopping the listener itself. */
@Timeout(30)
class ServerRunnerTests {

	@TempDir
	Path directory;

	@Test
	void aPortInUseFailsStartWithAnExplanationAndStopStaysSafe() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			ServerRunner runner = runnerOn(taken.getLocalPort());
			ListenFailedException failure = assertThatExceptionOfType(ListenFailedException.class)
				.isThrownBy(runner::start)
				.actual();
			assertThat(runner.isRunning()).isFalse();
			runner.stop();

			FailureAnalysis analysis = new ListenFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
			assertThat(analysis.getAction()).contains("--ftp.server.port=PORT", "FTP_SERVER_PORT");
		}
	}

	@Test
	void portZeroPicksAFreePortAndStopReleasesIt() throws IOException {
		ServerRunner runner = runnerOn(0);
		runner.start();
		int port = runner.port();
		assertThat(port).isPositive();
		assertThat(runner.isRunning()).isTrue();
		runner.stop();
		assertThat(runner.isRunning()).isFalse();
		try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	private ServerRunner runnerOn(int port) throws IOException {
		ServerSettings settings = TestSettings.defaults(this.directory).port(port).maxConnections(10).shutdownTimeout(Duration.ofSeconds(1))
			.maxConnectionsPerAddress(10000).build();
		return new ServerRunner(settings, new LocalFileStore(this.directory), new SimpleAsyncTaskExecutor());
	}

}
