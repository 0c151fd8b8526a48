package dev.simpleftp.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

import dev.simpleftp.transfer.ChecksumChannel;

/**
 * Passes a body to {@code target} and, at its first write failure, remembers it and throws it
 * unchecked: the reader would take an {@link IOException} as the sink's and read the rest of the
 * body to drop it, which a server declaring any size could make go on for ever.
 */
final class StoppingSink implements WritableByteChannel {

	private final ChecksumChannel target;

	private IOException failure;

	StoppingSink(ChecksumChannel target) {
		this.target = target;
	}

	ChecksumChannel target() {
		return this.target;
	}

	IOException failure() {
		return this.failure;
	}

	@Override
	public int write(ByteBuffer bytes) throws IOException {
		try {
			return this.target.write(bytes);
		}
		catch (IOException ex) {
			this.failure = ex;
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public boolean isOpen() {
		return this.target.isOpen();
	}

	@Override
	public void close() throws IOException {
		this.target.close();
	}

}
