package dev.simpleftp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;


/**
 * Reads lines and bodies from one channel through one buffer, so that bytes read ahead of a line
 * (a body, or the next pipelined request) are never lost (docs/PROTOCOL.md, sections "Lines and
 * tokens" and "Bodies"). Every read is bounded: a line by {@link #MAX_LINE_BYTES}, a body by the
 * length declared for it. An early end of stream is an {@link EOFException}, never a short body.
 */
public final class ProtocolReader {

	/** The longest line accepted, without its line ending. */
	public static final int MAX_LINE_BYTES = 4096;

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private final ReadableByteChannel in;

	private final ByteBuffer buffer;

	private final ProgressListener traffic;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	/**
	 * @param bufferSize at least {@code MAX_LINE_BYTES + 2}; larger buffers make bodies faster
	 */
	public ProtocolReader(ReadableByteChannel in, int bufferSize) {
		this(in, bufferSize, ProgressListener.NONE);
	}

	/**
	 * @param traffic told of every read that brings bytes in, lines and bodies alike, as they come:
	 * a watchdog's sign that the peer is still sending
	 */
	public ProtocolReader(ReadableByteChannel in, int bufferSize, ProgressListener traffic) {
		if (bufferSize < MAX_LINE_BYTES + 2) {
			throw new IllegalArgumentException("buffer too small for a line: " + bufferSize);
		}
		this.in = in;
		this.buffer = ByteBuffer.allocateDirect(bufferSize).flip();
		this.traffic = traffic;
	}

	/** True if bytes have been read from the channel and not yet consumed. */
	public boolean hasBuffered() {
		return this.buffer.hasRemaining();
	}

