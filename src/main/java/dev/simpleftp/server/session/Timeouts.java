package dev.simpleftp.server.session;

import java.time.Duration;

/**
 * How long a connection may wait for its first request, wait between requests, and move no bytes
 * in the middle of one ({@code ftp.server.first-request-timeout}, {@code idle-timeout},
 * {@code stall-timeout}); how long it may take to log in where the server requires it
 * ({@code login-timeout}); and the bytes per second a request must move, averaged over each
 * stall timeout ({@code min-rate}, 0 for none).
 */
public record Timeouts(Duration firstRequest, Duration idle, Duration stall, Duration login, long minRate) {

	/** The bytes a request must move in each stall timeout to keep the minimum rate. */
	public long minBytesPerStall() {
		return this.minRate * this.stall.toMillis() / 1000;
	}

	/** How often the watchdog looks: a quarter of the shortest timeout, from 50 ms to a second. */
	Duration tick() {
		Duration shortest = this.firstRequest;
		for (Duration timeout : new Duration[] { this.idle, this.stall, this.login }) {
			if (timeout.compareTo(shortest) < 0) {
				shortest = timeout;
			}
		}
		long millis = Math.max(50, Math.min(1000, shortest.toMillis() / 4));
		return Duration.ofMillis(millis);
	}

	/** "10 s", "5 min", "1500 ms": as a person would say it in an error message. */
	public static String describe(Duration duration) {
		if (duration.toMillis() % 1000 != 0) {
			return duration.toMillis() + " ms";
		}
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + " h";
		}
		if (seconds % 60 == 0 && seconds >= 120) {
			return (seconds / 60) + " min";
		}
		return seconds + " s";
	}

}
