package dev.simpleftp.server;

import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.storage.local.LocalFileStore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The server's settings, {@code ftp.server.*}; each can also come from an environment variable
 * ({@code FTP_SERVER_PORT}) or an argument ({@code --ftp.server.port=2121}).
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one, which is logged
 * @param directory the directory whose files are served, created if missing
 * @param maxConnections connections served at once; more are told the server is busy
 * @param shutdownTimeout how long transfers in flight may take to finish when the server stops
 * @param zeroCopy send files with sendfile (FileChannel.transferTo) rather than through a
 * buffer: less server CPU, but slower on loopback (docs/PERFORMANCE.md)
 * @param waitingThreads connections that may each keep a thread while they wait for a request;
 * past this many, waiting connections are watched by one selector thread instead (less memory
 * per connection, more time per request: docs/PERFORMANCE.md)
 * @param partialMaxAge how long the partial file of an interrupted upload is kept for the client to
 * resume it; older ones are removed
 * @param maxConnectionsPerAddress connections served at once from one client address; more are
 * told so and closed
 * @param firstRequestTimeout how long a new connection may take to send its first complete
 * request line before it is closed
 * @param idleTimeout how long a connection may wait between requests before it is closed
 * @param stallTimeout how long a request in progress (a transfer, mostly) may move no bytes
 * before the connection is closed; a transfer that keeps moving is never cut off
 * @param maxFileSize the largest file a PUT may declare
 * @param minFreeSpace space the server keeps free on its disk: a PUT that would leave less is
 * refused before any byte is stored
 * @param ssl TLS: the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose key and
 * certificate the server presents; without one, connections are not encrypted
 * @param allowInsecure lets the server listen on an address other than loopback without TLS and
 * accounts; it then logs a warning
 * @param allowHardLinks serve files that have more than one hard link; by default they are refused
 * (and not listed), since a hard link can bring a file from outside the directory into it
 * @param loginTimeout where the server requires a login (or TLS), how long after connecting a
 * connection may take to log in (and start TLS) before it is closed, whatever it sends meanwhile
 * @param maxUnauthenticated where the server requires a login (or TLS), connections at once that
 * have not logged in yet; more are told so and closed. Below {@code max-connections}, so that those
 * who have logged in always find room; unset, half of it
 * @param maxConcurrentHashes {@code HASH} requests the server works on at once; more are refused
 * with {@code 451}
 * @param minRate bytes per second a request in progress (a transfer, mostly) must move, averaged
 * over each {@code stall-timeout}, either way; a slower one is cut off as a stall. 0: none
 * @param durable force every stored file's bytes, and then its name, to the disk before {@code 226}
 * says it is stored, so that it survives a power cut; false answers sooner, and a power cut may then
 * lose files already reported stored (docs/PERFORMANCE.md has the cost)
 */
