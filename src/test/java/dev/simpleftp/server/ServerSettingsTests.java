package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.TestSettings;
import dev.simpleftp.storage.local.Durability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The settings records check their values themselves (no Bean Validation), each with a message naming the setting. */
class ServerSettingsTests {

	private static final Path DIR = Path.of("server");

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	/** The smallest valid settings, with every other value at its default, that each check below changes one value of. */
	private static TestSettings valid() {
		return TestSettings.defaults(DIR).host("h").maxConnections(1).shutdownTimeout(TEN_SECONDS).waitingThreads(0)
			.maxConnectionsPerAddress(10000);
	}

	@Test
	void theEdgesOfEveryRangeAreAccepted() {
		assertThatCode(() -> valid().host("::1").shutdownTimeout(Duration.ZERO).build()).doesNotThrowAnyException();
		assertThatCode(() -> valid().host("host").port(65535).maxConnections(100).zeroCopy(true).waitingThreads(32).build()).doesNotThrowAnyException();
	}

	@Test
	void eachBadValueIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> valid().host(" "))
			.withMessage("ftp.server.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().host(null))
			.withMessage("ftp.server.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().port(-1))
			.withMessage("ftp.server.port must be 0 to 65535, not -1");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().port(65536))
			.withMessage("ftp.server.port must be 0 to 65535, not 65536");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().directory(null))
			.withMessage("ftp.server.directory must be set");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().maxConnections(0))
			.withMessage("ftp.server.max-connections must be at least 1, not 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> valid().shutdownTimeout(Duration.ofSeconds(-1)))
			.withMessage("ftp.server.shutdown-timeout must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().shutdownTimeout(null))
			.withMessage("ftp.server.shutdown-timeout must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> valid().waitingThreads(-1))
			.withMessage("ftp.server.waiting-threads must not be negative, not -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> valid().partialMaxAge(Duration.ZERO))
			.withMessage("ftp.server.partial-max-age must be more than zero");
	}

	@Test
	void limitsAndTimeoutsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestSettings.of(DIR).maxConnectionsPerAddress(0))
			.withMessage("ftp.server.max-connections-per-address must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> TestSettings.of(DIR).firstRequestTimeout(null))
			.withMessage("ftp.server.first-request-timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> TestSettings.of(DIR).idleTimeout(Duration.ZERO))
			.withMessage("ftp.server.idle-timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> TestSettings.of(DIR).stallTimeout(Duration.ofSeconds(-1)))
			.withMessage("ftp.server.stall-timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> TestSettings.of(DIR).maxFileSize(DataSize.ofBytes(-1)))
			.withMessage("ftp.server.max-file-size must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> TestSettings.of(DIR).minFreeSpace(null))
			.withMessage("ftp.server.min-free-space must not be negative");
		assertThatCode(() -> TestSettings.of(DIR).maxFileSize(DataSize.ofBytes(0)).minFreeSpace(DataSize.ofBytes(0)))
			.doesNotThrowAnyException();
	}

	@Test
	void theServersStoreForcesItsCommitsUnlessDurableIsOff(@TempDir Path directory) throws IOException {
		ServerConfiguration configuration = new ServerConfiguration();
		assertThat(configuration.serverFileStore(TestSettings.of(directory).build()).durability())
			.isSameAs(Durability.synced());
		assertThat(configuration.serverFileStore(TestSettings.of(directory).durable(false).build()).durability())
			.isSameAs(Durability.none());
	}

	@Test
	void aBlankSslBundleIsNone() {
		assertThat(new ServerSettings.Ssl(null).enabled()).isFalse();
		assertThat(new ServerSettings.Ssl("").enabled()).isFalse();
		assertThat(new ServerSettings.Ssl(" ").bundle()).isNull();
		assertThat(new ServerSettings.Ssl("server").enabled()).isTrue();
	}

}
