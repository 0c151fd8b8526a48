package dev.simpleftp.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.transfer.RateWatch;

/**
 * Closes a channel that has been waiting longer than its timeout with no progress, or whose body
 * moves fewer than the minimum rate's bytes in a timeout. Reads made directly on a socket channel
 * ignore SO_TIMEOUT and no socket timeout covers writes, so a silent or stalled server would
 * otherwise hang the client for ever, and one that trickles a byte now and then would keep it for
 * ever despite the timeout.
 */
final class Watchdog implements AutoCloseable {

	private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "ftp-client-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private final Closeable target;

	private final long timeoutNanos;

	private final long minRate;

	private final long minBytesPerTimeout;

	private final ScheduledFuture<?> check;

	/** The stretches of a body over which the rate is judged; idle outside bodies. */
	private final RateWatch rate = new RateWatch();

	private volatile boolean tooSlow;

	private volatile long lastProgress;

	private volatile boolean armed;

	private volatile boolean fired;

	/** @param minRate bytes per second a body must move, averaged over each {@code timeout}; 0 for none */
	Watchdog(Closeable target, Duration timeout, long minRate) {
		this.target = target;
		this.timeoutNanos = timeout.toNanos();
		this.minRate = minRate;
		this.minBytesPerTimeout = (long) Math.min(Long.MAX_VALUE, (double) minRate * timeout.toMillis() / 1000);
		long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
		this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	/** Starts timing a wait. */
	void arm() {
		this.lastProgress = System.nanoTime();
		this.rate.idle();
		this.armed = true;
	}

	/** A reply line arrived: the wait starts again, and any body before it is over. */
	void progress() {
		this.lastProgress = System.nanoTime();
		this.rate.idle();
	}

	/** Bytes of a body moved: the wait starts again, and they count towards the minimum rate. */
	void moved(long bytes) {
		long now = System.nanoTime();
		this.lastProgress = now;
		this.rate.begin(now);
		this.rate.moved(bytes);
	}

	/** Stops timing: what follows is local work (parsing, the disk), not the network. */
	void disarm() {
		this.armed = false;
	}

	/** True if this watchdog closed the target because a body moved slower than the minimum rate. */
	boolean tooSlow() {
		return this.tooSlow;
	}

	/** Bytes per second a body must move, 0 for no minimum. */
	long minRate() {
		return this.minRate;
	}

	/** True if this watchdog closed the target. */
	boolean fired() {
		return this.fired;
	}

	Duration timeout() {
		return Duration.ofNanos(this.timeoutNanos);
	}

	private void check() {
		if (!this.armed) {
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastProgress > this.timeoutNanos) {
			fire();
			return;
		}
		if (this.minRate > 0 && this.rate.judge(now, this.timeoutNanos, this.minBytesPerTimeout) >= 0) {
			this.tooSlow = true;
			fire();
		}
	}

	private void fire() {
		this.fired = true;
		this.armed = false;
		try {
			this.target.close();
		}
		catch (IOException ex) {
			// The channel is being abandoned either way.
		}
	}

	@Override
	public void close() {
		this.check.cancel(false);
	}

}
