package dev.simpleftp.transfer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How a finished transfer reads to a person: size, time and rate, as both sides print and log it. */
public final class Throughput {

	private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

	private Throughput() {
	}

	/** For example {@code 1.0 MiB in 12 ms (83.3 MiB/s)}. */
	public static String describe(long bytes, Duration elapsed) {
		double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
		return size(bytes) + " in " + time(elapsed) + " (" + size((long) (bytes / seconds)) + "/s)";
	}

	/** {@code 0 B}, {@code 1023 B}, {@code 1.5 KiB}, {@code 64.0 MiB}. */
	public static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		int unit = 0;
		// 1023.95 and above would print as "1024.0", so they take the next unit.
		while (value >= 1023.95 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		return decimal(value, 10) + " " + UNITS[unit];
	}

	private static String time(Duration elapsed) {
		long millis = elapsed.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		return decimal(elapsed.toNanos() / 1e9, 100) + " s";
	}

	/**
	 * {@code value} rounded to one decimal ({@code scale} 10) or two (100), as {@code %.1f} would
	 * print it; by hand, since a multi-file transfer prints a line per file and String.format is
	 * slow in a JVM that has just started.
	 */
	private static String decimal(double value, int scale) {
		BigDecimal rounded = BigDecimal.valueOf(value).setScale((scale == 100) ? 2 : 1, RoundingMode.HALF_UP);
		return rounded.toPlainString();
	}

}
