package dev.simpleftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * What a test sees of a store's directory from outside, as a person with {@code ls -a} would: the
 * visible files, and the hidden ones under the reserved {@code .simpleftp-} prefix (temporary files
 * {@code *.tmp}, and the partial files of interrupted transfers, named as in docs/PROTOCOL.md, "Resume").
 */
public final class ReservedFiles {

	public static final String PREFIX = ".simpleftp-";

	private ReservedFiles() {
	}

	/**
	 * The visible files by name, each as its size and CRC32C ({@code "10000 B crc32c 0123abcd"}): two
	 * listings are equal only if no file was added, removed or changed, and a difference reads well.
	 */
	public static Map<String, String> visible(Path directory) throws IOException {
		Map<String, String> files = new TreeMap<>();
		for (String name : names(directory)) {
			if (!name.startsWith(PREFIX)) {
				files.put(name, describe(directory.resolve(name)));
			}
		}
		return files;
	}

	/** A file's size and CRC32C, as {@link #visible} shows them. */
	public static String describe(Path file) throws IOException {
		CRC32C crc = new CRC32C();
		ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
		long size = 0;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			while (channel.read(buffer.clear()) > 0) {
				size += buffer.flip().remaining();
				crc.update(buffer);
			}
		}
		return size + " B crc32c " + String.format("%08x", crc.getValue());
	}

	/** The names under the reserved prefix, sorted. */
	public static List<String> reserved(Path directory) throws IOException {
		return names(directory).stream().filter(name -> name.startsWith(PREFIX)).toList();
	}

	/** The temporary files of transfers in progress (or of a process that died). */
	public static List<String> temporaries(Path directory) throws IOException {
		return reserved(directory).stream().filter(name -> name.endsWith(".tmp")).toList();
	}

	/** The bytes of the partial file of a transfer of {@code name}: {@code .simpleftp-partial-KEY.part}. */
	public static Path partialData(Path directory, String name) {
		return directory.resolve(partialKey(name) + ".part");
	}

	/** Where the partial file of {@code name} says it came from: {@code .simpleftp-partial-KEY.info}. */
	public static Path partialInfo(Path directory, String name) {
		return directory.resolve(partialKey(name) + ".info");
	}

	/** The bytes of the partial file of an upload of {@code name} by the account {@code owner}. */
	public static Path partialData(Path directory, String name, String owner) {
		return directory.resolve(partialKey(owner + "\0" + name) + ".part");
	}

	/** Where the partial file of an upload of {@code name} by {@code owner} says it came from. */
	public static Path partialInfo(Path directory, String name, String owner) {
		return directory.resolve(partialKey(owner + "\0" + name) + ".info");
	}

	/** The length of the partial file of {@code name}, or -1 if there is none (yet). */
	public static long partialLength(Path directory, String name) {
		try {
			return Files.size(partialData(directory, name));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * KEY is the first 128 bits of the SHA-256 of the name, in hexadecimal; for an account's upload,
	 * of the account's name, a NUL and the name.
	 */
	private static String partialKey(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return PREFIX + "partial-" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> names(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

}