@ConfigurationProperties("ftp.server")
public record ServerSettings(
		@DefaultValue("127.0.0.1") String host,
		@DefaultValue("12000") int port,
		@DefaultValue("server") Path directory,
		@DefaultValue("100") int maxConnections,
		@DefaultValue("10s") Duration shutdownTimeout,
		@DefaultValue("false") boolean zeroCopy,
		@DefaultValue("32") int waitingThreads,
		@DefaultValue("24h") Duration partialMaxAge,
		@DefaultValue("10") int maxConnectionsPerAddress,
		@DefaultValue("10s") Duration firstRequestTimeout,
		@DefaultValue("5m") Duration idleTimeout,
		@DefaultValue("60s") Duration stallTimeout,
		@DefaultValue("1TB") DataSize maxFileSize,
		@DefaultValue("1GB") DataSize minFreeSpace,
		@DefaultValue Ssl ssl,
		@DefaultValue("false") boolean allowInsecure,
		@DefaultValue("false") boolean allowHardLinks,
		@DefaultValue("30s") Duration loginTimeout,
		Integer maxUnauthenticated,
		@DefaultValue("4") int maxConcurrentHashes,
		@DefaultValue("1KB") DataSize minRate,
		@DefaultValue("true") boolean durable) {

	/**
	 * Checked here rather than by Bean Validation, whose start-up the client cannot afford (see
	 * {@code dev.simpleftp.client.shell.NoConstraintsValidation}); Boot reports the message when binding fails.
	 */
	public ServerSettings {
		require(host != null && !host.isBlank(), "ftp.server.host must not be blank");
		require(port >= 0 && port <= 65535, "ftp.server.port must be 0 to 65535, not " + port);
		require(directory != null, "ftp.server.directory must be set");
		require(maxConnections >= 1, "ftp.server.max-connections must be at least 1, not " + maxConnections);
		require(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"ftp.server.shutdown-timeout must not be negative");
		require(waitingThreads >= 0, "ftp.server.waiting-threads must not be negative, not " + waitingThreads);
		require(partialMaxAge != null && !partialMaxAge.isNegative() && !partialMaxAge.isZero(),
				"ftp.server.partial-max-age must be more than zero");
		require(maxConnectionsPerAddress >= 1,
				"ftp.server.max-connections-per-address must be at least 1, not " + maxConnectionsPerAddress);
		requirePositive(firstRequestTimeout, "first-request-timeout");
		requirePositive(idleTimeout, "idle-timeout");
		requirePositive(stallTimeout, "stall-timeout");
		require(maxFileSize != null && !maxFileSize.isNegative(), "ftp.server.max-file-size must not be negative");
		require(minFreeSpace != null && !minFreeSpace.isNegative(), "ftp.server.min-free-space must not be negative");
		require(ssl != null, "ftp.server.ssl must be set");
		requirePositive(loginTimeout, "login-timeout");
		if (maxUnauthenticated == null) {
			maxUnauthenticated = Math.max(1, maxConnections / 2);
		}
		// One connection may always try to log in; past one, those not logged in never fill the server.
		int mostUnauthenticated = Math.max(1, maxConnections - 1);
		require(maxUnauthenticated >= 1 && maxUnauthenticated <= mostUnauthenticated,
				"ftp.server.max-unauthenticated must be at least 1 and below ftp.server.max-connections (" + maxConnections
						+ "), not " + maxUnauthenticated);
		require(maxConcurrentHashes >= 1, "ftp.server.max-concurrent-hashes must be at least 1, not " + maxConcurrentHashes);
		require(minRate != null && !minRate.isNegative(), "ftp.server.min-rate must not be negative");
	}

	/**
	 * TLS settings, {@code ftp.server.ssl.*}.
	 * @param bundle the name of a Spring Boot SSL bundle, or {@code null} for no TLS
	 */
	public record Ssl(String bundle) {

		/** A blank name (an empty {@code bundle:} in YAML) is none. */
		public Ssl {
			bundle = (bundle == null || bundle.isBlank()) ? null : bundle;
		}

		public boolean enabled() {
			return this.bundle != null;
		}

	}

	/** The settings with every default, serving {@code directory} on 127.0.0.1 at {@code port}. */
	public static ServerSettings defaults(Path directory, int port) {
		return new ServerSettings("127.0.0.1", port, directory, 100, Duration.ofSeconds(10), false, 32,
				Duration.ofHours(24), 10, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60),
				DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new Ssl(null), false, false, Duration.ofSeconds(30), null, 4,
				DataSize.ofKilobytes(1), true);
	}

	/** How the server's stores treat a file with more than one hard link. */
	public LocalFileStore.HardLinks hardLinks() {
		return this.allowHardLinks ? LocalFileStore.HardLinks.ALLOWED : LocalFileStore.HardLinks.REFUSED;
	}

	private static void requirePositive(Duration value, String name) {
		require(value != null && !value.isNegative() && !value.isZero(), "ftp.server." + name + " must be more than zero");
	}

	private static void require(boolean valid, String problem) {
		if (!valid) {
			throw new IllegalArgumentException(problem);
		}
	}

}
