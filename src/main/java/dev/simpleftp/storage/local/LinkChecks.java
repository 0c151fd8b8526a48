package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import dev.simpleftp.storage.FileStore;

/**
 * How a store opens a file that is already there without going through a link. A symbolic link is
 * never followed: every open is made with {@link LinkOption#NOFOLLOW_LINKS} ({@code O_NOFOLLOW}),
 * so it fails on a link instead of reaching what the link names. A hard link cannot be refused that
 * way: it is the file itself, under another name too, so its link count ({@code unix:nlink}) is
 * what tells. Java 17 cannot ask an open channel which file it holds (there is no {@code fstat}), so
 * the name is looked at without following links just before and just after it is opened, and must
 * be the same file (device and inode) both times; its kind and link count are read in the second
 * look. New files are never opened here: they are created with {@code CREATE_NEW}, which does not
 * follow a link either, or written under a fresh name and renamed into place.
 */
final class LinkChecks {

	private static final String UNIX_ATTRIBUTES = "unix:isRegularFile,isDirectory,isSymbolicLink,fileKey,nlink";

	/** Replaced again and again while being opened: give up rather than loop. */
	private static final int ATTEMPTS = 3;

	private LinkChecks() {
	}

	/**
	 * What {@code path} is, read without following a link (one {@code lstat}). On a system without the
	 * {@code unix} attribute view (Windows), links are not counted: every file has one.
	 * @throws NoSuchFileException if there is nothing at {@code path}
	 */
	static Stat stat(Path path) throws IOException {
		if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
			Map<String, Object> attributes = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
			return new Stat(kind((Boolean) attributes.get("isRegularFile"), (Boolean) attributes.get("isDirectory"),
					(Boolean) attributes.get("isSymbolicLink")), attributes.get("fileKey"), (Integer) attributes.get("nlink"));
		}
		BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		return new Stat(kind(attributes.isRegularFile(), attributes.isDirectory(), attributes.isSymbolicLink()),
				attributes.fileKey(), 1);
	}

	/** As {@link #stat}, or {@code null} if there is nothing at {@code path}. */
	static Stat statIfAny(Path path) throws IOException {
		try {
			return stat(path);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
	}

	/**
	 * Opens the regular file at {@code path} with {@code options} (and {@code NOFOLLOW_LINKS}), and
	 * says what it is. Nothing but a regular file is opened: opening a FIFO for reading would wait for
	 * a writer. When the name is replaced while it is being opened (an upload renamed over it), it is
	 * opened again.
	 * @param name the name for messages, not the path, which would tell the client where the root is
	 * @throws NoSuchFileException if there is no such file
	 * @throws FileStore.NotRegularFileException if it is a directory, a link or a special file
	 */
	static Opened openRegular(Path path, String name, OpenOption... options) throws IOException {
		Set<OpenOption> noFollow = new HashSet<>(Set.of(options));
		noFollow.add(LinkOption.NOFOLLOW_LINKS);
		return retry(name, "it was replaced each time it was opened", () -> {
			Stat before = statIfAny(path);
			if (before == null) {
				throw new NoSuchFileException(name);
			}
			before.requireRegular(name);
			FileChannel channel;
			try {
				channel = ReadOpener.SHARED.open(path, noFollow, name); // a FIFO swapped in since the look must not hold us
			}
			catch (IOException ex) {
				// Replaced by a link or removed since the look (ELOOP, ENOENT): say what is there now.
				Stat now = statIfAny(path);
				if (now == null) {
					throw new NoSuchFileException(name);
				}
				now.requireRegular(name);
				throw ex;
			}
			return ifUnchanged(path, before, channel, after -> after.kind() == Kind.REGULAR_FILE);
		});
	}

	/**
	 * Runs {@code attempt} until it opens something, at most {@value #ATTEMPTS} times: a name
	 * replaced again and again while being opened is given up rather than looped on.
	 * @param failure why, when it is given up
	 */
	static Opened retry(String name, String failure, Attempt attempt) throws IOException {
		for (int tries = 1;; tries++) {
			Opened opened = attempt.open();
			if (opened != null) {
				return opened;
			}
			if (tries == ATTEMPTS) {
				throw new FileSystemException(name, null, failure);
			}
		}
	}

	/**
	 * The second look: {@code channel}, opened after {@code before} was seen at {@code path}, if the
	 * name still holds that same file and {@code holds} is true of what it is now; otherwise the
	 * channel is closed and the answer is {@code null} (look again).
	 */
	static Opened ifUnchanged(Path path, Stat before, FileChannel channel, Predicate<Stat> holds) throws IOException {
		Stat after;
		try {
			after = statIfAny(path);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		if (after != null && after.isSameFile(before) && holds.test(after)) {
			return new Opened(channel, after);
		}
		channel.close();
		return null;
	}

	/** One look and open of a name: what was opened, or {@code null} if the name changed meanwhile. */
	@FunctionalInterface
	interface Attempt {

		Opened open() throws IOException;

	}

	private static Kind kind(boolean regular, boolean directory, boolean symbolicLink) {
		return regular ? Kind.REGULAR_FILE : directory ? Kind.DIRECTORY : symbolicLink ? Kind.SYMBOLIC_LINK : Kind.SPECIAL_FILE;
	}

	/** What a name holds. */
	enum Kind {

		REGULAR_FILE("a regular file"), DIRECTORY("a directory"), SYMBOLIC_LINK("a symbolic link"), SPECIAL_FILE("a special file");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

		String description() {
			return this.description;
		}

	}

	/**
	 * What one look at a name found.
	 * @param fileKey the file's identity (device and inode), or {@code null} where the system has none
	 * @param links how many names the file has
	 */
	record Stat(Kind kind, Object fileKey, int links) {

		boolean isSameFile(Stat other) {
			return Objects.equals(this.fileKey, other.fileKey);
		}

		void requireRegular(String name) throws FileStore.NotRegularFileException {
			if (this.kind != Kind.REGULAR_FILE) {
				throw new FileStore.NotRegularFileException(name, this.kind.description());
			}
		}

	}

	/** An open file and what it was when opened ({@code null} for a file just created). */
	record Opened(FileChannel channel, Stat stat) {
	}

}
