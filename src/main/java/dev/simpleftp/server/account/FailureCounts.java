package dev.simpleftp.server.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Failed logins counted by a key (an {@link AddressGroup}, a user name, a hash of an unknown
 * name), for {@link Accounts}. Once {@code maxFailures} have come within {@code window} of the
 * first, the key is locked: for {@code firstLockout} the first time, then twice as long each time
 * it is locked again, up to {@code maxLockout}, so that guessing that goes on gets slower and
 * slower while a lock never lasts longer than {@code maxLockout}. A lock starts the count afresh.
 * A key is forgotten, lock count and all, once {@code window} has passed since its last failure
 * and since its lock ended; past {@code capacity} keys the one whose last failure is the oldest is
 * forgotten, so memory stays bounded whoever sends what. Thread-safe.
 */
final class FailureCounts<K> {

	/**
	 * A lock on a key.
	 * @param until when it ends
	 * @param failures the failures that started it, if it started now; else 0
	 * @param startedNow whether the failure just counted started it
	 */
	record Lock(Instant until, int failures, boolean startedNow) {
	}

	private final int maxFailures;

	private final Duration window;

	private final Duration firstLockout;

	private final Duration maxLockout;

	private final int capacity;

	/** By key, the key whose last failure is the oldest first. Guarded by this. */
	private final LinkedHashMap<K, Entry> entries = new LinkedHashMap<>();

	FailureCounts(int maxFailures, Duration window, Duration firstLockout, Duration maxLockout, int capacity) {
		this.maxFailures = maxFailures;
		this.window = window;
		this.firstLockout = firstLockout;
		this.maxLockout = maxLockout;
		this.capacity = capacity;
	}

	/** When the lock on {@code key} ends, if it is locked now. */
	synchronized Optional<Instant> lockedUntil(K key, Instant now) {
		forgetExpired(now);
		Entry entry = this.entries.get(key);
		return (entry != null && entry.isLocked(now)) ? Optional.of(entry.lockedUntil) : Optional.empty();
	}

	/**
	 * Counts a failure for {@code key}, unless it is locked already (another connection's failure
	 * may have locked it while this one was being checked).
	 * @return the lock on the key, if this failure started one or one was on already
	 */
	synchronized Optional<Lock> failed(K key, Instant now) {
		forgetExpired(now);
		Entry entry = this.entries.get(key);
		if (entry != null && entry.isLocked(now)) {
			return Optional.of(new Lock(entry.lockedUntil, 0, false));
		}
		if (entry != null) {
			this.entries.remove(key); // put back below as the latest
		}
		else {
			entry = new Entry();
		}
		if (entry.first == null || !now.isBefore(entry.first.plus(this.window))) {
			entry.first = now;
			entry.count = 0;
		}
		entry.count++;
		entry.last = now;
		Lock lock = null;
		if (entry.count >= this.maxFailures) {
			entry.lockedUntil = now.plus(lockout(entry.locks));
			entry.locks++;
			lock = new Lock(entry.lockedUntil, entry.count, true);
			entry.first = null;
		}
		this.entries.put(key, entry);
		Iterator<K> oldest = this.entries.keySet().iterator();
		while (this.entries.size() > this.capacity) {
			oldest.next();
			oldest.remove();
		}
		return Optional.ofNullable(lock);
	}

	/** Forgets {@code key}'s failures and locks. */
	synchronized void clear(K key) {
		this.entries.remove(key);
	}

	/** Keys remembered, for tests. */
	synchronized int size() {
		return this.entries.size();
	}

	/** {@code firstLockout} doubled {@code locksBefore} times, at most {@code maxLockout}. */
	private Duration lockout(int locksBefore) {
		Duration lockout = this.firstLockout;
		for (int i = 0; i < locksBefore && lockout.compareTo(this.maxLockout) < 0; i++) {
			lockout = lockout.multipliedBy(2);
		}
		return (lockout.compareTo(this.maxLockout) > 0) ? this.maxLockout : lockout;
	}

	/**
	 * Drops the entries that have expired, from the oldest last failure on, stopping at the first
	 * that has not (one locked since may wait behind it for a while; the capacity still holds).
	 */
	private void forgetExpired(Instant now) {
		Iterator<Entry> oldest = this.entries.values().iterator();
		while (oldest.hasNext() && oldest.next().hasExpired(now, this.window)) {
			oldest.remove();
		}
	}

	private static final class Entry {

		/** The first failure of the current count; null after a lock. */
		Instant first;

		Instant last;

		int count;

		Instant lockedUntil;

		int locks;

		boolean isLocked(Instant now) {
			return this.lockedUntil != null && now.isBefore(this.lockedUntil);
		}

		boolean hasExpired(Instant now, Duration window) {
			Instant quietSince = (this.lockedUntil != null && this.lockedUntil.isAfter(this.last)) ? this.lockedUntil : this.last;
			return !now.isBefore(quietSince.plus(window));
		}

	}

}
