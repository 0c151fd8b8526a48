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

	@Test
	void theEdgesOfEveryRangeAreAccepted() {
		assertThatCode(() -> new ServerSettings("::1", 0, DIR, 1, Duration.ZERO, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true)).doesNotThrowAnyException();
		assertThatCode(() -> new ServerSettings("host", 65535, DIR, 100, TEN_SECONDS, true, 32, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true)).doesNotThrowAnyException();
	}

	@Test
	void eachBadValueIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings(" ", 0, DIR, 1, TEN_SECONDS, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings(null, 0, DIR, 1, TEN_SECONDS, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings("h", -1, DIR, 1, TEN_SECONDS, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.port must be 0 to 65535, not -1");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings("h", 65536, DIR, 1, TEN_SECONDS, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.port must be 0 to 65535, not 65536");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings("h", 0, null, 1, TEN_SECONDS, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.directory must be set");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings("h", 0, DIR, 0, TEN_SECONDS, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.max-connections must be at least 1, not 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServerSettings("h", 0, DIR, 1, Duration.ofSeconds(-1), false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.shutdown-timeout must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings("h", 0, DIR, 1, null, false, 0, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.shutdown-timeout must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServerSettings("h", 0, DIR, 1, TEN_SECONDS, false, -1, Duration.ofHours(24), 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
			.withMessage("ftp.server.waiting-threads must not be negative, not -1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServerSettings("h", 0, DIR, 1, TEN_SECONDS, false, 0, Duration.ZERO, 10000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), DataSize.ofTerabytes(1), DataSize.ofGigabytes(1), new ServerSettings.Ssl(null), false, false, Duration.ofSeconds(30), null, 4, DataSize.ofKilobytes(1), true))
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