	/**
	 * Reads whatever has already arrived into the line buffer, if it has room, and says whether the
	 * stream has ended: for a server busy with a long request to notice that its peer has gone. The
	 * bytes stay buffered for the next read. The caller makes sure this does not wait: the channel
	 * is in non-blocking mode, or its reads time out at once (a {@link SocketTimeoutException} is
	 * taken as nothing yet).
	 */
	public boolean endedAhead() throws IOException {
		this.buffer.compact();
		try {
			return this.buffer.hasRemaining() && read(this.buffer) < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		finally {
			this.buffer.flip();
		}
	}

	/**
	 * Reads the next line, without its LF or CRLF ending.
	 * @return the line, or {@code null} if the stream ended cleanly before it
	 * @throws LineTooLongException if the line is longer than {@link #MAX_LINE_BYTES}
	 * @throws UnreadableLineException if the line is not UTF-8
	 * @throws EOFException if the stream ended in the middle of a line
	 */
	public String readLine() throws IOException {
		int scanned = 0;
		while (true) {
			int end = indexOfLf(this.buffer.position() + scanned);
			if (end >= 0) {
				return takeLine(end);
			}
			scanned = this.buffer.remaining();
			if (scanned > MAX_LINE_BYTES + 1) {
				throw new LineTooLongException(MAX_LINE_BYTES);
			}
			if (fill() < 0) {
				if (this.buffer.hasRemaining()) {
					throw new EOFException("connection closed in the middle of a line");
				}
				return null;
			}
		}
	}

	/**
	 * Moves exactly {@code length} body bytes to {@code sink}. If the sink fails, the rest of the
	 * body is still read and dropped, then {@link BodySinkException} is thrown.
	 * @throws EOFException if the stream ends first
	 */
	public void readBody(long length, WritableByteChannel sink, ProgressListener listener) throws IOException {
		readBody(length, sink, listener, null);
	}

	/**
	 * As {@link #readBody(long, WritableByteChannel, ProgressListener)}, but once the bytes already
	 * buffered are used up, reads straight into {@code transferBuffer}: a buffer of a megabyte or so
	 * takes whatever the socket holds in one call, which a line-sized buffer cannot. Never reads past
	 * the end of the body, so the next line stays in the stream.
	 * @param transferBuffer cleared and reused, or {@code null} to use the line buffer only
	 */
	public void readBody(long length, WritableByteChannel sink, ProgressListener listener, ByteBuffer transferBuffer)
			throws IOException {
		IOException sinkFailure = null;
		long remaining = length;
		while (remaining > 0) {
			ByteBuffer chunk = nextChunk(remaining, transferBuffer);
			if (chunk == null) {
				throw new EOFException("connection closed after " + (length - remaining) + " of " + length + " bytes");
			}
			int moved = chunk.remaining();
			if (sinkFailure == null) {
				sinkFailure = writeFully(sink, chunk);
			}
			remaining -= moved;
			listener.moved(moved);
		}
		if (sinkFailure != null) {
			throw new BodySinkException(sinkFailure);
		}
	}

	/** Reads and drops a body of {@code length} bytes, to stay in step after refusing it. */
	public void skipBody(long length, ByteBuffer transferBuffer) throws IOException {
		readBody(length, Discard.INSTANCE, ProgressListener.NONE, transferBuffer);
	}

	/** The next bytes of a body, at most {@code remaining}; {@code null} at end of stream. */
	private ByteBuffer nextChunk(long remaining, ByteBuffer transferBuffer) throws IOException {
		if (!this.buffer.hasRemaining() && transferBuffer != null) {
			transferBuffer.clear().limit((int) Math.min(remaining, transferBuffer.capacity()));
			if (read(transferBuffer) < 0) {
				return null;
			}
			return transferBuffer.flip();
		}
		if (!this.buffer.hasRemaining() && fill() < 0) {
			return null;
		}
		int size = (int) Math.min(remaining, this.buffer.remaining());
		ByteBuffer chunk = this.buffer.slice(this.buffer.position(), size);
		this.buffer.position(this.buffer.position() + size);
		return chunk;
	}

	private static IOException writeFully(WritableByteChannel sink, ByteBuffer bytes) {
		try {
			while (bytes.hasRemaining()) {
				sink.write(bytes);
			}
			return null;
		}
		catch (IOException ex) {
			return ex;
		}
	}

	private static boolean isAscii(ByteBuffer bytes) {
		for (int i = bytes.position(); i < bytes.limit(); i++) {
			if (bytes.get(i) < 0) {
				return false;
			}
		}
		return true;
	}

	private int indexOfLf(int from) {
		for (int i = from; i < this.buffer.limit(); i++) {
			if (this.buffer.get(i) == LF) {
				return i;
			}
		}
		return -1;
	}

	private String takeLine(int lfIndex) throws ProtocolException {
		int start = this.buffer.position();
		int end = (lfIndex > start && this.buffer.get(lfIndex - 1) == CR) ? lfIndex - 1 : lfIndex;
		this.buffer.position(lfIndex + 1);
		if (end - start > MAX_LINE_BYTES) {
			throw new LineTooLongException(MAX_LINE_BYTES);
		}
		ByteBuffer bytes = this.buffer.slice(start, end - start);
		if (isAscii(bytes)) {
			return StandardCharsets.US_ASCII.decode(bytes).toString();
		}
		try {
			return this.decoder.reset().decode(bytes).toString();
		}
		catch (CharacterCodingException ex) {
			throw new UnreadableLineException(StandardCharsets.UTF_8.decode(bytes.rewind()).toString());
		}
	}

	/** Reads more bytes after those not yet consumed; returns the count read or -1 at end of stream. */
	private int fill() throws IOException {
		this.buffer.compact();
		try {
			return read(this.buffer);
		}
		finally {
			this.buffer.flip();
		}
	}

	private int read(ByteBuffer into) throws IOException {
		int read = this.in.read(into);
		if (read > 0) {
			this.traffic.moved(read);
		}
		return read;
	}

	/** A sink that takes every byte and keeps none. */
	private enum Discard implements WritableByteChannel {

		INSTANCE;

		@Override
		public int write(ByteBuffer bytes) {
			int count = bytes.remaining();
			bytes.position(bytes.limit());
			return count;
		}

		@Override
		public boolean isOpen() {
			return true;
		}

		@Override
		public void close() {
		}

	}

}
