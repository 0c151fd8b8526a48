package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.KeptPartial;

/**
 * Names of the hidden files that keep an interrupted transfer for resuming:
 * {@code .simpleftp-partial-KEY.part} (the bytes) and {@code .simpleftp-partial-KEY.info} (their
 * source), where KEY is the first 128 bits of the SHA-256 of the target's name, so that any name up
 * to 255 bytes gives a short file name; for a transfer made by an account, of the account's name, a
 * NUL byte and the target's name, so that accounts sharing a directory never see nor continue each
 * other's (a file name has no NUL, so the two forms never meet). The {@code .simpleftp-} prefix is
 * reserved (see {@link FileName}): a partial file is never listed, fetched or mistaken for a real
 * file, and {@link TemporaryFiles} leaves it alone.
 */
final class PartialFiles {

	static final String PREFIX = TemporaryFiles.PREFIX + "partial-";

	/** The partial files this process holds open: a second channel on one must not be opened (see {@link #hold}). */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	private PartialFiles() {
	}

	/**
	 * Claims a partial file for this process, or returns false if it already holds it. Checked
	 * before any channel is opened on it: on POSIX systems, closing any channel on a file drops every
	 * lock the process holds on that file, so a second channel opened and closed here would let
	 * another process lock a partial file an upload is writing.
	 */
	static boolean hold(Path data) {
		return HELD.add(data);
	}

	static void release(Path data) {
		HELD.remove(data);
	}

	static String dataName(FileName name) {
		return dataName(name, null);
	}

	/** @param owner the account that makes the transfer, or {@code null} */
	static String dataName(FileName name, String owner) {
		return PREFIX + key(name, owner) + ".part";
	}

	static String infoName(FileName name) {
		return infoName(name, null);
	}

	static String infoName(FileName name, String owner) {
		return PREFIX + key(name, owner) + ".info";
	}

	private static String key(FileName name, String owner) {
		MessageDigest sha256 = SHA256.get();
		if (owner != null) {
			sha256.update(owner.getBytes(StandardCharsets.UTF_8));
			sha256.update((byte) 0);
		}
		byte[] digest = sha256.digest(name.value().getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	/**
	 * Opens the partial file {@code data} for reading and writing, created empty if there is none,
	 * never through a link. Whatever else holds the name is removed, with the info beside it, and a
	 * new partial file created: a symbolic link; a file with a second link (writing to it would change
	 * the file under its other name, which may be outside the root, and a snapshot made with
	 * {@code cp -al} shares its partial files so); a directory or a special file. The name is the
	 * store's own, so nothing of value is lost. A new one is created with {@code CREATE_NEW}, which
	 * does not follow a link planted meanwhile.
	 */
	static FileChannel open(Path data, Path info) throws IOException {
		return LinkChecks.retry(data.getFileName().toString(), "the partial file was replaced each time it was opened", () -> {
			LinkChecks.Stat before = LinkChecks.statIfAny(data);
			if (before == null) {
				try {
					return new LinkChecks.Opened(FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
							StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), null);
				}
				catch (FileAlreadyExistsException ex) {
					return null; // created meanwhile: look again
				}
			}
			if (before.kind() == LinkChecks.Kind.REGULAR_FILE && before.links() == 1) {
				FileChannel channel = openExisting(data);
				return (channel == null) ? null : LinkChecks.ifUnchanged(data, before, channel, after -> after.links() == 1);
			}
			// Deleting a name never touches what a link names: the file outside keeps its bytes.
			Files.deleteIfExists(info);
			Files.deleteIfExists(data);
			return null;
		}).channel();
	}

	/** The existing partial file for reading and writing, or {@code null} if it is gone or became a link. */
	private static FileChannel openExisting(Path data) throws IOException {
		try {
			return FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (FileSystemException ex) {
			LinkChecks.Stat now = LinkChecks.statIfAny(data);
			if (now != null && now.kind() == LinkChecks.Kind.SYMBOLIC_LINK) {
				return null; // planted since the look (ELOOP): the next look removes it
			}
			throw ex;
		}
	}

	/** Looked up once per thread: a client checks for a partial file before every download. */
	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	});

	/** Deletes the partial files (and their info) last written before {@code cutoff} that no transfer holds. */
	static int removeOlderThan(Path directory, Instant cutoff) throws IOException {
		int removed = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*.part")) {
			for (Path data : entries) {
				if (isOlder(data, cutoff) && deleteUnlessHeld(data)) {
					removed++;
				}
			}
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*.info")) {
			for (Path info : entries) {
				String name = info.getFileName().toString();
				Path data = info.resolveSibling(name.substring(0, name.length() - ".info".length()) + ".part");
				if (!Files.exists(data, LinkOption.NOFOLLOW_LINKS) && isOlder(info, cutoff)) {
					Files.deleteIfExists(info);
				}
			}
		}
		return removed;
	}

	/** The partial files of {@code directory}, with what their info says, in no particular order. */
	static List<KeptPartial> kept(Path directory) throws IOException {
		List<KeptPartial> kept = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*.part")) {
			for (Path data : entries) {
				BasicFileAttributes attributes;
				try {
					attributes = Files.readAttributes(data, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				}
				catch (IOException ex) {
					continue; // gone meanwhile
				}
				if (!attributes.isRegularFile()) {
					continue;
				}
				String dataName = data.getFileName().toString();
				Path info = data.resolveSibling(dataName.substring(0, dataName.length() - ".part".length()) + ".info");
				Optional<List<String>> lines = LocalPartialWrite.readInfoLines(info);
				long size = lines.map(text -> Long.parseLong(text.get(0))).orElse(-1L);
				Optional<FileName> name = lines.filter(text -> text.size() == 3)
					.map(text -> text.get(2))
					.filter(FileName::isValid)
					.map(FileName::of)
					.filter(candidate -> dataName(candidate).equals(dataName));
				kept.add(new KeptPartial(name, attributes.size(), size));
			}
		}
		return kept;
	}

	private static boolean isOlder(Path path, Instant cutoff) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean deleteUnlessHeld(Path data) {
		if (!hold(data)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return false;
			}
			try (lock) {
				String name = data.getFileName().toString();
				Files.deleteIfExists(data.resolveSibling(name.substring(0, name.length() - ".part".length()) + ".info"));
				return Files.deleteIfExists(data);
			}
		}
		catch (IOException ex) {
			return false;
		}
		finally {
			release(data);
		}
	}

}
