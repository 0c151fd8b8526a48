package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A new version of a file being written to a hidden temporary file. {@link #commit()} renames it
 * over the target in one atomic step; {@link #close()} without a commit deletes it, so a failed
 * transfer leaves nothing behind and the previous version intact.
 */
public final class PendingWrite implements AutoCloseable {

	private final FileChannel channel;

	private final Path temporary;

	private final Path target;

	private boolean finished;

	PendingWrite(FileChannel channel, Path temporary, Path target) {
		this.channel = channel;
		this.temporary = temporary;
		this.target = target;
	}

	/** Where the bytes go. */
	public FileChannel channel() {
		return this.channel;
	}

	/** Publishes the written bytes under the target name, replacing any previous version. */
	public void commit() throws IOException {
		if (this.finished) {
			throw new IllegalStateException("already finished");
		}
		this.finished = true;
		try {
			this.channel.close();
			Files.move(this.temporary, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(this.temporary);
			throw ex;
		}
	}

	/** Discards the written bytes unless they were committed. */
	@Override
	public void close() throws IOException {
		if (this.finished) {
			return;
		}
		this.finished = true;
		try {
			this.channel.close();
		}
		finally {
			Files.deleteIfExists(this.temporary);
		}
	}

}
