package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.storage.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.ssl.SslBundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The client's settings check their values themselves, each with a message naming the setting. */
class ClientSettingsTests {

	private static final Path DIR = Path.of("client");

	@Test
	void aTimeoutOfOneNanosecondIsStillATimeout() {
		assertThatCode(() -> new ClientSettings("h", 12000, DIR, Duration.ofNanos(1), false, new ClientSettings.Ssl(null), true)).doesNotThrowAnyException();
	}

	@Test
	void theClientsStoreForcesDownloadsUnlessDurableIsOffAndKeepsThatAcrossLcd(@TempDir Path directory) throws IOException {
		Files.createDirectories(directory.resolve("sub"));
		for (boolean durable : new boolean[] { true, false }) {
			ClientConnection connection = new ClientConfiguration().clientConnection(
					new ClientSettings("h", 12000, directory, Duration.ofSeconds(1), false, new ClientSettings.Ssl(null), durable),
					new StaticListableBeanFactory().getBeanProvider(SslBundles.class));
			assertThat(connection.local().durability()).isSameAs(Durability.of(durable));
			connection.changeLocal("sub");
			assertThat(connection.local().durability()).isSameAs(Durability.of(durable));
		}
	}

	@Test
	void eachBadValueIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("", 12000, DIR, Duration.ofSeconds(1), false, new ClientSettings.Ssl(null), true))
			.withMessage("ftp.client.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", 12000, null, Duration.ofSeconds(1), false, new ClientSettings.Ssl(null), true))
			.withMessage("ftp.client.directory must be set");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", 12000, DIR, Duration.ZERO, false, new ClientSettings.Ssl(null), true))
			.withMessage("ftp.client.timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", 12000, DIR, Duration.ofSeconds(-5), false, new ClientSettings.Ssl(null), true))
			.withMessage("ftp.client.timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", 12000, DIR, null, false, new ClientSettings.Ssl(null), true))
			.withMessage("ftp.client.timeout must be more than zero");
	}

}
