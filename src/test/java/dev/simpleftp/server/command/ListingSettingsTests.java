package dev.simpleftp.server.command;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link ListingSettings}: bound beside the server's other settings, and refused when out of range. */
class ListingSettingsTests {

	@Test
	void bothSettingsBindUnderTheServersPrefixAndDefaultWhenMissing() {
		assertThat(bind(Map.of("ftp.server.max-list-entries", "5", "ftp.server.concurrent-listings", "3")))
			.isEqualTo(new ListingSettings(5, 3));
		assertThat(bind(Map.of("ftp.server.port", "2121"))).isEqualTo(ListingSettings.defaults());
	}

	@Test
	void anOutOfRangeValueIsRefusedWithTheSettingNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ListingSettings(0, 2))
			.withMessage("ftp.server.max-list-entries must be 1 to 10000000, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new ListingSettings(10_000_001, 2))
			.withMessage("ftp.server.max-list-entries must be 1 to 10000000, not 10000001");
		assertThatIllegalArgumentException().isThrownBy(() -> new ListingSettings(5, 0))
			.withMessage("ftp.server.concurrent-listings must be at least 1, not 0");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("ftp.server.concurrent-listings", "0")))
			.havingRootCause()
			.withMessage("ftp.server.concurrent-listings must be at least 1, not 0");
	}

	private static ListingSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("ftp.server", ListingSettings.class);
	}

}
