package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.KeptPartial;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.ReadableFile;
import dev.simpleftp.storage.ScratchFile;

/**
 * The {@link FileStore} of one local directory: the files of that directory, addressed only by {@link FileName}, so nothing outside the root can
 * be named. Links are never followed: a symbolic link in the root is "not a regular file" to every
 * operation, and no file is opened through one (see {@link LinkChecks}). A file with more than one
 * hard link is not read unless the store allows it ({@link HardLinks}); the store's own partial
 * files are never written through a second link. Writes go to a hidden temporary file that is
 * renamed over the target only when it is complete, so readers see the old file or the new one,
 * whole; with {@link Durability#synced()} (the default) a commit returns only once the new file
 * would survive a power cut.
 */
public final class LocalFileStore implements FileStore {

	private final Path root;

	private final java.nio.file.FileStore disk;

	private final HardLinks hardLinks;

	private final Durability durability;

	/**
	 * As {@link #LocalFileStore(Path, HardLinks, Durability)}, refusing files with more than one hard link,
	 * and durable: every commit forced to the disk.
	 */
	public LocalFileStore(Path directory) throws IOException {
		this(directory, HardLinks.REFUSED, Durability.synced());
	}

	/** As {@link #LocalFileStore(Path, HardLinks, Durability)}, durable. */
	public LocalFileStore(Path directory, HardLinks hardLinks) throws IOException {
		this(directory, hardLinks, Durability.synced());
	}

	/** As {@link #LocalFileStore(Path, HardLinks, Durability)}, refusing files with more than one hard link. */
	public LocalFileStore(Path directory, Durability durability) throws IOException {
		this(directory, HardLinks.REFUSED, durability);
	}

	/**
	 * Opens the store, creating the directory if missing and removing temporary files that a
	 * killed process left behind.
	 * @param hardLinks whether a file with more than one hard link is read
	 * @param durability what a commit forces to the disk
	 * @throws IOException also if the directory cannot be forced, checked once here so that the
	 * store fails when it opens rather than at every commit
	 */
	public LocalFileStore(Path directory, HardLinks hardLinks, Durability durability) throws IOException {
		Files.createDirectories(directory);
		this.root = directory.toRealPath();
		this.disk = Files.getFileStore(this.root);
		this.hardLinks = hardLinks;
		this.durability = durability;
		TemporaryFiles.removeOrphans(this.root);
		try {
			durability.forceDirectory(this.root);
		}
		catch (IOException ex) {
			throw new IOException("cannot force the directory " + this.root + " to the disk (" + ex
					+ "): durable writes need a file system that can; turn the durable setting off to store without", ex);
		}
	}

	/**
	 * Whether the store reads a file with more than one hard link. A hard link is the file itself
	 * under a second name, which may be outside the root: a link that someone with a shell on the
	 * server made would serve a file the root's owner never put there. Trees that use hard links on
	 * purpose (snapshots made with {@code cp -al} or rsnapshot) need {@link #ALLOWED}. Replacing such a
	 * file is safe either way (a new file is renamed over the name; the other names keep the old one).
	 */
	public enum HardLinks {

		/** A file with more than one link is refused, and not listed. */
		REFUSED,

		/** A file with more than one link is read like any other. */
		ALLOWED

	}

	public Path root() {
		return this.root;
	}

	@Override
	public String location() {
		return this.root.toString();
	}

	/** What a commit forces to the disk; a store opened for another directory of the same side uses the same. */
	public Durability durability() {
		return this.durability;
	}

	/** The bytes that may still be written to the store's disk (statvfs: quick enough to ask per upload). */
	@Override
	public long usableSpace() throws IOException {
		return this.disk.getUsableSpace();
	}

	/**
	 * Opens a regular file for reading; the caller closes it. Never waits long, even if a FIFO takes
	 * the file's place after it was checked (see {@link ReadOpener}).
	 * @throws NoSuchFileException if there is no such file
	 * @throws NotRegularFileException if it is a directory, a link or a special file
	 * @throws HardLinkedFileException if it has more than one link and the store refuses those
	 * @throws IOException also if it could not be opened within a few seconds (see {@link ReadOpener})
	 */
	@Override
	public ReadableFile openForRead(FileName name) throws IOException {
		return new ChannelFile(openChannel(name));
	}

