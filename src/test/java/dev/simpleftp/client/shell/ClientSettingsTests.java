package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.TestClientSettings;
import dev.simpleftp.storage.local.Durability;
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

	/** Valid settings, with the defaults, that each check below changes one value of. */
	private static TestClientSettings valid() {
		return TestClientSettings.of(DIR).host("h").timeout(Duration.ofSeconds(1));
	}

	@Test
	void aTimeoutOfOneNanosecondIsStillATimeout() {
		assertThatCode(() -> valid().timeout(Duration.ofNanos(1)).build()).doesNotThrowAnyException();
	}

	@Test
	void theClientsStoreForcesDownloadsUnlessDurableIsOffAndKeepsThatAcrossLcd(@TempDir Path directory) throws IOException {
		Files.createDirectories(directory.resolve("sub"));
		for (boolean durable : new boolean[] { true, false }) {
			ClientConnection connection = new ClientConfiguration().clientConnection(
					valid().directory(directory).durable(durable).build(),
					new StaticListableBeanFactory().getBeanProvider(SslBundles.class));
			assertThat(connection.local().durability()).isSameAs(Durability.of(durable));
			connection.changeLocal("sub");
			assertThat(connection.local().durability()).isSameAs(Durability.of(durable));
		}
	}

	@Test
	void eachBadValueIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().host(""))
			.withMessage("ftp.client.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().directory(null))
			.withMessage("ftp.client.directory must be set");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().timeout(Duration.ZERO))
			.withMessage("ftp.client.timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().timeout(Duration.ofSeconds(-5)))
			.withMessage("ftp.client.timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().timeout(null))
			.withMessage("ftp.client.timeout must be more than zero");
	}

}
