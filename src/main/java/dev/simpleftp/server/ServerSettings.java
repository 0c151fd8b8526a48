package dev.simpleftp.server;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 * buffer: a third less server CPU, but some 10% slower on loopback here (docs/PERFORMANCE.md)
 * @param waitingThreads connections that may each keep a thread while they wait for a request;
 * past this many, waiting connections are watched by one selector thread instead (less memory
 * per connection, some 50 µs more per request)
 * @param partialMaxAge how long the partial file of an interrupted upload is kept for the client to
 * resume it; older ones are removed
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
		@DefaultValue("24h") Duration partialMaxAge) {

	/**
	 * Checked here rather than by Bean Validation, whose start-up the client cannot afford (see
	 * {@code dev.simpleftp.client.NoConstraintsValidation}); Boot reports the message when binding fails.
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
	}

	private static void require(boolean valid, String problem) {
		if (!valid) {
			throw new IllegalArgumentException(problem);
		}
	}

}
