package dev.simpleftp.server.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.ReadableFile;
import dev.simpleftp.storage.ScratchFile;

/**
 * The body of a {@code LIST}, written to a {@link ScratchFile} as the directory is read, so that
 * its size and count are known before it is sent and it is sent like a file: nothing of it stays
 * in memory while the client reads, or does not. Closing it deletes the file.
 */
final class ListingSpool implements AutoCloseable {

	/** Lines are gathered into writes of this size; a line is well under it. */
	private static final int BUFFER_SIZE = 64 * 1024;

	private final ScratchFile file;

	private final long size;

	private final int count;

	private ListingSpool(ScratchFile file, long size, int count) {
		this.file = file;
		this.size = size;
		this.count = count;
	}

	/**
	 * Lists {@code store} into a new spool.
	 * @throws dev.simpleftp.storage.TooManyEntriesException if the directory holds more than
	 * {@code maxEntries}
	 */
	static ListingSpool write(FileStore store, int maxEntries, Runnable progress) throws IOException {
		ScratchFile file = store.newScratchFile();
		try {
			ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
			int[] count = { 0 };
			store.list(maxEntries, progress, entry -> {
				byte[] line = (new ListingEntry(entry.name().value(), entry.size(), entry.modified()).encode() + "\n")
					.getBytes(StandardCharsets.UTF_8);
				if (line.length > buffer.remaining()) {
					file.write(buffer.flip());
					buffer.clear();
				}
				buffer.put(line);
				count[0]++;
			});
			file.write(buffer.flip());
			return new ListingSpool(file, file.size(), count[0]);
		}
		catch (IOException | RuntimeException ex) {
			file.close();
			throw ex;
		}
	}

	/** The body's length in bytes. */
	long size() {
		return this.size;
	}

	/** The number of lines (files) in it. */
	int count() {
		return this.count;
	}

	/** The body, to be read from position 0 to {@link #size()}. */
	ReadableFile channel() {
		return this.file;
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}

}
