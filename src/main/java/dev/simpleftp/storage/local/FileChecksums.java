package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Checksum;

/** Checksums of a file's contents, read from an open channel. */
public final class FileChecksums {

	/** Mapped a piece at a time, so that a huge file does not need a huge mapping. */
	private static final long MAPPING = 256L * 1024 * 1024;

	/**
	 * Files up to this size are read through a buffer for a CRC32C rather than mapped: a mapping is
	 * only released when the garbage collector gets to it, so under load thousands of small ones held
	 * the files' pages (the soak benchmark saw 3149 mappings and gigabytes of resident memory,
	 * docs/RELIABILITY.md). A larger file is mapped, which reads it faster; there are few at once.
	 */
	private static final long READ_AT_MOST = 64L * 1024 * 1024;

	private static final int READ_SIZE = 256 * 1024;

	private FileChecksums() {
	}

	/**
	 * Adds the first {@code length} bytes of {@code file} to {@code checksum}: up to 64 MiB read
	 * through a buffer, more through memory mappings of the page cache.
	 * @throws IOException also if the file is shorter than {@code length}
	 */
	public static void add(Checksum checksum, FileChannel file, long length) throws IOException {
		add(checksum, file, length, () -> {
		});
	}

	/**
	 * As {@link #add(Checksum, FileChannel, long)}, running {@code progress} after each 256 MiB
	 * mapped (once, for a file read through a buffer): a large file read from a cold disk takes long
	 * enough that a watchdog wants to know work goes on.
	 */
	public static void add(Checksum checksum, FileChannel file, long length, Runnable progress) throws IOException {
		if (file.size() < length) {
			throw new IOException("file shrank: " + file.size() + " of " + length + " bytes");
		}
		if (length > READ_AT_MOST) {
			for (long position = 0; position < length; position += MAPPING) {
				checksum.update(file.map(FileChannel.MapMode.READ_ONLY, position, Math.min(MAPPING, length - position)));
				progress.run();
			}
			return;
		}
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, READ_SIZE));
		for (long position = 0; position < length;) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
			int read = file.read(buffer, position);
			if (read < 0) {
				throw new IOException("file shrank: " + position + " of " + length + " bytes");
			}
			checksum.update(buffer.flip());
			position += read;
		}
		progress.run();
	}

	/** The SHA-256 of the whole of {@code file}, in lower-case hexadecimal as {@code sha256sum} prints it. */
	public static String sha256(FileChannel file) throws IOException {
		return sha256(file, () -> {
		});
	}

	/**
	 * As {@link #sha256(FileChannel)}, running {@code progress} after each mapped piece: a large file
	 * takes long enough that a watchdog wants to know work goes on.
	 */
	public static String sha256(FileChannel file, Runnable progress) throws IOException {
		MessageDigest digest = newSha256();
		long length = file.size();
		for (long position = 0; position < length; position += MAPPING) {
			digest.update(file.map(FileChannel.MapMode.READ_ONLY, position, Math.min(MAPPING, length - position)));
			progress.run();
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
