package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.ListingSettings;
import dev.simpleftp.storage.local.Durability;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.TaskExecutor;

/** The beans of the {@code server} profile. */
@Profile("server")
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	LocalFileStore serverFileStore(ServerSettings settings) throws IOException {
		return new LocalFileStore(settings.directory(), settings.hardLinks(), Durability.of(settings.durable()));
	}

	@Bean
	ServerRunner serverRunner(ServerSettings settings, LocalFileStore serverFileStore,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, ObjectProvider<SslBundles> sslBundles,
			Accounts accounts, ListingSettings listing) {
		return new ServerRunner(settings, serverFileStore, executor, tls(settings.ssl(), sslBundles), accounts, listing);
	}

	/**
	 * TLS from the Spring Boot SSL bundle {@code ftp.server.ssl.bundle} names, or {@code null} if none is named.
	 * The bundle's files are read here, at start, so that a misspelt name or a missing file stops the
	 * start with a {@link TlsSettingsException} naming the setting rather than failing every handshake.
	 */
	static Tls tls(ServerSettings.Ssl ssl, ObjectProvider<SslBundles> sslBundles) {
		if (!ssl.enabled()) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		List<String> names = (bundles != null) ? bundles.getBundleNames() : List.of();
		if (bundles == null || !names.contains(ssl.bundle())) {
			throw new TlsSettingsException("ftp.server.ssl.bundle is '" + ssl.bundle() + "', but "
					+ (names.isEmpty() ? "no SSL bundle is configured" : "the SSL bundles configured are " + names)
					+ ": name one of them, or add spring.ssl.bundle.pem." + ssl.bundle()
					+ ".keystore.certificate and .private-key");
		}
		try {
			SslBundle bundle = bundles.getBundle(ssl.bundle());
			SslOptions options = bundle.getOptions();
			return new Tls(bundle.createSslContext(), options.getEnabledProtocols(), options.getCiphers());
		}
		catch (RuntimeException ex) {
			throw new TlsSettingsException("cannot use the SSL bundle '" + ssl.bundle() + "' of ftp.server.ssl.bundle: "
					+ TlsSettingsException.reason(ex) + " (relative paths are relative to "
					+ Path.of("").toAbsolutePath() + ")", ex);
		}
	}

}
