package dev.simpleftp.transfer;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.PendingWrite;

/**
 * Where a transfer's incoming bytes go, with the CRC32C of the file as it will be published: a
 * hidden temporary file, deleted if the transfer does not finish; or a partial file that a cut-off
 * leaves in place for the transfer to resume (which bytes are already there, and why a resume
 * started again from 0, is decided by the caller). Either way {@link #commit()} publishes the file
 * atomically and {@link #discard()} deletes it.
 */
public abstract class IncomingFile implements AutoCloseable {

	/** Into a temporary file, from the first byte. */
	public static IncomingFile temporary(PendingWrite pending) {
		return new Temporary(pending, null);
	}

	/**
	 * Into a temporary file, from the first byte.
	 * @param restart why an asked-for resume starts from 0 instead, or {@code null}
	 */
	public static IncomingFile temporary(PendingWrite pending, String restart) {
		return new Temporary(pending, restart);
	}

	/**
	 * Into a partial file, keeping its first {@code offset} bytes, whose CRC32C {@code checksum}
	 * already holds (a fresh one for offset 0).
	 * @param restart why an asked-for resume starts from 0 instead, or {@code null}
	 */
	public static IncomingFile partial(PartialWrite partial, long offset, Source source, Checksum checksum, String restart)
			throws IOException {
		try {
			return new Partial(partial, offset, restart, partial.begin(offset, source), checksum);
		}
		catch (IOException | RuntimeException ex) {
			// Truncated, its record half-written (a full disk, mostly): nothing worth keeping.
			try {
				partial.discard();
			}
			catch (IOException | RuntimeException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw ex;
		}
	}

	IncomingFile() {
	}

	/** The bytes already there, from an earlier attempt; the body brings the rest. */
	public abstract long offset();

	/** Why an asked-for resume starts again from 0, or {@code null}. */
	public abstract String restart();

	public abstract WritableByteChannel channel();

	/** The CRC32C of the bytes already there, to which the body's are added: the whole file's, in the end. */
	public abstract Checksum checksum();

	public abstract void commit() throws IOException;

	public abstract void discard() throws IOException;

	/** After a cut-off: a temporary file is deleted, a partial file kept. */
	@Override
	public abstract void close() throws IOException;

	private static final class Temporary extends IncomingFile {

		private final PendingWrite pending;

		private final Checksum checksum = new CRC32C();

		private final String restart;

		Temporary(PendingWrite pending, String restart) {
			this.pending = pending;
			this.restart = restart;
		}

		@Override
		public long offset() {
			return 0;
		}

		@Override
		public String restart() {
			return this.restart;
		}

		@Override
		public WritableByteChannel channel() {
			return this.pending.channel();
		}

		@Override
		public Checksum checksum() {
			return this.checksum;
		}

		@Override
		public void commit() throws IOException {
			this.pending.commit();
		}

		@Override
		public void discard() throws IOException {
			this.pending.close();
		}

		@Override
		public void close() throws IOException {
			this.pending.close();
		}

	}

	private static final class Partial extends IncomingFile {

		private final PartialWrite partial;

		private final long offset;

		private final String restart;

		private final WritableByteChannel channel;

		private final Checksum checksum;

		private Partial(PartialWrite partial, long offset, String restart, WritableByteChannel channel, Checksum checksum) {
			this.partial = partial;
			this.offset = offset;
			this.restart = restart;
			this.channel = channel;
			this.checksum = checksum;
		}

		@Override
		public long offset() {
			return this.offset;
		}

		@Override
		public String restart() {
			return this.restart;
		}

		@Override
		public WritableByteChannel channel() {
			return this.channel;
		}

		@Override
		public Checksum checksum() {
			return this.checksum;
		}

		@Override
		public void commit() throws IOException {
			this.partial.commit();
		}

		@Override
		public void discard() throws IOException {
			this.partial.discard();
		}

		@Override
		public void close() throws IOException {
			this.partial.close();
		}

	}

}
