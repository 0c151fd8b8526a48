package dev.simpleftp.client.shell;

import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.client.ClientLimits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The client's settings, {@code ftp.client.*}; each can also come from an environment variable
 * ({@code FTP_CLIENT_DIRECTORY}) or an argument ({@code --ftp.client.directory=downloads}).
 *
 * @param host the server open PORT connects to when no host is given
 * @param port the port open HOST connects to when no port is given (the server's default)
 * @param directory where files are downloaded to and uploaded from, created if missing
 * @param timeout how long to wait for a connection, a reply, or the next bytes of a transfer
 * @param quiet no progress bar, even on a terminal (also --quiet)
 * @param ssl TLS: the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust store holds
 * the certificates the client trusts; with one, the client only connects over TLS
 * @param durable force every downloaded file's bytes, and then its name, to the disk before the
 * client reports it got it, so that it survives a power cut; false is quicker, and a power cut may
 * then lose files already reported got (docs/PERFORMANCE.md has the cost)
 * @param minFreeSpace space kept free on the client directory's disk: a download that would leave
 * less is refused before any byte is written
 * @param minRate bytes per second a transfer's body must move, averaged over each {@code timeout},
 * or the connection is closed; 0 for no minimum
 * @param maxListEntries the most entries a server's listing may have
 * @param partialMaxAge how long a kept partial download is kept; older ones are removed when the
 * client opens its directory
 */
@ConfigurationProperties("ftp.client")
public record ClientSettings(
		@DefaultValue("127.0.0.1") String host,
		@DefaultValue("12000") int port,
		@DefaultValue("client") Path directory,
		@DefaultValue("30s") Duration timeout,
		@DefaultValue("false") boolean quiet,
		@DefaultValue Ssl ssl,
		@DefaultValue("true") boolean durable,
		@DefaultValue("256MB") DataSize minFreeSpace,
		@DefaultValue("1KB") DataSize minRate,
		@DefaultValue("1000000") int maxListEntries,
		@DefaultValue("7d") Duration partialMaxAge) {

	/**
	 * Checked here rather than by Bean Validation, whose start-up the client cannot afford (see
	 * {@code dev.simpleftp.client.shell.NoConstraintsValidation}); Boot reports the message when binding fails.
	 * Bound through this constructor, not the shorter one for tests and programs.
	 */
	@ConstructorBinding
	public ClientSettings {
		require(host != null && !host.isBlank(), "ftp.client.host must not be blank");
		require(port >= 1 && port <= 65535, "ftp.client.port must be from 1 to 65535");
		require(directory != null, "ftp.client.directory must be set");
		require(timeout != null && !timeout.isNegative() && !timeout.isZero(), "ftp.client.timeout must be more than zero");
		require(ssl != null, "ftp.client.ssl must be set");
		require(minFreeSpace != null && !minFreeSpace.isNegative(), "ftp.client.min-free-space must not be negative");
		require(minRate != null && !minRate.isNegative(), "ftp.client.min-rate must not be negative");
		require(maxListEntries >= 1, "ftp.client.max-list-entries must be at least 1");
		require(partialMaxAge != null && !partialMaxAge.isNegative() && !partialMaxAge.isZero(),
				"ftp.client.partial-max-age must be more than zero");
	}

	/** The settings with the defaults of the limits and of partial-max-age, for tests and programs. */
	public ClientSettings(String host, int port, Path directory, Duration timeout, boolean quiet, Ssl ssl, boolean durable) {
		this(host, port, directory, timeout, quiet, ssl, durable, DataSize.ofBytes(ClientLimits.DEFAULT_MIN_FREE_SPACE),
				DataSize.ofBytes(ClientLimits.DEFAULT_MIN_RATE), ClientLimits.DEFAULT_MAX_LIST_ENTRIES, Duration.ofDays(7));
	}

	/** What a connection accepts from a server. */
	public ClientLimits limits() {
		return new ClientLimits(this.timeout, this.minRate.toBytes(), this.minFreeSpace.toBytes(), this.maxListEntries);
	}

	/**
	 * TLS settings, {@code ftp.client.ssl.*}.
	 * @param bundle the name of a Spring Boot SSL bundle that trusts the server's certificate, or
	 * {@code null} for no TLS
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

	private static void require(boolean valid, String problem) {
		if (!valid) {
			throw new IllegalArgumentException(problem);
		}
	}

}
