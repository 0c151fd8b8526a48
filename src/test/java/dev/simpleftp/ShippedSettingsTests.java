package dev.simpleftp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.simpleftp.client.shell.ClientSettings;
import dev.simpleftp.server.ServerSettings;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.command.ListingSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application.yml we ship, under a setting given on the command line: its defaults bind, and
 * it hides nothing. A key left without a value there ("ssl:" with only comments under it) once made
 * Boot drop --ftp.server.ssl.bundle and --ftp.client.ssl.bundle, so both sides ran without TLS and
 * said nothing (found by the TLS bench).
 */
class ShippedSettingsTests {

	@Test
	void commandLineSslBundlesWinOverTheShippedFile() throws IOException {
		Binder binder = binder(Map.of("ftp.server.ssl.bundle", "server", "ftp.client.ssl.bundle", "ftp-ca"));
		assertThat(binder.bindOrCreate("ftp.server", ServerSettings.class).ssl().bundle()).isEqualTo("server");
		assertThat(binder.bindOrCreate("ftp.client", ClientSettings.class).ssl().bundle()).isEqualTo("ftp-ca");
	}

	@Test
	void durableIsOnByDefaultAndCanBeTurnedOffOnEachSide() throws IOException {
		Binder shipped = binder(Map.of());
		assertThat(shipped.bindOrCreate("ftp.server", ServerSettings.class).durable()).isTrue();
		assertThat(shipped.bindOrCreate("ftp.client", ClientSettings.class).durable()).isTrue();
		Binder off = binder(Map.of("ftp.server.durable", "false", "ftp.client.durable", "false"));
		assertThat(off.bindOrCreate("ftp.server", ServerSettings.class).durable()).isFalse();
		assertThat(off.bindOrCreate("ftp.client", ClientSettings.class).durable()).isFalse();
	}

	@Test
	void theShippedFileAloneGivesTheDefaults() throws IOException {
		Binder binder = binder(Map.of());
		ServerSettings server = binder.bindOrCreate("ftp.server", ServerSettings.class);
		assertThat(server.ssl().enabled()).isFalse();
		assertThat(server.host()).isEqualTo("127.0.0.1");
		assertThat(server).isEqualTo(ServerSettings.defaults(server.directory(), server.port()));
		assertThat(binder.bindOrCreate("ftp.server", ListingSettings.class)).isEqualTo(ListingSettings.defaults());
		assertThat(binder.bindOrCreate("ftp.client", ClientSettings.class).ssl().enabled()).isFalse();
		assertThat(binder.bindOrCreate("ftp.server", AccountSettings.class).login()).isEqualTo(AccountSettings.Login.DEFAULTS);
	}

	private static Binder binder(Map<String, Object> commandLine) throws IOException {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new MapPropertySource("commandLine", commandLine));
		List<PropertySource<?>> shipped = new ArrayList<>(
				new YamlPropertySourceLoader().load("application.yml", new FileSystemResource("application.yml")));
		shipped.forEach(sources::addLast);
		return new Binder(ConfigurationPropertySources.from(sources));
	}

}
