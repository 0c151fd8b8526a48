package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one directory, addressed only by {@link FileName}, so nothing outside the root can
 * be named. Links are never followed: a symbolic link in the root is "not a regular file" to every
 * operation. Writes go to a hidden temporary file that is renamed over the target only when it is
 * complete, so readers see the old file or the new one, whole.
 */
public final class FileStore {

	private final Path root;

	private final java.nio.file.FileStore disk;

	/**
	 * Opens the store, creating the directory if missing and removing temporary files that a
	 * killed process left behind.
	 */
	public FileStore(Path directory) throws IOException {
		Files.createDirectories(directory);
		this.root = directory.toRealPath();
		this.disk = Files.getFileStore(this.root);
		TemporaryFiles.removeOrphans(this.root);
	}

	public Path root() {
		return this.root;
	}

	/** The bytes that may still be written to the store's disk (statvfs: quick enough to ask per upload). */
	public long usableSpace() throws IOException {
		return this.disk.getUsableSpace();
	}

	/**
	 * Opens a regular file for reading; the caller closes the channel.
	 * @throws NoSuchFileException if there is no such file
	 * @throws NotRegularFileException if it is a directory, a link or a special file
	 */
	public FileChannel openForRead(FileName name) throws IOException {
		Path path = resolve(name);
		requireRegularFileOrAbsent(path, name, true);
		return FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
	}

	/** The last modification time of a file, to the millisecond (the precision the protocol carries). */
	public Instant modified(FileName name) throws IOException {
		return Files.getLastModifiedTime(resolve(name), LinkOption.NOFOLLOW_LINKS).toInstant().truncatedTo(ChronoUnit.MILLIS);
	}

