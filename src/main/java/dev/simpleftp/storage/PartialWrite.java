package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.zip.Checksum;

/**
 * A file arriving into a hidden partial file that outlives a cut-off, so that the transfer can
 * resume where it stopped, with the source its bytes come from recorded beside them (its size and
 * modification time), so that a resumed transfer can check the source is still the same.
 * {@link #commit()} publishes the bytes under the name in one atomic step; {@link #discard()}
 * deletes the partial (a corrupted or refused transfer); {@link #close()} alone keeps it for the
 * next attempt. A partial is held while open: two transfers never write one.
 */
public interface PartialWrite extends AutoCloseable {

	/**
	 * Transfers larger than this (on either side) go to a partial file that outlives a cut-off;
	 * smaller ones are simply sent again, and keep the cheaper temporary-file path.
	 */
	long WORTH_KEEPING = 1024 * 1024;

	/** The file the partial bytes came from, as recorded when they started to arrive; empty if there are none. */
	Optional<Source> recordedSource();

	/** How many bytes the partial file holds. */
	long length() throws IOException;

	/** Adds the first {@code bytes} bytes of the partial file to {@code checksum}. */
	default void addFirst(long bytes, Checksum checksum) throws IOException {
		addFirst(bytes, checksum, () -> {
		});
	}

	/** As {@link #addFirst(long, Checksum)}, running {@code progress} now and then. */
	void addFirst(long bytes, Checksum checksum, Runnable progress) throws IOException;

	/**
	 * Keeps the first {@code offset} bytes (0 for a fresh start), records where the bytes come
	 * from, and returns the channel to write the rest to, from {@code offset} on.
	 */
	WritableByteChannel begin(long offset, Source source) throws IOException;

	/**
	 * Publishes the bytes under the name, replacing any previous version, and forgets the partial.
	 * @throws IOException if any step fails; the message says if the new version is already visible
	 */
	void commit() throws IOException;

	/** Deletes the partial: its bytes are not worth resuming from. */
	void discard() throws IOException;

	/** Keeps the partial for the next attempt, unless it was committed or discarded. */
	@Override
	void close() throws IOException;

	/**
	 * The file the bytes come from: its size, and its modification time to the millisecond (the
	 * precision the protocol carries).
	 */
	record Source(long size, Instant modified) {

		public Source {
			if (size < 0) {
				throw new IllegalArgumentException("negative size " + size);
			}
			modified = modified.truncatedTo(ChronoUnit.MILLIS);
		}

	}

}
