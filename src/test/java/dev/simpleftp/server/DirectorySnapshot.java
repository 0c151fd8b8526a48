package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every entry under a directory, links not followed, each described by its kind and, for a file, a
 * digest of its bytes: two snapshots are equal only if nothing was created, removed or changed.
 */
record DirectorySnapshot(Map<String, String> entries) {

	static DirectorySnapshot of(Path directory) throws IOException {
		Map<String, String> entries = new TreeMap<>();
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Iterator<Path> it = paths.iterator(); it.hasNext();) {
				Path path = it.next();
				entries.put(directory.relativize(path).toString(), describe(path));
			}
		}
		return new DirectorySnapshot(entries);
	}

	private static String describe(Path path) throws IOException {
		if (Files.isSymbolicLink(path)) {
			return "link to " + Files.readSymbolicLink(path);
		}
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			return "directory";
		}
		return "file sha-256 " + sha256(Files.readAllBytes(path));
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
