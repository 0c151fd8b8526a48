package dev.simpleftp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
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

	/**
	 * @param bufferSize at least {@code MAX_LINE_BYTES + 2}; larger buffers make bodies faster
	 */
	public ProtocolReader(ReadableByteChannel in, int bufferSize) {
		if (bufferSize < MAX_LINE_BYTES + 2) {
			throw new IllegalArgumentException("buffer too small for a line: " + bufferSize);
		}
		this.in = in;
		this.buffer = ByteBuffer.allocateDirect(bufferSize).flip();
	}

	/**
	 * Reads the next line, without its LF or CRLF ending.
	 * @return the line, or {@code null} if the stream ended cleanly before it
	 * @throws LineTooLongException if the line is longer than {@link #MAX_LINE_BYTES}
	 * @throws ProtocolException if the line is not UTF-8
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
		IOException sinkFailure = null;
		long remaining = length;
		while (remaining > 0) {
			if (!this.buffer.hasRemaining() && fill() < 0) {
				throw new EOFException("connection closed after " + (length - remaining) + " of " + length + " bytes");
			}
			int chunk = (int) Math.min(remaining, this.buffer.remaining());
			if (sinkFailure == null) {
				sinkFailure = writeFully(sink, this.buffer.slice(this.buffer.position(), chunk));
			}
			this.buffer.position(this.buffer.position() + chunk);
			remaining -= chunk;
			listener.moved(chunk);
		}
		if (sinkFailure != null) {
			throw new BodySinkException(sinkFailure);
		}
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
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(this.buffer.slice(start, end - start))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "line is not valid UTF-8");
		}
	}

	/** Reads more bytes after those not yet consumed; returns the count read or -1 at end of stream. */
	private int fill() throws IOException {
		this.buffer.compact();
		try {
			return this.in.read(this.buffer);
		}
		finally {
			this.buffer.flip();
		}
	}

}
