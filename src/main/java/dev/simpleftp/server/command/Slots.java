package dev.simpleftp.server.command;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one session holds of the server's shared limits besides its connection (its place among
 * the connections not logged in, a {@code HASH} permit), each given back exactly once: by the
 * session when it is done with it (a login, a finished hash), or all at once when the session
 * ends, whether its thread ends it or the watchdog gives up on a thread that never returns.
 * Transfer buffers are not held here: a buffer given back while a stuck thread might still write
 * into it could be lent to another transfer, so a lost one is left lost (transfers go on without).
 */
public final class Slots {

	private final Set<Slot> held = ConcurrentHashMap.newKeySet();

	/** Holds a slot that {@code giveBack} returns to the server. */
	public Slot hold(Runnable giveBack) {
		Slot slot = new Slot(giveBack);
		this.held.add(slot);
		return slot;
	}

	/** Gives back every slot still held. */
	public void giveBackAll() {
		this.held.forEach(Slot::close);
	}

	/** Slots held now (for tests). */
	public int count() {
		return this.held.size();
	}

	/** One slot; {@link #close()} gives it back, once however often it is called, from any thread. */
	public final class Slot implements AutoCloseable {

		private final Runnable giveBack;

		private final AtomicBoolean holding = new AtomicBoolean(true);

		private Slot(Runnable giveBack) {
			this.giveBack = giveBack;
		}

		@Override
		public void close() {
			if (this.holding.compareAndSet(true, false)) {
				Slots.this.held.remove(this);
				this.giveBack.run();
			}
		}

	}

}
