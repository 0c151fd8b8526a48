package dev.simpleftp.server;

import java.util.concurrent.atomic.AtomicLong;

import dev.simpleftp.server.session.Timeouts;

/**
 * {@code ftp.server.min-rate} for one session: each stall timeout of a request in progress must
 * move at least the minimum rate's bytes for that time, counted as the session's reader and writer
 * report them. The count starts when the watchdog first sees the request and again after server
 * work (hashing a file), so a request shorter than one stall timeout is never judged.
 */
public final class RateWatch {

	/** When the current stretch began; 0 while the session waits for a request. */
	private volatile long since;

	/** Bytes moved either way since {@link #since}. */
	private final AtomicLong bytes = new AtomicLong();

	/** Bytes moved on the connection, either way. */
	public void moved(long count) {
		this.bytes.addAndGet(count);
	}

	/** The session waits for a request: nothing is judged until the next one. */
	public void idle() {
		this.since = 0;
	}

	/** Server work moved no bytes but was progress: the current stretch starts again at {@code now}. */
	public void restart(long now) {
		if (this.since != 0) {
			this.since = now;
			this.bytes.set(0);
		}
	}

	/**
	 * Called by the watchdog for a busy session.
	 * @return why the request is too slow, or {@code null} if it is not (or not yet judged)
	 */
	public String tooSlow(long now, Timeouts timeouts) {
		long start = this.since;
		if (start == 0) {
			this.since = now;
			this.bytes.set(0);
			return null;
		}
		if (now - start < timeouts.stall().toNanos()) {
			return null;
		}
		long moved = this.bytes.getAndSet(0);
		this.since = now;
		return (moved < timeouts.minBytesPerStall()) ? "too slow: " + moved + " bytes moved in "
				+ Timeouts.describe(timeouts.stall()) + ", under the minimum of " + timeouts.minRate()
				+ " bytes/s in the middle of a request" : null;
	}

}
