package dev.simpleftp.client.shell;

import java.io.IOException;

import dev.simpleftp.storage.local.Durability;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.availability.Availability;
import org.springframework.shell.core.command.availability.AvailabilityProvider;
import org.springframework.shell.jline.PromptProvider;

/** The beans of the {@code client} profile: the shell's state, prompt, terminal, progress bars and runner. */
@Profile("client")
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	@Bean
	ClientConnection clientConnection(ClientSettings settings, ObjectProvider<SslBundles> sslBundles) throws IOException {
		return new ClientConnection(settings, new LocalFileStore(settings.directory(), LocalFileStore.HardLinks.ALLOWED,
				Durability.of(settings.durable())), () -> tls(settings.ssl(), sslBundles));
	}

	/** TLS trusting the Spring Boot SSL bundle {@code ftp.client.ssl.bundle} names, or {@code null} if none is named. */
	static Tls tls(ClientSettings.Ssl ssl, ObjectProvider<SslBundles> sslBundles) {
		if (!ssl.enabled()) {
			return null;
		}
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new CommandFailedException("ftp.client.ssl.bundle is '" + ssl.bundle() + "', but no SSL bundle is"
					+ " configured: add spring.ssl.bundle.pem." + ssl.bundle() + ".truststore.certificate");
		}
		try {
			SslBundle bundle = bundles.getBundle(ssl.bundle());
			SslOptions options = bundle.getOptions();
			return new Tls(bundle.createSslContext(), options.getEnabledProtocols(), options.getCiphers());
		}
		catch (RuntimeException ex) {
			throw new CommandFailedException("cannot use the SSL bundle '" + ssl.bundle() + "' of ftp.client.ssl.bundle: "
					+ ex.getMessage());
		}
	}

	@Bean
	AvailabilityProvider connectedAvailability(ClientConnection connection) {
		return () -> connection.isConnected() ? Availability.available()
				: Availability.unavailable(ClientConnection.NOT_CONNECTED);
	}

	@Bean
	PromptProvider promptProvider(ClientConnection connection) {
		return () -> new AttributedString(
				connection.current().map(client -> "simple-ftp " + client.server() + "> ").orElse("simple-ftp> "),
				AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
	}

	/** The terminal: dumb without a console, else built without starting a process (see the class). */
	@Bean
	TerminalCustomizer quickTerminal() {
		return new QuickTerminal();
	}

	/** Progress bars on the interactive shell's terminal, unless the client was started with --quiet. */
	@Bean
	ProgressBars progressBars(Terminal terminal, ApplicationArguments arguments, ClientSettings settings) {
		return new ProgressBars(terminal, settings.quiet() || arguments.containsOption("quiet"));
	}

	@Bean
	ClientRunner clientRunner(LineReader lineReader, PromptProvider promptProvider, CommandParser parser,
			CommandRegistry registry, ClientConnection connection, Environment environment) {
		boolean interactive = environment.getProperty("spring.shell.interactive.enabled", Boolean.class, true);
		return new ClientRunner(lineReader, promptProvider, parser, registry, connection, interactive);
	}

}