	/** As {@link #openForRead}, the channel itself: for what reads the local disk only. */
	public FileChannel openChannel(FileName name) throws IOException {
		LinkChecks.Opened opened = LinkChecks.openRegular(resolve(name), name.value(), StandardOpenOption.READ);
		if (this.hardLinks == HardLinks.REFUSED && opened.stat().links() > 1) {
			opened.channel().close();
			throw new HardLinkedFileException(name.value(), opened.stat().links());
		}
		return opened.channel();
	}

	@Override
	public Instant modified(FileName name) throws IOException {
		return Files.getLastModifiedTime(resolve(name), LinkOption.NOFOLLOW_LINKS).toInstant().truncatedTo(ChronoUnit.MILLIS);
	}

	@Override
	public LocalPendingWrite beginWrite(FileName name) throws IOException {
		Path target = resolve(name);
		requireRegularFileOrAbsent(target, name);
		return LocalPendingWrite.create(target, this.durability);
	}

	@Override
	public Optional<PartialWrite> beginPartial(FileName name, String owner) throws IOException {
		Path target = resolve(name);
		requireRegularFileOrAbsent(target, name);
		Path data = this.root.resolve(PartialFiles.dataName(name, owner));
		Path info = this.root.resolve(PartialFiles.infoName(name, owner));
		// Held by this process: checked before opening a second channel, since closing any channel
		// on a file drops every lock the process holds on it (POSIX), which another process could then take.
		if (!PartialFiles.hold(data)) {
			return Optional.empty();
		}
		FileChannel channel = null;
		try {
			channel = PartialFiles.open(data, info);
			FileLock lock = channel.tryLock(); // held by another process: null
			if (lock == null) {
				channel.close();
				PartialFiles.release(data);
				return Optional.empty();
			}
			return Optional.of(new LocalPartialWrite(channel, lock, data, info, target, this.durability));
		}
		catch (IOException | RuntimeException ex) {
			if (channel != null) {
				channel.close();
			}
			PartialFiles.release(data);
			throw ex;
		}
	}

	@Override
	public boolean hasPartial(FileName name, String owner) {
		// java.io.File answers "no such file" without an exception, which Files would throw and catch:
		// a client asks this before every download. Opening the partial file checks it properly.
		return this.root.resolve(PartialFiles.infoName(name, owner)).toFile().isFile()
				&& this.root.resolve(PartialFiles.dataName(name, owner)).toFile().isFile();
	}

	@Override
	public boolean discardPartial(FileName name, String owner) throws IOException {
		if (!Files.exists(this.root.resolve(PartialFiles.dataName(name, owner)), LinkOption.NOFOLLOW_LINKS)) {
			Files.deleteIfExists(this.root.resolve(PartialFiles.infoName(name, owner)));
			return false;
		}
		Optional<PartialWrite> partial = beginPartial(name, owner);
		if (partial.isEmpty()) {
			return false;
		}
		partial.get().discard();
		return true;
	}

	@Override
	public int removePartialsOlderThan(Instant cutoff) throws IOException {
		return PartialFiles.removeOlderThan(this.root, cutoff);
	}

	@Override
	public List<KeptPartial> keptPartials() throws IOException {
		return PartialFiles.kept(this.root);
	}

	/**
	 * The regular files of the directory, sorted by name. Directories, links, special files,
	 * temporary files, names that {@link FileName} refuses and (if refused) files with more than one
	 * hard link are left out. Only the names are held meanwhile, compactly (see {@link DirectoryListing}).
	 */
	@Override
	public void list(int maxEntries, Runnable progress, EntrySink sink) throws IOException {
		DirectoryListing.list(this.root, this.hardLinks, maxEntries, progress, sink);
	}

	/**
	 * A {@link DiskScratchFile}: a hidden temporary file of the root, or of {@code java.io.tmpdir} when
	 * the root cannot take it.
	 */
	@Override
	public ScratchFile newScratchFile() throws IOException {
		return DiskScratchFile.open(this.root, Path.of(System.getProperty("java.io.tmpdir")));
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

	private static void requireRegularFileOrAbsent(Path path, FileName name) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		if (!attributes.isRegularFile()) {
			throw new NotRegularFileException(name.value(), attributes.isDirectory() ? "a directory"
					: attributes.isSymbolicLink() ? "a symbolic link" : "a special file");
		}
	}

}
