package dev.simpleftp.server.account;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs password checks, at most {@code maxConcurrent} at once: a bcrypt check holds a core for its
 * whole length, so logins sent at once from many connections would otherwise take every core from
 * the transfers. A check waits its turn (first come, first served) for up to {@code maxWait}, and
 * past that is not made: the login is answered "busy" rather than left waiting without bound.
 */
final class PasswordChecks {

	enum Outcome {

		MATCH, NO_MATCH, BUSY

	}

	/** Twice the processors: some checks may wait on memory or be preempted, but never many per core. */
	static final int DEFAULT_MAX_CONCURRENT = 2 * Runtime.getRuntime().availableProcessors();

	static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	private final Duration maxWait;

	PasswordChecks(PasswordEncoder encoder, int maxConcurrent, Duration maxWait) {
		this.encoder = encoder;
		this.permits = new Semaphore(maxConcurrent, true);
		this.maxWait = maxWait;
	}

	Outcome check(String password, String hash) {
		try {
			if (!this.permits.tryAcquire(this.maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
				return Outcome.BUSY;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.BUSY;
		}
		try {
			return this.encoder.matches(password, hash) ? Outcome.MATCH : Outcome.NO_MATCH;
		}
		finally {
			this.permits.release();
		}
	}

}