	/**
	 * Starts writing a new version of {@code name}; nothing is visible under that name until
	 * {@link PendingWrite#commit()}.
	 * @throws NotRegularFileException if the name is taken by a directory, a link or a special file
	 */
	public PendingWrite beginWrite(FileName name) throws IOException {
		Path target = resolve(name);
		requireRegularFileOrAbsent(target, name, false);
		Path temporary = TemporaryFiles.newPath(this.root);
		FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
				LinkOption.NOFOLLOW_LINKS);
		return new PendingWrite(channel, temporary, target);
	}

	/**
	 * Opens the partial file of {@code name}, created empty if there is none, for a transfer that
	 * can resume (see {@link PartialWrite}). Empty if another transfer holds it: the caller then
	 * writes with {@link #beginWrite} instead, without resume.
	 * @throws NotRegularFileException if the name is taken by a directory, a link or a special file
	 */
	public Optional<PartialWrite> beginPartial(FileName name) throws IOException {
		Path target = resolve(name);
		requireRegularFileOrAbsent(target, name, false);
		Path data = this.root.resolve(PartialFiles.dataName(name));
		// Held by this process: checked before opening a second channel, since closing any channel
		// on a file drops every lock the process holds on it (POSIX), which another process could then take.
		if (!PartialFiles.hold(data)) {
			return Optional.empty();
		}
		FileChannel channel = null;
		try {
			channel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
					LinkOption.NOFOLLOW_LINKS);
			FileLock lock = channel.tryLock(); // held by another process: null
			if (lock == null) {
				channel.close();
				PartialFiles.release(data);
				return Optional.empty();
			}
			return Optional.of(new PartialWrite(channel, lock, data, this.root.resolve(PartialFiles.infoName(name)), target));
		}
		catch (IOException | RuntimeException ex) {
			if (channel != null) {
				channel.close();
			}
			PartialFiles.release(data);
			throw ex;
		}
	}

	/** Whether an interrupted transfer of {@code name} left a partial file with its source recorded. */
	public boolean hasPartial(FileName name) {
		// java.io.File answers "no such file" without an exception, which Files would throw and catch:
		// a client asks this before every download. Opening the partial file checks it properly.
		return this.root.resolve(PartialFiles.infoName(name)).toFile().isFile()
				&& this.root.resolve(PartialFiles.dataName(name)).toFile().isFile();
	}

	/** Deletes the partial file of {@code name}, if any and if no transfer holds it; true if one was deleted. */
	public boolean discardPartial(FileName name) throws IOException {
		if (!Files.exists(this.root.resolve(PartialFiles.dataName(name)), LinkOption.NOFOLLOW_LINKS)) {
			Files.deleteIfExists(this.root.resolve(PartialFiles.infoName(name)));
			return false;
		}
		Optional<PartialWrite> partial = beginPartial(name);
		if (partial.isEmpty()) {
			return false;
		}
		partial.get().discard();
		return true;
	}

	/** Deletes the partial files last written before {@code cutoff} that no transfer holds; returns how many. */
	public int removePartialsOlderThan(Instant cutoff) throws IOException {
		return PartialFiles.removeOlderThan(this.root, cutoff);
	}

	/**
	 * The regular files of the directory, sorted by name. Directories, links, special files,
	 * temporary files and names that {@link FileName} refuses are left out: nothing is listed that
	 * could not be fetched. Holds every entry: for a directory of any size, see
	 * {@link #list(int, Runnable, EntrySink)}.
	 */
	public List<FileEntry> list() throws IOException {
		List<FileEntry> entries = new ArrayList<>();
		list(Integer.MAX_VALUE, () -> {
		}, entries::add);
		return entries;
	}

	/**
	 * Hands the entries {@link #list()} would return to {@code sink}, in the same order, one at a
	 * time: only the names are held meanwhile, compactly.
	 * @param maxEntries the most acceptable names the directory may hold (counted before links,
	 * directories and special files are left out)
	 * @param progress called now and then while the directory is read: for long work's watchdog
	 * @throws TooManyEntriesException if the directory holds more, before any entry is handed on
	 */
	public void list(int maxEntries, Runnable progress, EntrySink sink) throws IOException {
		DirectoryListing.list(this.root, maxEntries, progress, sink);
	}

	/** Takes the entries of a listing, one at a time. */
	@FunctionalInterface
	public interface EntrySink {

		void accept(FileEntry entry) throws IOException;

	}

	/**
	 * A {@link ScratchFile}: a hidden temporary file of the root, or of {@code java.io.tmpdir} when
	 * the root cannot take it.
	 */
	public ScratchFile newScratchFile() throws IOException {
		return ScratchFile.open(this.root, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * The path of {@code name} in the root.
	 * @throws UnrepresentableNameException if this system cannot make it a plain file name of the
	 * root: an I/O failure, so that every caller already answers it, and an upload's body is still
	 * read and dropped
	 */
	private Path resolve(FileName name) throws UnrepresentableNameException {
		Path path;
		try {
			path = this.root.resolve(name.value());
		}
		catch (InvalidPathException ex) {
			// A non-ASCII name in a JVM whose file-name encoding (sun.jnu.encoding, from the locale) is not UTF-8.
			throw new UnrepresentableNameException(name.value(), "this server's file-name encoding ("
					+ System.getProperty("sun.jnu.encoding", "?") + ") cannot represent it; run it under a UTF-8 locale");
		}
		// FileName's rules are portable; this catches whatever a platform still reads as a path.
		if (!path.getParent().equals(this.root) || !path.getFileName().toString().equals(name.value())) {
			throw new UnrepresentableNameException(name.value(), "not a plain file name on this system");
		}
		return path;
	}

	/** A name {@link FileName} accepts that this system cannot use as a plain file name of the root. */
	public static final class UnrepresentableNameException extends FileSystemException {

		public UnrepresentableNameException(String name, String reason) {
			super(name, null, reason);
		}

	}

	private static void requireRegularFileOrAbsent(Path path, FileName name, boolean mustExist) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			if (mustExist) {
				throw new NoSuchFileException(name.value());
			}
			return;
		}
		if (!attributes.isRegularFile()) {
			throw new NotRegularFileException(name.value(), attributes.isDirectory() ? "a directory"
					: attributes.isSymbolicLink() ? "a symbolic link" : "a special file");
		}
	}

	/** The name is taken by something that is not a regular file. */
	public static final class NotRegularFileException extends FileSystemException {

		public NotRegularFileException(String name, String what) {
			super(name, null, "it is " + what);
		}

	}

}
