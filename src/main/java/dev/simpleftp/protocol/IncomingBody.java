package dev.simpleftp.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Set;


/**
 * A body on its way to the receiver, with the {@code CHECKSUM} line that may follow it
 * (docs/PROTOCOL.md, "PUT"): read once, in full, or dropped. Whoever owns the connection asks
 * {@link #finished()} before it reads the next request, and drops what is left ({@link #skip}) or
 * ends the connection: so however a request fails, its body is never read as requests.
 */
public final class IncomingBody {

	private static final String TRAILER_USAGE = BodyFraming.TRAILER_VERB + " " + Checksums.CRC32C + "=C";

	private final ProtocolReader reader;

	private final long length;

	private final boolean trailer;

	private boolean bodyRead;

	private boolean trailerRead;

	private boolean outOfStep;

	/**
	 * @param length the bytes still to come
	 * @param trailer whether a {@code CHECKSUM crc32c=C} line follows them
	 */
	public IncomingBody(ProtocolReader reader, long length, boolean trailer) {
		this.reader = reader;
		this.length = length;
		this.trailer = trailer;
	}

	/** The bytes of the body not yet read (all of them, or none). */
	public long remaining() {
		return this.bodyRead ? 0 : this.length;
	}

	/** Whether the body, and its {@code CHECKSUM} line if one comes, have been read. */
	public boolean finished() {
		return this.bodyRead && (!this.trailer || this.trailerRead);
	}

	/**
	 * Whether the stream lost step: the line after the body was not its {@code CHECKSUM} line, so the
	 * next request cannot be found and the connection must end.
	 */
	public boolean outOfStep() {
		return this.outOfStep;
	}

	/**
	 * Moves the body to {@code sink}, as {@link ProtocolReader#readBody}: if the sink fails, the rest
	 * is still read and dropped, then {@link BodySinkException} is thrown.
	 */
	public void readInto(WritableByteChannel sink, ProgressListener listener, ByteBuffer buffer) throws IOException {
		if (this.bodyRead) {
			throw new IllegalStateException("body already read");
		}
		this.bodyRead = true; // from here on, the body is read in full or the connection is lost
		this.reader.readBody(this.length, sink, listener, buffer);
	}

	/**
	 * Reads the {@code CHECKSUM crc32c=C} line after the body and returns {@code C}.
	 * @throws ProtocolException if the line is anything else; the stream is then {@link #outOfStep()}
	 */
	public long readTrailer() throws IOException {
		if (!this.trailer || !this.bodyRead || this.trailerRead) {
			throw new IllegalStateException("no CHECKSUM line is due");
		}
		this.trailerRead = true;
		try {
			String line = this.reader.readLine();
			if (line == null) {
				throw new EOFException("connection closed before the " + BodyFraming.TRAILER_VERB + " line");
			}
			Request request = Request.parse(line);
			if (!request.verb().equals(BodyFraming.TRAILER_VERB)) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
						"expected '" + TRAILER_USAGE + "' after the body, got '" + request.verb() + "'");
			}
			request.expectArguments(0, TRAILER_USAGE, Set.of(Checksums.CRC32C));
			String value = request.parameter(Checksums.CRC32C)
				.orElseThrow(() -> new ProtocolException(ReplyCode.BAD_ARGUMENTS, "CHECKSUM without crc32c=C"));
			return Checksums.parse(value, Checksums.CRC32C);
		}
		catch (ProtocolException ex) {
			this.outOfStep = true;
			throw new ProtocolException(ex.code(),
					ex.getMessage() + "; closing the connection, since the end of the upload cannot be found");
		}
	}

	/** Reads and drops whatever of the body and its {@code CHECKSUM} line has not been read. */
	public void skip(ByteBuffer buffer) throws IOException {
		if (!this.bodyRead) {
			this.bodyRead = true;
			this.reader.skipBody(this.length, buffer);
		}
		if (this.trailer && !this.trailerRead) {
			readTrailer();
		}
	}

}
