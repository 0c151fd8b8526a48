package dev.simpleftp.client;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("ftp.client")
public record ClientSettings(
		@DefaultValue("127.0.0.1") String host,
		@DefaultValue("12000") int port,
		@DefaultValue("client") Path directory,
		@DefaultValue("30s") Duration timeout,
		@DefaultValue("false") boolean quiet,
		@DefaultValue Ssl ssl,
		@DefaultValue("true") boolean durable) {

	/**
	 * Checked here rather than by Bean Validation, whose start-up the client cannot afford (see
	 * {@code dev.simpleftp.client.NoConstraintsValidation}); Boot reports the message when binding fails.
	 */
	public ClientSettings {
		require(host != null && !host.isBlank(), "ftp.client.host must not be blank");
		require(port >= 1 && port <= 65535, "ftp.client.port must be from 1 to 65535");
		require(directory != null, "ftp.client.directory must be set");
		require(timeout != null && !timeout.isNegative() && !timeout.isZero(), "ftp.client.timeout must be more than zero");
		require(ssl != null, "ftp.client.ssl must be set");
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
