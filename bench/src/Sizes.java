import java.time.Duration;
import java.util.Locale;

/** Sizes and rates as labels and numbers. */
final class Sizes {

	private Sizes() {
	}

	static double mibPerSecond(long bytes, long nanos) {
		return (bytes / (double) Bench.MIB) / (nanos / 1e9);
	}

	/** For scenario names: 1gib, 64mib, 4kib. */
	static String label(long bytes) {
		return human(bytes).replace(" ", "").toLowerCase(Locale.ROOT);
	}

	static String human(long bytes) {
		if (bytes % Bench.GIB == 0) {
			return bytes / Bench.GIB + " GiB";
		}
		if (bytes % Bench.MIB == 0) {
			return bytes / Bench.MIB + " MiB";
		}
		if (bytes % Bench.KIB == 0) {
			return bytes / Bench.KIB + " KiB";
		}
		return bytes + " B";
	}

	static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
