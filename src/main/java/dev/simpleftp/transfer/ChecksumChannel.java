package dev.simpleftp.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.zip.Checksum;

/**
 * A channel that adds to a checksum exactly the bytes its sink accepted: the receiver's side of a
 * transfer's verification, the checksum of what was written rather than of what was read.
 */
public final class ChecksumChannel implements WritableByteChannel {

	private final WritableByteChannel sink;

	private final Checksum checksum;

	public ChecksumChannel(WritableByteChannel sink, Checksum checksum) {
		this.sink = sink;
		this.checksum = checksum;
	}

	@Override
	public int write(ByteBuffer bytes) throws IOException {
		int from = bytes.position();
		int written = this.sink.write(bytes);
		if (written > 0) {
			// As protocol.Checksums.update, which transfer/ does not import: protocol imports transfer.
			this.checksum.update(bytes.duplicate().limit(from + written).position(from));
		}
		return written;
	}

	public Checksum checksum() {
		return this.checksum;
	}

	@Override
	public boolean isOpen() {
		return this.sink.isOpen();
	}

	@Override
	public void close() throws IOException {
		this.sink.close();
	}

}
