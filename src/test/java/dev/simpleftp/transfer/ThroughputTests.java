package dev.simpleftp.transfer;

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

	/** Sizes whose value in their unit lies on or next to a rounding boundary of one decimal. */
	@ParameterizedTest
	@CsvSource({ "1075, 1.0 KiB", "1076, 1.1 KiB", "1996, 1.9 KiB", "1997, 2.0 KiB", "10188, 9.9 KiB",
			"10189, 10.0 KiB", "1048524, 1023.9 KiB", "1048525, 1.0 MiB", "1101004, 1.0 MiB", "1101005, 1.1 MiB",
			"1048471, 1023.9 KiB", "10433331, 9.9 MiB", "10433332, 10.0 MiB" })
	void sizeRoundsHalfUpAtEachBoundary(long bytes, String expected) {
		assertThat(Throughput.size(bytes)).isEqualTo(expected);
	}

	@Test
	void sizePrintsAsPercentPointOneFWouldForEverySizeUpToSixteenKibibytesAndAroundEachUnit() {
		for (long bytes = 1024; bytes < 16 * 1024; bytes++) {
			assertSizeAsFormatted(bytes);
		}
		for (long unit = 1024; unit <= 1024L * 1024 * 1024; unit *= 1024) {
			long nextUnit = unit * 1024;
			long justBelow = (long) (unit * 1023.95);
			for (long bytes = justBelow - 500; bytes < justBelow + 500; bytes++) {
				assertSizeAsFormatted(bytes);
			}
			for (long bytes = nextUnit - 500; bytes < nextUnit + 500; bytes++) {
				assertSizeAsFormatted(bytes);
			}
		}
	}

	/** Durations of whole milliseconds, one second and more, as {@code %.2f} prints them in seconds. */
	@ParameterizedTest
	@CsvSource({ "1000, 1.00", "1004, 1.00", "1005, 1.01", "1006, 1.01", "1015, 1.02", "1050, 1.05", "1994, 1.99",
			"1995, 2.00", "9995, 10.00", "2675, 2.68", "99995, 100.00", "123456, 123.46" })
	void timeOfASecondOrMoreRoundsHalfUpToTwoDecimals(long millis, String seconds) {
		assertThat(Throughput.describe(0, Duration.ofMillis(millis))).isEqualTo("0 B in " + seconds + " s (0 B/s)");
	}

	@Test
	void timePrintsAsPercentPointTwoFWouldForEveryMillisecondFromOneToTwentySeconds() {
		for (long millis = 1000; millis <= 20_000; millis++) {
			double seconds = Duration.ofMillis(millis).toNanos() / 1e9;
			assertThat(Throughput.describe(0, Duration.ofMillis(millis)))
				.isEqualTo("0 B in " + String.format(Locale.ROOT, "%.2f", seconds) + " s (0 B/s)");
		}
	}

	@Test
	void timeJustUnderASecondIsMillisecondsAndTheRestAreNotRoundedUp() {
		assertThat(Throughput.describe(0, Duration.ofNanos(999_999_999))).isEqualTo("0 B in 999 ms (0 B/s)");
		assertThat(Throughput.describe(0, Duration.ofNanos(1_004_999_999))).isEqualTo("0 B in 1.00 s (0 B/s)");
		assertThat(Throughput.describe(0, Duration.ofNanos(1_009_999_999))).isEqualTo("0 B in 1.01 s (0 B/s)");
	}

	private static void assertSizeAsFormatted(long bytes) {
		double value = bytes;
		String[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
		int unit = 0;
		while (unit < units.length - 1 && (value >= 1024 || String.format(Locale.ROOT, "%.1f", value).equals("1024.0"))) {
			value /= 1024;
			unit++;
		}
		assertThat(Throughput.size(bytes)).as("size(%d)", bytes)
			.isEqualTo(String.format(Locale.ROOT, "%.1f", value) + " " + units[unit]);
	}

}
