package dev.simpleftp.server.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where one session stands, changed from its own thread, the watchdog's and the server's as it
 * stops: waiting for a request, busy with one, finishing one while the server stops, or closed;
 * and whether it has ended, which happens once whoever gets there first.
 */
final class Lifecycle {

	enum State {

		/** Waiting for a request; may be closed at once on shutdown. */
		IDLE,
		/** Greeting the peer, or handling a request. */
		BUSY,
		/** Handling a request while the server stops: finishes it, then says so and closes. */
		FINISHING,
		/** Closed or closing. */
		CLOSED

	}

	/** Busy at first: the greeting is written by the session's thread, and nothing may write alongside it. */
	private final AtomicReference<State> state = new AtomicReference<>(State.BUSY);

	private final AtomicBoolean ended = new AtomicBoolean();

	State state() {
		return this.state.get();
	}

	/** A request has come: busy with it, unless the session was closed meanwhile. */
	boolean busyIfIdle() {
		return this.state.compareAndSet(State.IDLE, State.BUSY);
	}

	/** A request is done: waiting for the next, unless the server began to stop meanwhile. */
	boolean idleIfBusy() {
		return this.state.compareAndSet(State.BUSY, State.IDLE);
	}

	/** Closes a session waiting for a request; false if it is not waiting. */
	boolean closeIfIdle() {
		return this.state.compareAndSet(State.IDLE, State.CLOSED);
	}

	void close() {
		this.state.set(State.CLOSED);
	}

	/**
	 * The server is stopping: a session waiting is closed (true: it is to be told so), one busy is
	 * to finish its request first (false).
	 */
	boolean closeIfIdleElseFinish() {
		while (true) {
			State current = this.state.get();
			if (current == State.IDLE && this.state.compareAndSet(State.IDLE, State.CLOSED)) {
				return true;
			}
			if ((current == State.BUSY && this.state.compareAndSet(State.BUSY, State.FINISHING))
					|| current == State.FINISHING || current == State.CLOSED) {
				return false;
			}
		}
	}

	/** Marks the session ended and closed; false if it had ended already. */
	boolean end() {
		if (!this.ended.compareAndSet(false, true)) {
			return false;
		}
		this.state.set(State.CLOSED);
		return true;
	}

}
