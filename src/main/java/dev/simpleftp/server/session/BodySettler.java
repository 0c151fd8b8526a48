package dev.simpleftp.server.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.ProtocolException;

/**
 * The body of the request a session is handling, and what becomes of what its handler leaves of
 * it: dropped before the request's reply so that none of it is ever read as a request, or, where
 * that would cost more than a new connection or the stream lost step, the connection ends after
 * the request.
 */
final class BodySettler {

	/**
	 * The longest body left unread by a refused request that is read and dropped to keep the
	 * connection; a longer one costs more than a new connection, so the connection is closed instead.
	 */
	static final long SKIP_AT_MOST = 64 * 1024 * 1024;

	private static final int SKIP_BUFFER_SIZE = 64 * 1024;

	private final RefusalLog refusals;

	private final String peer;

	private final BooleanSupplier endRequested;

	private final Runnable endAfterThisRequest;

	/** The body of the request being handled, announced by its line or by a {@code 150}; or {@code null}. */
	private IncomingBody body;

	BodySettler(RefusalLog refusals, String peer, BooleanSupplier endRequested, Runnable endAfterThisRequest) {
		this.refusals = refusals;
		this.peer = peer;
		this.endRequested = endRequested;
		this.endAfterThisRequest = endAfterThisRequest;
	}

	IncomingBody body() {
		return this.body;
	}

	/** The current request's body from now on, or {@code null} for none. */
	IncomingBody expect(IncomingBody body) {
		this.body = body;
		return body;
	}

	/**
	 * Drops what the handler left of the request's body, so that none of it is read as requests, or,
	 * if that would cost more than a new connection (or the stream lost step), ends the connection
	 * after this request.
	 * @return what to tell the peer if the connection ends for it, or {@code null}
	 */
	String settle() throws IOException {
		IncomingBody pending = this.body;
		if (pending == null) {
			return null;
		}
		if (pending.outOfStep()) {
			if (!this.endRequested.getAsBoolean()) {
				lostStep(); // the handler's reply says why
			}
			return null;
		}
		if (pending.finished()) {
			return null;
		}
		if (pending.remaining() > SKIP_AT_MOST) {
			this.endAfterThisRequest.run();
			this.body = null;
			this.refusals.refused("unread body", this.peer, "a refused request's body of " + pending.remaining()
					+ " bytes follows; disconnecting rather than read it");
			return "; closing the connection rather than read the " + pending.remaining() + " bytes that follow";
		}
		try {
			pending.skip(ByteBuffer.allocate(SKIP_BUFFER_SIZE));
			return null;
		}
		catch (ProtocolException ex) {
			lostStep();
			return "; " + ex.getMessage();
		}
	}

	/** The line after a body was not its CHECKSUM line: the next request cannot be found. */
	private void lostStep() {
		this.endAfterThisRequest.run();
		this.refusals.refused("lost step", this.peer, "sent something else than the CHECKSUM line after a body; disconnecting");
	}

}
