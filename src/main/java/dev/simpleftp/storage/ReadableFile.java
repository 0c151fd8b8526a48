package dev.simpleftp.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Checksum;

/**
 * A file open for reading, by position, as a transfer sends it: through a buffer ({@link #read}),
 * or handed to a channel whole ({@link #transferTo}), which a local file does with sendfile and an
 * object store with a ranged read. The checksums have defaults that read through a buffer; a store
 * with a faster way (the local one maps large files) overrides them.
 */
public interface ReadableFile extends Closeable {

	/** The buffer the default checksums read through. */
	int CHECKSUM_BUFFER = 256 * 1024;

	/** The file's size in bytes. */
	long size() throws IOException;

	/**
	 * Reads into {@code target} from {@code position}, as {@link java.nio.channels.FileChannel#read(ByteBuffer, long)}.
	 * @return the bytes read, -1 at the end of the file
	 */
	int read(ByteBuffer target, long position) throws IOException;

	/**
	 * Writes up to {@code count} bytes from {@code position} to {@code target}, as
	 * {@link java.nio.channels.FileChannel#transferTo}: the local store's zero-copy path.
	 * @return the bytes written, 0 at or past the end of the file
	 */
	long transferTo(long position, long count, WritableByteChannel target) throws IOException;

	/**
	 * Adds the first {@code length} bytes to {@code checksum}, running {@code progress} now and then
	 * (a large file takes long enough that a watchdog wants to know work goes on).
	 * @throws IOException also if the file is shorter than {@code length}
	 */
	default void addTo(Checksum checksum, long length, Runnable progress) throws IOException {
		if (size() < length) {
			throw new IOException("file shrank: " + size() + " of " + length + " bytes");
		}
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, CHECKSUM_BUFFER));
		for (long position = 0; position < length;) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), length - position));
			int read = read(buffer, position);
			if (read < 0) {
				throw new IOException("file shrank: " + position + " of " + length + " bytes");
			}
			checksum.update(buffer.flip());
			position += read;
			progress.run();
		}
	}

	/** The SHA-256 of the whole file, in lower-case hexadecimal as {@code sha256sum} prints it. */
	default String sha256(Runnable progress) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
		ByteBuffer buffer = ByteBuffer.allocate(CHECKSUM_BUFFER);
		long length = size();
		for (long position = 0; position < length;) {
			int read = read(buffer.clear(), position);
			if (read < 0) {
				break;
			}
			digest.update(buffer.flip());
			position += read;
			progress.run();
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
