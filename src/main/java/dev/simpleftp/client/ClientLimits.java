package dev.simpleftp.client;

import java.time.Duration;

/**
 * What a connection accepts from a server, so that a server that lies about sizes, trickles bytes
 * or sends a huge listing cannot fill the client's disk, hold it for ever or exhaust its memory.
 *
 * @param timeout for the connection, each reply, and each pause in a transfer
 * @param minRate bytes per second a body must move, averaged over each {@code timeout}; 0 for none
 * @param minFreeSpace bytes to keep free on the client directory's disk: a download that would leave
 * less is refused before any byte of it is written
 * @param maxListEntries the most entries a listing may have
 */
public record ClientLimits(Duration timeout, long minRate, long minFreeSpace, int maxListEntries) {

	/** The defaults of {@code application.yml}, as {@link ClientSettings} has them. */
	public static final long DEFAULT_MIN_RATE = 1024;

	public static final long DEFAULT_MIN_FREE_SPACE = 256L * 1024 * 1024;

	public static final int DEFAULT_MAX_LIST_ENTRIES = 1_000_000;

	public ClientLimits {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("the timeout must be more than zero");
		}
		if (minRate < 0 || minFreeSpace < 0 || maxListEntries < 1) {
			throw new IllegalArgumentException("min-rate and min-free-space must not be negative, max-list-entries"
					+ " must be at least 1");
		}
	}

	/** The default limits with {@code timeout}. */
	public static ClientLimits of(Duration timeout) {
		return new ClientLimits(timeout, DEFAULT_MIN_RATE, DEFAULT_MIN_FREE_SPACE, DEFAULT_MAX_LIST_ENTRIES);
	}

	public ClientLimits withMinFreeSpace(long bytes) {
		return new ClientLimits(this.timeout, this.minRate, bytes, this.maxListEntries);
	}

	public ClientLimits withMaxListEntries(int entries) {
		return new ClientLimits(this.timeout, this.minRate, this.minFreeSpace, entries);
	}

}
