package dev.simpleftp.client;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a channel that has been waiting longer than its timeout with no progress. Reads made
 * directly on a socket channel ignore SO_TIMEOUT and no socket timeout covers writes, so a silent
 * or stalled server would otherwise hang the client for ever.
 */
final class Watchdog implements AutoCloseable {

	private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "ftp-client-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private final Closeable target;

	private final long timeoutNanos;

	private final ScheduledFuture<?> check;

	private volatile long lastProgress;

	private volatile boolean armed;

	private volatile boolean fired;

	Watchdog(Closeable target, Duration timeout) {
		this.target = target;
		this.timeoutNanos = timeout.toNanos();
		long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
		this.check = TIMER.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
	}

	/** Starts timing a wait. */
	void arm() {
		this.lastProgress = System.nanoTime();
		this.armed = true;
	}

	/** Bytes moved: the wait starts again. */
	void progress() {
		this.lastProgress = System.nanoTime();
	}

	void disarm() {
		this.armed = false;
	}

	/** True if this watchdog closed the target. */
	boolean fired() {
		return this.fired;
	}

	Duration timeout() {
		return Duration.ofNanos(this.timeoutNanos);
	}

	private void check() {
		if (this.armed && System.nanoTime() - this.lastProgress > this.timeoutNanos) {
			this.fired = true;
			this.armed = false;
			try {
				this.target.close();
			}
			catch (IOException ex) {
				// The channel is being abandoned either way.
			}
		}
	}

	@Override
	public void close() {
		this.check.cancel(false);
	}

}
