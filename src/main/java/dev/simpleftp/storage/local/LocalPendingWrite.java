package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.simpleftp.storage.PendingWrite;

/**
 * A {@link PendingWrite} to a hidden temporary file beside its target: the one write-then-rename of
 * the local store, for uploads and downloads and for the record beside a partial file. {@link #commit()} renames it
 * over the target in one atomic step, its bytes forced to the disk before and the directory after
 * (as the store's {@link Durability} says); {@link #close()} without a commit deletes it, so a
 * failed transfer leaves nothing behind and the previous version intact.
 */
public final class LocalPendingWrite implements PendingWrite {

	private final FileChannel channel;

	private final Path temporary;

	private final Path target;

	private final Durability durability;

	private boolean finished;

	/** Creates a fresh temporary file in {@code target}'s directory (never through a link). */
	static LocalPendingWrite create(Path target, Durability durability) throws IOException {
		Path temporary = TemporaryFiles.newPath(target.getParent());
		FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS);
		return new LocalPendingWrite(channel, temporary, target, durability);
	}

	private LocalPendingWrite(FileChannel channel, Path temporary, Path target, Durability durability) {
		this.channel = channel;
		this.temporary = temporary;
		this.target = target;
		this.durability = durability;
	}

	/** Where the bytes go. */
	@Override
	public FileChannel channel() {
		return this.channel;
	}

	/**
	 * Publishes the written bytes under the target name, replacing any previous version, and returns
	 * once both the bytes and the new name are on the disk.
	 * @throws IOException if any step fails; if only the last (forcing the directory) did, the new
	 * version is already visible, but not known to survive a power cut
	 */
	@Override
	public void commit() throws IOException {
		if (this.finished) {
			throw new IllegalStateException("already finished");
		}
		this.finished = true;
		try {
			try {
				// Before the rename: a rename on the disk ahead of the bytes publishes an empty or torn file.
				this.durability.forceData(this.channel);
			}
			finally {
				this.channel.close();
			}
			Files.move(this.temporary, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(this.temporary);
			throw ex;
		}
		forceRenamed(this.durability, this.target);
	}

	/** Forces the directory after {@code target} was renamed into it, saying so if that fails. */
	static void forceRenamed(Durability durability, Path target) throws IOException {
		try {
			durability.forceDirectory(target.getParent());
		}
		catch (IOException ex) {
			throw new IOException("it is in place, but its name could not be forced to the disk (" + ex.getMessage()
					+ "), so a power cut may lose it: send it again", ex);
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
