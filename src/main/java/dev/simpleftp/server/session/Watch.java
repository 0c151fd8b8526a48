package dev.simpleftp.server.session;

import java.time.Duration;

import dev.simpleftp.transfer.RateWatch;

/**
 * One session's clock and its cut-off: when bytes last moved, how long it has waited for a
 * request, its minimum rate, and the decision, each time the {@link ConnectionWatchdog} looks,
 * whether a timeout has run out; if one has, why, which the session tells its peer.
 */
final class Watch {

	/** How long a session told it has timed out may take to say so and close before it is closed outright. */
	private static final long CLOSE_GRACE_NANOS = Duration.ofSeconds(2).toNanos();

	/**
	 * How long after it was cut off a session's thread may take to end it before the watchdog gives
	 * its slots back without it: a thread stuck where closing the socket cannot reach it (opening a
	 * FIFO, a hung disk) must not hold a connection's place until the server restarts.
	 */
	private static final long ABANDON_NANOS = 2 * CLOSE_GRACE_NANOS;

	private final Session session;

	private final Lifecycle lifecycle;

	private final RefusalLog refusals;

	private final String peer;

	private final Gate gate;

	private final long opened = System.nanoTime();

	/** When bytes last moved either way on the connection. */
	private volatile long lastMoved = this.opened;

	/** When the session last began to wait for a request. */
	private volatile long waitingSince = this.opened;

	/** Whether a complete request line has come yet. */
	private volatile boolean requested;

	/** Why the server cut the connection off (a timeout), or {@code null}. */
	private volatile String cutOff;

	private volatile long cutOffAt;

	private final RateWatch rate = new RateWatch();

	Watch(Session session, Lifecycle lifecycle, RefusalLog refusals, String peer, Gate gate) {
		this.session = session;
		this.lifecycle = lifecycle;
		this.refusals = refusals;
		this.peer = peer;
		this.gate = gate;
	}

	void moved(long bytes) {
		this.lastMoved = System.nanoTime();
		this.rate.moved(bytes);
	}

	/** See {@link dev.simpleftp.server.command.RequestContext#stillWorking()}. */
	void stillWorking() {
		long now = System.nanoTime();
		this.lastMoved = now;
		this.rate.restart(now);
	}

	void requestArrived() {
		this.requested = true;
		this.lastMoved = System.nanoTime();
	}

	void waiting() {
		this.waitingSince = System.nanoTime();
	}

	long opened() {
		return this.opened;
	}

	long cutOffAt() {
		return this.cutOffAt;
	}

	/** Why the server cut the connection off, or {@code null} if it did not. */
	String cutOff() {
		return this.cutOff;
	}

	/**
	 * Enforces the timeouts, called by the watchdog now and then: a session waiting for its first
	 * request or its next one too long is told why and closed; one handling a request that has moved
	 * no bytes either way for {@code stall} is closed at once (a transfer in flight is discarded as
	 * on any cut-off). A long transfer that keeps moving is never cut off.
	 */
	void watch(long now, Timeouts timeouts) {
		if (this.cutOff != null) {
			if (now - this.cutOffAt > ABANDON_NANOS) {
				this.session.abandon(now);
			}
			else if (now - this.cutOffAt > CLOSE_GRACE_NANOS) {
				this.session.abort(); // it could not even say why: its peer reads nothing
			}
			return;
		}
		if (!this.gate.admitted() && now - this.opened > timeouts.login().toNanos()) {
			String why = this.gate.lacking() + " within " + Timeouts.describe(timeouts.login()) + " of connecting";
			if (this.lifecycle.closeIfIdle()) {
				cutOff(now, "login timeout", why);
				this.session.closeInput();
			}
			else if (this.lifecycle.state() != Lifecycle.State.CLOSED) {
				cutOff(now, "login timeout", why);
				this.session.abort();
			}
			return;
		}
		switch (this.lifecycle.state()) {
			case IDLE -> {
				this.rate.idle();
				boolean first = !this.requested;
				Duration limit = first ? timeouts.firstRequest() : timeouts.idle();
				if (now - this.waitingSince > limit.toNanos() && this.lifecycle.closeIfIdle()) {
					String why = first ? "no complete request within " + Timeouts.describe(limit) + " of connecting"
							: "idle for " + Timeouts.describe(limit);
					cutOff(now, first ? "first-request timeout" : "idle timeout", why);
					this.session.closeInput();
				}
			}
			case BUSY, FINISHING -> {
				if (now - this.lastMoved > timeouts.stall().toNanos()) {
					cutOff(now, "stall timeout", "stalled: no bytes moved for " + Timeouts.describe(timeouts.stall())
							+ " in the middle of a request");
					this.session.abort();
				}
				else {
					// The count starts when the watchdog first sees the request, and again after server work
					// (hashing a file): a request shorter than one stall timeout is never judged.
					long slow = this.rate.begin(now) ? -1
							: this.rate.judge(now, timeouts.stall().toNanos(), timeouts.minBytesPerStall());
					if (slow >= 0) {
						cutOff(now, "too slow", "too slow: " + slow + " bytes moved in " + Timeouts.describe(timeouts.stall())
								+ ", under the minimum of " + timeouts.minRate() + " bytes/s in the middle of a request");
						this.session.abort();
					}
				}
			}
			default -> {
			}
		}
	}

	private void cutOff(long now, String kind, String why) {
		this.cutOffAt = now;
		this.cutOff = why;
		this.refusals.refused(kind, this.peer, "closed: " + why);
	}

}
