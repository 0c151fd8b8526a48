package dev.simpleftp.protocol;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputTests {

	@ParameterizedTest
	@CsvSource({ "0, 0 B", "1, 1 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "1048576, 1.0 MiB",
			"1572864, 1.5 MiB", "67108864, 64.0 MiB", "1073741824, 1.0 GiB", "1099511627776, 1.0 TiB",
			"1125899906842624, 1024.0 TiB", "9223372036854775807, 8388608.0 TiB" })
	void sizeUsesBinaryUnitsWithOneDecimal(long bytes, String expected) {
		assertThat(Throughput.size(bytes)).isEqualTo(expected);
	}

	@Test
	void sizeUsesADecimalPointWhateverTheDefaultLocale() {
		Locale saved = Locale.getDefault();
		Locale.setDefault(Locale.GERMANY);
		try {
			assertThat(Throughput.size(1536)).isEqualTo("1.5 KiB");
			assertThat(Throughput.describe(1024 * 1024, Duration.ofMillis(1500))).isEqualTo(
					"1.0 MiB in 1.50 s (682.7 KiB/s)");
		}
		finally {
			Locale.setDefault(saved);
		}
	}

	@Test
	void describeGivesSizeTimeAndRate() {
		assertThat(Throughput.describe(1024 * 1024, Duration.ofSeconds(1))).isEqualTo("1.0 MiB in 1.00 s (1.0 MiB/s)");
		assertThat(Throughput.describe(1024, Duration.ofMillis(500))).isEqualTo("1.0 KiB in 500 ms (2.0 KiB/s)");
		assertThat(Throughput.describe(10, Duration.ofMillis(999))).isEqualTo("10 B in 999 ms (10 B/s)");
		assertThat(Throughput.describe(0, Duration.ofMinutes(2))).isEqualTo("0 B in 120.00 s (0 B/s)");
	}

	@Test
	void describeOfNoElapsedTimeDoesNotDivideByZero() {
		assertThat(Throughput.describe(100, Duration.ZERO)).startsWith("100 B in 0 ms (").endsWith("/s)")
			.doesNotContain("Infinity", "NaN");
		assertThat(Throughput.describe(0, Duration.ZERO)).isEqualTo("0 B in 0 ms (0 B/s)");
		assertThat(Throughput.describe(Long.MAX_VALUE, Duration.ZERO)).isEqualTo(
				"8388608.0 TiB in 0 ms (8388608.0 TiB/s)");
	}

	@Test
	void sizesJustBelowAUnitRoundUpIntoIt() {
		assertThat(Throughput.size(1048575)).isEqualTo("1.0 MiB");
		assertThat(Throughput.size(1024L * 1024 * 1024 - 1)).isEqualTo("1.0 GiB");
	}
}
