package dev.simpleftp.server;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.storage.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the partial files of uploads that nobody resumed within {@code ftp.server.partial-max-age}:
 * once at start, then every quarter of that age (at least every second, at most every hour), on one
 * daemon thread. A partial file an upload is writing is locked, and left alone.
 */
final class PartialSweeper implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PartialSweeper.class);

	private final FileStore store;

	private final Duration maxAge;

	private final ScheduledExecutorService timer;

	PartialSweeper(FileStore store, Duration maxAge) {
		this.store = store;
		this.maxAge = maxAge;
		this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "ftp-partial-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.min(Math.max(maxAge.toMillis() / 4, 1000), Duration.ofHours(1).toMillis());
		this.timer.scheduleWithFixedDelay(this::sweep, 0, period, TimeUnit.MILLISECONDS);
	}

	void sweep() {
		try {
			int removed = this.store.removePartialsOlderThan(Instant.now().minus(this.maxAge));
			if (removed > 0) {
				log.info("removed {} partial upload{} older than {}", removed, (removed == 1) ? "" : "s", this.maxAge);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("could not remove old partial uploads: {}", ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
