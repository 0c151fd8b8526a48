package dev.simpleftp.client;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A file over 4 GiB each way between a server and a client that share a 64 MiB heap, in a child
 * JVM: lengths beyond int and 2^32, and bodies that never sit in memory. The sources are sparse
 * files, zeros but for a marker byte around each boundary, so they cost nothing; each copy is
 * checked byte for byte and removed before the next transfer. The directory is in memory where
 * there is room (/dev/shm): on a disk, writing the copies dominates, some 70 s instead of 10.
 */
@Timeout(300)
class LargeTransferTests {

	private static final long SIZE = (4L << 30) + 3;

	private static final long MIB = 1024 * 1024;

	/** Offsets of a non-zero byte each: around a buffer, 2^31, 2^32, and the end. */
	private static final long[] MARKS = { 0, MIB - 1, MIB, (1L << 31) - 1, 1L << 31, (1L << 32) - 1, 1L << 32, SIZE - 1 };

	@TempDir(factory = InMemoryWhereThereIsRoom.class)
	Path temp;

	private Path serverDir;

	private Path clientDir;

	@BeforeEach
	void createDirectories() throws IOException {
		assumeTrue(Files.getFileStore(this.temp).getUsableSpace() > SIZE + (1L << 30),
				"needs 5 GiB free in " + this.temp + " for a copy");
		this.serverDir = Files.createDirectory(this.temp.resolve("server"));
		this.clientDir = Files.createDirectory(this.temp.resolve("client"));
	}

	@Test
	void overFourGibibytesGoEachWayThroughA64MiBHeap() throws Exception {
		createSparse(this.serverDir.resolve("down.bin"), 1);
		transfer("get", "down.bin");
		assertMarkedZeros(this.clientDir.resolve("down.bin"), 1);
		Files.delete(this.clientDir.resolve("down.bin"));

		createSparse(this.clientDir.resolve("up.bin"), 2);
		transfer("put", "up.bin");
		assertMarkedZeros(this.serverDir.resolve("up.bin"), 2);
		assertThat(this.serverDir.resolve("down.bin")).hasSize(SIZE);
	}

	private void transfer(String verb, String name) throws Exception {
		Path log = this.temp.resolve(verb + ".log");
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
				"-cp", System.getProperty("java.class.path"), SmallHeapTransfer.class.getName(), verb, name,
				this.serverDir.toString(), this.clientDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!child.waitFor(120, TimeUnit.SECONDS)) {
			child.destroyForcibly().waitFor();
			fail("%s %s took over 120 s:%n%s", verb, name, tail(log));
		}
		assertThat(child.exitValue()).as("exit status of %s %s; its output:%n%s", verb, name, tail(log)).isZero();
		Files.readAllLines(log).stream().filter(line -> line.startsWith(verb + " ")).forEach(System.out::println);
	}

	private static void createSparse(Path file, int seed) throws IOException {
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(SIZE);
			for (long mark : MARKS) {
				sparse.seek(mark);
				sparse.write(marker(mark, seed));
			}
		}
	}

	/** Reads the whole file once and checks every byte: zero, or the marker where one belongs. */
	private static void assertMarkedZeros(Path file, int seed) throws IOException {
		assertThat(Files.size(file)).as(file.toString()).isEqualTo(SIZE);
		ByteBuffer buffer = ByteBuffer.allocate(8 * (int) MIB);
		byte[] expected = new byte[buffer.capacity()];
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long position = 0;
			while (position < SIZE) {
				buffer.clear();
				int read = channel.read(buffer, position);
				assertThat(read).as("read at " + position).isPositive();
				setMarks(expected, position, read, seed, true);
				int mismatch = Arrays.mismatch(buffer.array(), 0, read, expected, 0, read);
				setMarks(expected, position, read, seed, false);
				if (mismatch >= 0) {
					fail("%s differs at byte %d", file, position + mismatch);
				}
				position += read;
			}
		}
	}

	private static void setMarks(byte[] expected, long position, int length, int seed, boolean set) {
		for (long mark : MARKS) {
			if (mark >= position && mark < position + length) {
				expected[(int) (mark - position)] = set ? (byte) marker(mark, seed) : 0;
			}
		}
	}

	private static int marker(long offset, int seed) {
		return (int) (offset % 250) + seed + 1;
	}

	private static String tail(Path log) throws IOException {
		String text = Files.exists(log) ? Files.readString(log) : "(no output)";
		return text.substring(Math.max(0, text.length() - 4000));
	}

	/** A directory in /dev/shm if it has room for a copy and some to spare, else the usual one. */
	static final class InMemoryWhereThereIsRoom implements TempDirFactory {

		private static final Path SHARED_MEMORY = Path.of("/dev/shm");

		@Override
		public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
			if (Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
					&& Files.getFileStore(SHARED_MEMORY).getUsableSpace() > SIZE + (4L << 30)) {
				return Files.createTempDirectory(SHARED_MEMORY, "simple-ftp-large-");
			}
			return Files.createTempDirectory("simple-ftp-large-");
		}

	}

}
