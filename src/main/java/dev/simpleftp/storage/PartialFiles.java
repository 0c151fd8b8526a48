package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of the hidden files that keep an interrupted transfer for resuming:
 * {@code .simpleftp-partial-KEY.part} (the bytes) and {@code .simpleftp-partial-KEY.info} (their
 * source), where KEY is the first 128 bits of the SHA-256 of the target's name, so that any name up
 * to 255 bytes gives a short file name. The {@code .simpleftp-} prefix is reserved (see
 * {@link FileName}): a partial file is never listed, fetched or mistaken for a real file, and
 * {@link TemporaryFiles} leaves it alone.
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
		return PREFIX + key(name) + ".part";
	}

	static String infoName(FileName name) {
		return PREFIX + key(name) + ".info";
	}

	private static String key(FileName name) {
		byte[] digest = SHA256.get().digest(name.value().getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
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
