import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * File content made from a seed and a size: the longs of a {@link SplittableRandom} of that seed,
 * cut at the size. Written and checked one buffer at a time, so that neither needs the file in
 * memory.
 */
final class SeededContent {

	/** A multiple of 8, so that every buffer but the last holds whole longs. */
	private static final int CHUNK = 64 * 1024;

	private SeededContent() {
	}

	static ByteBuffer buffer() {
		return ByteBuffer.allocate(CHUNK);
	}

	/** Writes {@code content} to {@code file}, replacing any file of that name. */
	static void write(Path file, Soak.SoakFile content, ByteBuffer buffer) throws IOException {
		SplittableRandom random = new SplittableRandom(content.seed());
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.WRITE)) {
			long left = content.size();
			while (left > 0) {
				fill(buffer, random, left);
				left -= buffer.remaining();
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
			}
		}
	}

	/** How {@code file} differs from {@code content}, or {@code null} if it holds exactly that. */
	static String mismatch(Path file, Soak.SoakFile content, ByteBuffer expected, ByteBuffer actual) throws IOException {
		if (!Files.isRegularFile(file)) {
			return "is missing";
		}
		long size = Files.size(file);
		if (size != content.size()) {
			return "has " + size + " bytes, not " + content.size();
		}
		SplittableRandom random = new SplittableRandom(content.seed());
		try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
			long position = 0;
			while (position < size) {
				fill(expected, random, size - position);
				actual.clear().limit(expected.remaining());
				while (actual.hasRemaining()) {
					if (in.read(actual) < 0) {
						return "ends at byte " + (position + actual.position()) + ", before " + size;
					}
				}
				actual.flip();
				int at = actual.mismatch(expected);
				if (at >= 0) {
					return "differs from what was sent from byte " + (position + at) + " of " + size;
				}
				position += expected.remaining();
			}
		}
		return null;
	}

	/** The next {@code left} bytes, or a buffer's worth, ready to read. */
	private static void fill(ByteBuffer buffer, SplittableRandom random, long left) {
		int length = (int) Math.min(buffer.capacity(), left);
		buffer.clear();
		while (buffer.position() + Long.BYTES <= length) {
			buffer.putLong(random.nextLong());
		}
		if (buffer.position() < length) {
			long last = random.nextLong();
			while (buffer.position() < length) {
				buffer.put((byte) last);
				last >>>= 8;
			}
		}
		buffer.flip();
	}

}
