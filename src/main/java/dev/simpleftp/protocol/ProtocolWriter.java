package dev.simpleftp.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.Checksum;

import dev.simpleftp.storage.ReadableFile;

/**
 * Writes lines and bodies to one channel (docs/PROTOCOL.md, sections "Lines and tokens",
 * "Bodies" and "Pipelining"). Lines may be queued and go out together in one write, and a queued
 * line goes out in the same write as the start of the body that follows it, so that with
 * TCP_NODELAY a small exchange is one segment, not one per line. A file body goes out either with
 * {@link ReadableFile#transferTo} ({@link #sendFile}, sendfile when the target is a socket: no copy
 * through user space, least CPU) or through a large buffer ({@link #copyFile}, faster on loopback,
 * see docs/PERFORMANCE.md).
 */
public final class ProtocolWriter {

	/** Room for a few pipelined requests or replies; a longer run of lines is written as it fills. */
	public static final int DEFAULT_QUEUE_SIZE = 16 * 1024;

	/**
	 * The most handed to the channel in one call. A blocking socket write returns only once all it
	 * was given has gone, so this bounds how long a slow reader keeps a write from reporting
	 * progress to {@code traffic}: at 4 KiB/s, a minute.
	 */
	static final int MAX_WRITE = 256 * 1024;

	private final WritableByteChannel out;

	private final ByteBuffer queued;

	private final ProgressListener traffic;

	public ProtocolWriter(WritableByteChannel out) {
		this(out, DEFAULT_QUEUE_SIZE);
	}

	/**
	 * @param queueSize bytes of lines held before they are written; a line longer than that is
	 * written on its own
	 */
	public ProtocolWriter(WritableByteChannel out, int queueSize) {
		this(out, queueSize, ProgressListener.NONE);
	}

	/**
	 * @param traffic told of every write, lines and bodies alike, once its bytes have gone (at most
	 * {@link #MAX_WRITE} at a time): a watchdog's sign that the peer is still reading
	 */
	public ProtocolWriter(WritableByteChannel out, int queueSize, ProgressListener traffic) {
		this.out = out;
		this.queued = ByteBuffer.allocate(queueSize);
		this.traffic = traffic;
	}

	/** Writes the request now, after any queued lines. */
	public void send(Request request) throws IOException {
		queue(request);
		flush();
	}

	/** Writes the reply now, after any queued lines. */
	public void send(Reply reply) throws IOException {
		queue(reply);
		flush();
	}

	/** Queues the request to go out with the next flush or body. */
	public void queue(Request request) throws IOException {
		queueLine(request.encode());
	}

	/** Queues the reply to go out with the next flush or body. */
	public void queue(Reply reply) throws IOException {
		queueLine(reply.encode());
	}

	private void queueLine(String line) throws IOException {
		byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
		if (bytes.length > this.queued.remaining()) {
			flush();
		}
		if (bytes.length > this.queued.remaining()) {
			writeFully(ByteBuffer.wrap(bytes));
			return;
		}
		this.queued.put(bytes);
	}

	/** The bytes of lines queued and not yet written. */
	public int queuedBytes() {
		return this.queued.position();
	}

	/** Writes the queued lines, if any. */
	public void flush() throws IOException {
		if (this.queued.position() == 0) {
			return;
		}
		this.queued.flip();
		try {
			writeFully(this.queued);
		}
		finally {
			this.queued.clear();
		}
	}

	/** Writes a body held in memory, after any queued lines. */
	public void write(ByteBuffer body) throws IOException {
		flush();
		writeFully(body);
	}

	/**
	 * Sends the first {@code length} bytes of {@code file} with {@link FileChannel#transferTo},
	 * after any queued lines.
	 * @throws IOException if the file turns out shorter than {@code length}; the peer is then owed
	 * bytes that will never come, so the connection must be closed
	 */
	public void sendFile(ReadableFile file, long length, ProgressListener listener) throws IOException {
		sendFile(file, 0, length, listener);
	}

	/** As {@link #sendFile(ReadableFile, long, ProgressListener)}, from {@code start} up to {@code end}. */
	public void sendFile(ReadableFile file, long start, long end, ProgressListener listener) throws IOException {
		flush();
		long position = start;
		while (position < end) {
			long sent = file.transferTo(position, Math.min(end - position, MAX_WRITE), this.out);
			if (sent == 0 && position >= file.size()) {
				throw shrank(position, end);
			}
			position += sent;
			if (sent > 0) {
				this.traffic.moved(sent);
			}
			listener.moved(sent);
		}
	}

	/**
	 * Sends the first {@code length} bytes of {@code file} through {@code buffer}; queued lines go
	 * out in the same write as the first bytes of the file.
	 * @param buffer cleared and reused
	 * @throws IOException as {@link #sendFile}
	 */
	public void copyFile(ReadableFile file, long length, ByteBuffer buffer, ProgressListener listener)
			throws IOException {
		copyFile(file, length, buffer, listener, null);
	}

	/**
	 * As {@link #copyFile(ReadableFile, long, ByteBuffer, ProgressListener)}, adding each byte of the
	 * file to {@code checksum} (if not {@code null}) as it passes through the buffer.
	 */
	public void copyFile(ReadableFile file, long length, ByteBuffer buffer, ProgressListener listener, Checksum checksum)
			throws IOException {
		copyFile(file, 0, length, buffer, listener, checksum);
	}

	/** As {@link #copyFile(ReadableFile, long, ByteBuffer, ProgressListener, Checksum)}, from {@code start} up to {@code end}. */
	public void copyFile(ReadableFile file, long start, long end, ByteBuffer buffer, ProgressListener listener,
			Checksum checksum) throws IOException {
		if (this.queued.position() > buffer.capacity()) {
			flush();
		}
		buffer.clear();
		this.queued.flip();
		buffer.put(this.queued);
		this.queued.clear();
		long position = start;
		while (position < end || buffer.position() > 0) {
			int room = (int) Math.min(buffer.remaining(), end - position);
			int read = 0;
			if (room > 0) {
				int from = buffer.position();
				read = file.read(buffer.limit(from + room), position);
				if (read < 0) {
					throw shrank(position, end);
				}
				if (checksum != null) {
					Checksums.update(checksum, buffer, from, read);
				}
			}
			buffer.flip();
			writeFully(buffer);
			buffer.clear();
			position += read;
			listener.moved(read);
		}
	}

	private void writeFully(ByteBuffer bytes) throws IOException {
		int limit = bytes.limit();
		try {
			while (bytes.hasRemaining()) {
				bytes.limit(Math.min(limit, bytes.position() + MAX_WRITE));
				int written = this.out.write(bytes);
				bytes.limit(limit);
				if (written > 0) {
					this.traffic.moved(written);
				}
			}
		}
		finally {
			bytes.limit(limit);
		}
	}

	private static IOException shrank(long position, long length) {
		return new IOException("file shrank while it was being sent: " + position + " of " + length + " bytes");
	}

}
