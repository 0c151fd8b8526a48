package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A new version of a file being written where no one sees it (a hidden temporary file, an
 * unfinished upload). {@link #commit()} publishes it under its name in one atomic step, so readers
 * see the old version or the new one, whole; {@link #close()} without a commit drops it, so a failed
 * transfer leaves nothing behind and the previous version intact.
 */
public interface PendingWrite extends AutoCloseable {

	/** Where the bytes go, in order. */
	WritableByteChannel channel();

	/**
	 * Publishes the written bytes under the name, replacing any previous version, and returns once
	 * they would survive a power cut (as far as the store promises that).
	 * @throws IOException if any step fails; the message says if the new version is already visible
	 */
	void commit() throws IOException;

	/** Drops the written bytes unless they were committed. */
	@Override
	void close() throws IOException;

}
