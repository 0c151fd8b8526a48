import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * checksum-cost's four ways over a file, each timed in this JVM: read as the transfer loops read it,
 * through a 1 MiB direct buffer, with or without a checksum fed from the buffer; or the CRC32C over
 * the file mapped in 256 MiB pieces, as the zero-copy server computes it after sendfile.
 */
enum ChecksumPass {

	/** (a) The reads alone: what the others are compared with. */
	READ,
	/** (b) Each chunk added to a CRC32C after it is read, as sender and receiver do. */
	CRC32C_READS,
	/** (c) The zero-copy server's CRC32C: no reads, the file mapped. */
	CRC32C_MAPPED,
	/** (d) Each chunk added to a SHA-256 (the HASH command's digest), for comparison. */
	SHA256_READS;

	/** Enough for the loops to be compiled, and for the intrinsics behind CRC32C and SHA-256 to be in use. */
	static final long WARM_UP = 64 * Bench.MIB;

	private static final int BUFFER = (int) Bench.MIB;

	private static final long MAPPING = 256 * Bench.MIB;

	/** What one pass did: bytes, time, and its checksum (0 for READ), used by the caller so no work can be dropped. */
	record Timed(long bytes, long nanos, long checksum) {

		double millisPerGib() {
			return (this.nanos / 1e6) / (this.bytes / (double) Bench.GIB);
		}

	}

	/** Over the first {@code limit} bytes of {@code file}, or all of it. */
	Timed run(Path file, long limit) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = Math.min(limit, channel.size());
			long startedAt = System.nanoTime();
			long checksum = switch (this) {
				case READ -> {
					read(channel, size, buffer, chunk -> {
					});
					yield 0;
				}
				case CRC32C_READS -> {
					CRC32C crc = new CRC32C();
					read(channel, size, buffer, crc::update);
					yield crc.getValue();
				}
				case CRC32C_MAPPED -> mapped(channel, size);
				case SHA256_READS -> {
					MessageDigest sha256 = sha256();
					read(channel, size, buffer, sha256::update);
					yield ByteBuffer.wrap(sha256.digest()).getLong();
				}
			};
			return new Timed(size, System.nanoTime() - startedAt, checksum);
		}
	}

	/** Each chunk to {@code sink} as a view of its own, the buffer's position left alone, as Checksums.update does. */
	private static void read(FileChannel channel, long size, ByteBuffer buffer, Consumer<ByteBuffer> sink) throws IOException {
		long position = 0;
		while (position < size) {
			buffer.clear().limit((int) Math.min(BUFFER, size - position));
			int read = channel.read(buffer);
			Bench.require(read >= 0, "the file ended at " + position + " bytes, before " + size);
			position += read;
			buffer.flip();
			sink.accept(buffer.duplicate());
		}
	}

	private static long mapped(FileChannel channel, long size) throws IOException {
		CRC32C crc = new CRC32C();
		for (long position = 0; position < size; position += MAPPING) {
			MappedByteBuffer piece = channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(MAPPING, size - position));
			crc.update(piece);
		}
		return crc.getValue();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new BenchFailure("this JVM has no SHA-256: " + ex.getMessage());
		}
	}

}
