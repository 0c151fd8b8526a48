package dev.simpleftp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.server.ServerRunner;
import dev.simpleftp.server.ServerSettings;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.ListingSettings;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * A real server on 127.0.0.1, on a free port, serving a test's directory; {@link #close()} stops it.
 * Like MockWebServer: tests start one, talk to {@link #port()}, and assert on replies and disk.
 */
public final class RunningServer implements AutoCloseable {

	private final ServerRunner runner;

	private final Path directory;

	private RunningServer(ServerRunner runner, Path directory) {
		this.runner = runner;
		this.directory = directory;
	}

	public static RunningServer start(Path directory) throws IOException {
		return start(directory, 100, Duration.ofSeconds(5));
	}

	public static RunningServer start(Path directory, int maxConnections, Duration shutdownTimeout) throws IOException {
		return start(settings(directory, maxConnections, shutdownTimeout, false, TestSettings.WAITING_THREADS));
	}

	/** A server that sends files with sendfile rather than through a buffer. */
	public static RunningServer startZeroCopy(Path directory) throws IOException {
		return start(settings(directory, 100, Duration.ofSeconds(5), true, TestSettings.WAITING_THREADS));
	}

	/** A server that parks every connection waiting for a request in its selector. */
	public static RunningServer startParkingEveryConnection(Path directory, Duration shutdownTimeout) throws IOException {
		return start(TestSettings.of(directory).parkingEveryConnection(shutdownTimeout).build());
	}

	/**
	 * The settings of {@link #start(Path)}: the defaults, except that every test connection comes
	 * from 127.0.0.1, so the per-address cap is as high as the global one, and the port is free.
	 */
	public static ServerSettings settings(Path directory) {
		return settings(directory, 100, Duration.ofSeconds(5), false, TestSettings.WAITING_THREADS);
	}

	private static ServerSettings settings(Path directory, int maxConnections, Duration shutdownTimeout, boolean zeroCopy,
			int waitingThreads) {
		return TestSettings.of(directory)
			.maxConnections(maxConnections)
			.maxConnectionsPerAddress(maxConnections)
			.shutdownTimeout(shutdownTimeout)
			.zeroCopy(zeroCopy)
			.waitingThreads(waitingThreads)
			.build();
	}

	/** A server with the given settings (see {@link #settings(Path)} for a start). */
	public static RunningServer start(ServerSettings settings) throws IOException {
		return start(settings, (Tls) null);
	}

	/** A server with the given settings that requires {@code tls} (or none, if {@code null}). */
	public static RunningServer start(ServerSettings settings, Tls tls) throws IOException {
		return start(settings, tls, Accounts.none());
	}

	/** A server with the given settings, TLS (or {@code null}) and accounts. */
	public static RunningServer start(ServerSettings settings, Tls tls, Accounts accounts) throws IOException {
		return start(settings, tls, accounts, ListingSettings.defaults());
	}

	/** A server with the given settings and what a LIST may cost it. */
	public static RunningServer start(ServerSettings settings, ListingSettings listing) throws IOException {
		return start(settings, null, Accounts.none(), listing);
	}

	/** A server with the given settings, TLS (or {@code null}), accounts and what a LIST may cost it. */
	public static RunningServer start(ServerSettings settings, Tls tls, Accounts accounts, ListingSettings listing)
			throws IOException {
		Path directory = settings.directory();
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("test-connection-");
		ServerRunner runner = new ServerRunner(settings, new LocalFileStore(directory, settings.hardLinks()), executor, tls, accounts,
				listing);
		runner.start();
		return new RunningServer(runner, directory);
	}

	public int port() {
		return this.runner.port();
	}

	public Path directory() {
		return this.directory;
	}

	public ServerRunner runner() {
		return this.runner;
	}

	@Override
	public void close() {
		this.runner.stop();
	}

}
