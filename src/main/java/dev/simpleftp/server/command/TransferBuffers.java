package dev.simpleftp.server.command;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The large buffers that bodies move through, lent to one transfer at a time so that an idle
 * connection holds only its small line buffer. At most {@code count} exist, allocated on first
 * use and then kept; when all are lent, a transfer goes on without one (a GET by zero-copy
 * sending, a PUT through its session's line buffer), more slowly but never refused.
 */
public final class TransferBuffers {

	/** A megabyte takes in one read whatever the socket holds; see docs/PERFORMANCE.md. */
	static final int BUFFER_SIZE = 1024 * 1024;

	private final Semaphore available;

	private final Queue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();

	public TransferBuffers(int count) {
		this.available = new Semaphore(count);
	}

	/** A buffer for one transfer, or none if all are lent; close the lease to give it back. */
	Lease borrow() {
		if (!this.available.tryAcquire()) {
			return new Lease(null);
		}
		ByteBuffer buffer = this.idle.poll();
		return new Lease((buffer != null) ? buffer.clear() : ByteBuffer.allocateDirect(BUFFER_SIZE));
	}

	/** One transfer's use of a buffer. */
	final class Lease implements AutoCloseable {

		private ByteBuffer buffer;

		private Lease(ByteBuffer buffer) {
			this.buffer = buffer;
		}

		/** The buffer, or {@code null} if none was free. */
		ByteBuffer buffer() {
			return this.buffer;
		}

		@Override
		public void close() {
			if (this.buffer != null) {
				TransferBuffers.this.idle.offer(this.buffer);
				this.buffer = null;
				TransferBuffers.this.available.release();
			}
		}

	}

}
