package dev.simpleftp;

import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.server.ServerSettings;

import org.springframework.util.unit.DataSize;

/**
 * Server settings for a test, from {@link RunningServer#settings(Path)} with the few a test cares
 * about changed: {@code TestSettings.of(dir).idleTimeout(Duration.ofSeconds(1)).build()}.
 */
public final class TestSettings {

	private ServerSettings s;

	private TestSettings(ServerSettings settings) {
		this.s = settings;
	}

	public static TestSettings of(Path directory) {
		return new TestSettings(RunningServer.settings(directory));
	}

	public TestSettings maxConnections(int value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), value, s.shutdownTimeout(), s.zeroCopy(),
				s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), null, s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings waitingThreads(int value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), value, s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings zeroCopy(boolean value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(), value,
				s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings maxConnectionsPerAddress(int value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), value, s.firstRequestTimeout(), s.idleTimeout(),
				s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings firstRequestTimeout(Duration value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), value, s.idleTimeout(),
				s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings idleTimeout(Duration value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				value, s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings stallTimeout(Duration value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), value, s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings maxFileSize(DataSize value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), value, s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings minFreeSpace(DataSize value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), value, s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings host(String value) {
		this.s = new ServerSettings(value, s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(), s.zeroCopy(),
				s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings allowInsecure(boolean value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), value, s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings allowHardLinks(boolean value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), value,
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings loginTimeout(Duration value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				value, s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings maxUnauthenticated(Integer value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), value, s.maxConcurrentHashes(), s.minRate(), s.durable());
		return this;
	}

	public TestSettings maxConcurrentHashes(int value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), value, s.minRate(), s.durable());
		return this;
	}

	public TestSettings minRate(DataSize value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), value, s.durable());
		return this;
	}

	public ServerSettings build() {
		return this.s;
	}

	public TestSettings durable(boolean value) {
		this.s = new ServerSettings(s.host(), s.port(), s.directory(), s.maxConnections(), s.shutdownTimeout(),
				s.zeroCopy(), s.waitingThreads(), s.partialMaxAge(), s.maxConnectionsPerAddress(), s.firstRequestTimeout(),
				s.idleTimeout(), s.stallTimeout(), s.maxFileSize(), s.minFreeSpace(), s.ssl(), s.allowInsecure(), s.allowHardLinks(),
				s.loginTimeout(), s.maxUnauthenticated(), s.maxConcurrentHashes(), s.minRate(), value);
		return this;
	}

	public RunningServer start() throws java.io.IOException {
		return RunningServer.start(this.s);
	}

}
