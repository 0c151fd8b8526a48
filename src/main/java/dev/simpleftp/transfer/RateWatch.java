package dev.simpleftp.transfer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimum-rate count, for both sides: the bytes a request (the server's) or a body (the
 * client's) moves, judged over stretches of one window each, so that a peer that trickles a byte
 * now and then cannot hold a connection for ever. The caller says when a stretch begins
 * ({@link #begin}), when nothing is judged ({@link #idle}) and when work that moved no bytes was
 * progress ({@link #restart}); a watchdog asks {@link #judge} now and then.
 */
public final class RateWatch {

	/** When the current stretch began; 0 while nothing is judged. */
	private volatile long since;

	/** Bytes moved since {@link #since}. */
	private final AtomicLong bytes = new AtomicLong();

	/** Bytes moved; they count towards the current stretch. */
	public void moved(long count) {
		this.bytes.addAndGet(count);
	}

	/**
	 * Begins a stretch at {@code now} unless one is under way.
	 * @return true if one began: there is nothing to judge yet
	 */
	public boolean begin(long now) {
		if (this.since != 0) {
			return false;
		}
		this.bytes.set(0);
		this.since = now;
		return true;
	}

	/** Nothing is judged until the next {@link #begin}. */
	public void idle() {
		this.since = 0;
	}

	/** Work moved no bytes but was progress: the current stretch, if any, starts again at {@code now}. */
	public void restart(long now) {
		if (this.since != 0) {
			this.since = now;
			this.bytes.set(0);
		}
	}

	/**
	 * Judges the current stretch once it has lasted {@code windowNanos}; the next one begins at
	 * {@code now}.
	 * @return the bytes moved in it if that is fewer than {@code minBytes}, or -1 if it was not too
	 * slow, is not over yet, or there is none
	 */
	public long judge(long now, long windowNanos, long minBytes) {
		long start = this.since;
		if (start == 0 || now - start < windowNanos) {
			return -1;
		}
		long moved = this.bytes.getAndSet(0);
		this.since = now;
		return (moved < minBytes) ? moved : -1;
	}

}
