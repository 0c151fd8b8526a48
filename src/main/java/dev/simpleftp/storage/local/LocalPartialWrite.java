package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.zip.Checksum;

import dev.simpleftp.storage.PartialWrite;

/**
 * The local {@link PartialWrite}: a file arriving into a hidden partial file that outlives a
 * cut-off, so that the transfer can resume where it stopped. Beside the bytes, a small info file records the source they come from
 * (its size and modification time), so that a resumed transfer can check the source is still the
 * same. {@link #commit()} renames the bytes over the target in one atomic step (forced to the disk
 * as the store's {@link Durability} says, as in {@link LocalPendingWrite}); {@link #discard()}
 * deletes both files (a corrupted or refused transfer); {@link #close()} alone keeps them for the
 * next attempt. The partial file is locked while open, so two transfers never write one partial.
 */
final class LocalPartialWrite implements PartialWrite {

	/** An info holds a size, a time and the target's name (at most 255 bytes): three lines under this. */
	static final int INFO_AT_MOST = 512;

	private final FileChannel channel;

	private final FileLock lock;

	private final Path data;

	private final Path info;

	private final Path target;

	private final Durability durability;

	private final Optional<Source> recorded;

	private boolean finished;

	LocalPartialWrite(FileChannel channel, FileLock lock, Path data, Path info, Path target, Durability durability) {
		this.channel = channel;
		this.lock = lock;
		this.data = data;
		this.info = info;
		this.target = target;
		this.durability = durability;
		this.recorded = readInfo(info, target.getFileName().toString());
	}

	/** The file the partial bytes came from, as recorded when they started to arrive; empty if there are none. */
	@Override
	public Optional<Source> recordedSource() {
		return this.recorded;
	}

	/** How many bytes the partial file holds. */
	@Override
	public long length() throws IOException {
		return this.channel.size();
	}

	/** As {@link #addFirst(long, Checksum)}, running {@code progress} now and then (see {@link FileChecksums#add}). */
	@Override
	public void addFirst(long bytes, Checksum checksum, Runnable progress) throws IOException {
		FileChecksums.add(checksum, this.channel, bytes, progress);
	}

	/**
	 * Keeps the first {@code offset} bytes (0 for a fresh start), records where the bytes come
	 * from, and returns the channel to write the rest to, positioned at {@code offset}.
	 */
	@Override
	public FileChannel begin(long offset, Source source) throws IOException {
		if (offset < 0 || offset > this.channel.size()) {
			throw new IllegalArgumentException("offset " + offset + " outside 0.." + this.channel.size());
		}
		this.channel.truncate(offset);
		writeInfo(source);
		return this.channel.position(offset);
	}

	/**
	 * Writes the info under a fresh temporary name, then renames it over the info
	 * ({@link LocalPendingWrite}, not forced: a torn info only loses the resume): a rename replaces
	 * whatever holds the name, a symbolic link too, and never writes through it.
	 */
	private void writeInfo(Source source) throws IOException {
		// The name is for people (a client's lls lists kept partials by it); resuming never reads it.
		byte[] text = (source.size() + "\n" + source.modified() + "\n" + this.target.getFileName() + "\n")
			.getBytes(StandardCharsets.UTF_8);
		try (LocalPendingWrite pending = LocalPendingWrite.create(this.info, Durability.none())) {
			ByteBuffer buffer = ByteBuffer.wrap(text);
			while (buffer.hasRemaining()) {
				pending.channel().write(buffer);
			}
			pending.commit();
		}
	}

	/**
	 * Publishes the bytes under the target name, replacing any previous version, and forgets the
	 * partial; returns once the bytes and the new name are on the disk.
	 * @throws IOException if any step fails; if only the last (forcing the directory) did, the new
	 * version is already visible, but not known to survive a power cut
	 */
	@Override
	public void commit() throws IOException {
		if (this.finished) {
			throw new IllegalStateException("already finished");
		}
		try {
			// Before the rename: a rename on the disk ahead of the bytes publishes an empty or torn file.
			this.durability.forceData(this.channel);
			// Moved while still held, so that no other transfer of this name opens it meanwhile.
			Files.move(this.data, this.target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			Files.deleteIfExists(this.info);
			// One force for the new name and the info's removal, which are in the same directory.
			LocalPendingWrite.forceRenamed(this.durability, this.target);
		}
		catch (IOException | RuntimeException ex) {
			try {
				deleteBoth();
			}
			finally {
				finish();
			}
			throw ex;
		}
		finish();
	}

	/** Deletes the partial: its bytes are not worth resuming from. */
	@Override
	public void discard() throws IOException {
		if (this.finished) {
			return;
		}
		try {
			deleteBoth();
		}
		finally {
			finish();
		}
	}

	/** Keeps the partial for the next attempt, unless it was committed or discarded. */
	@Override
	public void close() throws IOException {
		if (!this.finished) {
			finish();
		}
	}

	private void finish() throws IOException {
		if (this.finished) {
			throw new IllegalStateException("already finished");
		}
		this.finished = true;
		try {
			this.lock.release();
		}
		finally {
			try {
				this.channel.close();
			}
			finally {
				PartialFiles.release(this.data);
			}
		}
	}

	private void deleteBoth() throws IOException {
		try {
			Files.deleteIfExists(this.data);
		}
		finally {
			Files.deleteIfExists(this.info);
		}
	}

	/**
	 * The recorded source: read only from a regular file with one link, opened without following a
	 * link, and only its first {@link #INFO_AT_MOST} bytes (two short lines).
	 */
	private static Optional<Source> readInfo(Path info, String name) {
		return readInfoLines(info).filter(lines -> lines.size() == 2 || lines.get(2).equals(name)).map(lines -> new Source(Long.parseLong(lines.get(0)), Instant.parse(lines.get(1))));
	}

	/** The info's lines, checked as {@link #readInfo} says: two, or three with the target's name. */
	static Optional<List<String>> readInfoLines(Path info) {
		try {
			LinkChecks.Opened opened = LinkChecks.openRegular(info, info.getFileName().toString(), StandardOpenOption.READ);
			ByteBuffer text = ByteBuffer.allocate(INFO_AT_MOST + 1);
			try (FileChannel in = opened.channel()) {
				if (opened.stat().links() > 1) {
					return Optional.empty();
				}
				int read = 0;
				while (read >= 0 && text.hasRemaining()) {
					read = in.read(text);
				}
			}
			if (!text.hasRemaining()) {
				return Optional.empty();
			}
			List<String> lines = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).lines().toList();
			if (lines.size() != 2 && lines.size() != 3) {
				return Optional.empty();
			}
			new Source(Long.parseLong(lines.get(0)), Instant.parse(lines.get(1)));
			return Optional.of(lines);
		}
		catch (IOException | IllegalArgumentException | DateTimeParseException ex) {
			// No info, a torn one, or not a plain file of its own: the partial cannot be trusted, so it counts as none.
			return Optional.empty();
		}
	}

}
