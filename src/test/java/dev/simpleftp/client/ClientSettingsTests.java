package dev.simpleftp.client;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The client's settings check their values themselves, each with a message naming the setting. */
class ClientSettingsTests {

	private static final Path DIR = Path.of("client");

	@Test
	void aTimeoutOfOneNanosecondIsStillATimeout() {
		assertThatCode(() -> new ClientSettings("h", DIR, Duration.ofNanos(1), false, new ClientSettings.Ssl(null))).doesNotThrowAnyException();
	}

	@Test
	void eachBadValueIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("", DIR, Duration.ofSeconds(1), false, new ClientSettings.Ssl(null)))
			.withMessage("ftp.client.host must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", null, Duration.ofSeconds(1), false, new ClientSettings.Ssl(null)))
			.withMessage("ftp.client.directory must be set");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", DIR, Duration.ZERO, false, new ClientSettings.Ssl(null)))
			.withMessage("ftp.client.timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", DIR, Duration.ofSeconds(-5), false, new ClientSettings.Ssl(null)))
			.withMessage("ftp.client.timeout must be more than zero");
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientSettings("h", DIR, null, false, new ClientSettings.Ssl(null)))
			.withMessage("ftp.client.timeout must be more than zero");
	}

}
