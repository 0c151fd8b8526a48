package dev.simpleftp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.server.ServerSettings;

import org.springframework.util.unit.DataSize;

/**
 * Server settings for a test, by name rather than by position, so that a new setting changes this
 * class and not every test: {@code TestSettings.of(dir).idleTimeout(Duration.ofSeconds(1)).build()}.
 * Each step is checked as it is made (the record's constructor runs), so a bad value fails at the
 * call that gave it.
 */
public final class TestSettings {

	/**
	 * Connections that keep a thread while waiting, as in production unless
	 * {@code -Dtest.waitingThreads=0} runs the suite with every waiting connection parked.
	 */
	static final int WAITING_THREADS = Integer.getInteger("test.waitingThreads", 32);

	private String host;

	private int port;

	private Path directory;

	private int maxConnections;

	private Duration shutdownTimeout;

	private boolean zeroCopy;

	private int waitingThreads;

	private Duration partialMaxAge;

	private int maxConnectionsPerAddress;

	private Duration firstRequestTimeout;

	private Duration idleTimeout;

	private Duration stallTimeout;

	private DataSize maxFileSize;

	private DataSize minFreeSpace;

	private ServerSettings.Ssl ssl;

	private boolean allowInsecure;

	private boolean allowHardLinks;

	private Duration loginTimeout;

	/** {@code null} until set: the record then derives it from {@link #maxConnections(int)}. */
	private Integer maxUnauthenticated;

	private int maxConcurrentHashes;

	private DataSize minRate;

	private boolean durable;

	private TestSettings(ServerSettings s) {
		this.host = s.host();
		this.port = s.port();
		this.directory = s.directory();
		this.maxConnections = s.maxConnections();
		this.shutdownTimeout = s.shutdownTimeout();
		this.zeroCopy = s.zeroCopy();
		this.waitingThreads = s.waitingThreads();
		this.partialMaxAge = s.partialMaxAge();
		this.maxConnectionsPerAddress = s.maxConnectionsPerAddress();
		this.firstRequestTimeout = s.firstRequestTimeout();
		this.idleTimeout = s.idleTimeout();
		this.stallTimeout = s.stallTimeout();
		this.maxFileSize = s.maxFileSize();
		this.minFreeSpace = s.minFreeSpace();
		this.ssl = s.ssl();
		this.allowInsecure = s.allowInsecure();
		this.allowHardLinks = s.allowHardLinks();
		this.loginTimeout = s.loginTimeout();
		this.maxUnauthenticated = null;
		this.maxConcurrentHashes = s.maxConcurrentHashes();
		this.minRate = s.minRate();
		this.durable = s.durable();
	}

	/**
	 * The settings of {@link RunningServer#start(Path)}: the defaults, except that the port is free,
	 * shutdown waits 5 s, and every test connection comes from 127.0.0.1, so the per-address cap is
	 * as high as the global one.
	 */
	public static TestSettings of(Path directory) {
		return defaults(directory).shutdownTimeout(Duration.ofSeconds(5))
			.waitingThreads(WAITING_THREADS)
			.maxConnectionsPerAddress(100);
	}

	/** Every default of {@link ServerSettings#defaults(Path, int)}, on a free port. */
	public static TestSettings defaults(Path directory) {
		return new TestSettings(ServerSettings.defaults(directory, 0));
	}

	public TestSettings host(String value) {
		this.host = value;
		return checked();
	}

	public TestSettings port(int value) {
		this.port = value;
		return checked();
	}

	public TestSettings directory(Path value) {
		this.directory = value;
		return checked();
	}

	/** The global cap; the number of connections not logged in follows it unless set. */
	public TestSettings maxConnections(int value) {
		this.maxConnections = value;
		this.maxUnauthenticated = null;
		return checked();
	}

	public TestSettings shutdownTimeout(Duration value) {
		this.shutdownTimeout = value;
		return checked();
	}

	public TestSettings zeroCopy(boolean value) {
		this.zeroCopy = value;
		return checked();
	}

	public TestSettings waitingThreads(int value) {
		this.waitingThreads = value;
		return checked();
	}

	public TestSettings partialMaxAge(Duration value) {
		this.partialMaxAge = value;
		return checked();
	}

	public TestSettings maxConnectionsPerAddress(int value) {
		this.maxConnectionsPerAddress = value;
		return checked();
	}

	public TestSettings firstRequestTimeout(Duration value) {
		this.firstRequestTimeout = value;
		return checked();
	}

	public TestSettings idleTimeout(Duration value) {
		this.idleTimeout = value;
		return checked();
	}

	public TestSettings stallTimeout(Duration value) {
		this.stallTimeout = value;
		return checked();
	}

	public TestSettings maxFileSize(DataSize value) {
		this.maxFileSize = value;
		return checked();
	}

	public TestSettings minFreeSpace(DataSize value) {
		this.minFreeSpace = value;
		return checked();
	}

	public TestSettings ssl(ServerSettings.Ssl value) {
		this.ssl = value;
		return checked();
	}

	public TestSettings allowInsecure(boolean value) {
		this.allowInsecure = value;
		return checked();
	}

	public TestSettings allowHardLinks(boolean value) {
		this.allowHardLinks = value;
		return checked();
	}

	public TestSettings loginTimeout(Duration value) {
		this.loginTimeout = value;
		return checked();
	}

	public TestSettings maxUnauthenticated(Integer value) {
		this.maxUnauthenticated = value;
		return checked();
	}

	public TestSettings maxConcurrentHashes(int value) {
		this.maxConcurrentHashes = value;
		return checked();
	}

	public TestSettings minRate(DataSize value) {
		this.minRate = value;
		return checked();
	}

	public TestSettings durable(boolean value) {
		this.durable = value;
		return checked();
	}

	/**
	 * Room for 2000 connections, every one of them parked in the selector while it waits for a
	 * request (no waiting threads), and the given shutdown timeout.
	 */
	public TestSettings parkingEveryConnection(Duration shutdownTimeout) {
		return maxConnections(2000).maxConnectionsPerAddress(2000).shutdownTimeout(shutdownTimeout).waitingThreads(0);
	}

	public ServerSettings build() {
		return new ServerSettings(this.host, this.port, this.directory, this.maxConnections, this.shutdownTimeout,
				this.zeroCopy, this.waitingThreads, this.partialMaxAge, this.maxConnectionsPerAddress,
				this.firstRequestTimeout, this.idleTimeout, this.stallTimeout, this.maxFileSize, this.minFreeSpace, this.ssl,
				this.allowInsecure, this.allowHardLinks, this.loginTimeout, this.maxUnauthenticated, this.maxConcurrentHashes,
				this.minRate, this.durable);
	}

	public RunningServer start() throws IOException {
		return RunningServer.start(build());
	}

	private TestSettings checked() {
		build();
		return this;
	}

}
