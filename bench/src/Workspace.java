import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The temporary directory and the test data in it: {@code server/} holds big.bin, small-NNNN.bin and
 * mid-NNN.bin; {@code client/} holds up.bin and up-small-NNNN.bin (hard links to the same bytes,
 * where the file system allows) for the uploads, and receives the downloads.
 */
final class Workspace {

	private final Path root;

	private final List<String> midNames = new ArrayList<>();

	private Workspace(Path root) {
		this.root = root;
	}

	/** Under /dev/shm when it exists and has room, so the disk is not what is measured; else java.io.tmpdir. */
	static Workspace create(long bytesNeeded) throws IOException {
		Path shm = Path.of("/dev/shm");
		Path base = Path.of(System.getProperty("java.io.tmpdir"));
		if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > bytesNeeded) {
			base = shm;
		}
		else if (Files.getFileStore(base).getUsableSpace() < bytesNeeded) {
			throw new BenchFailure("not enough room for the test data (" + Sizes.human(bytesNeeded) + ") in " + base);
		}
		return new Workspace(Files.createTempDirectory(base, "simple-ftp-bench-"));
	}

	Path root() {
		return this.root;
	}

	Path serverDir() {
		return dir("server");
	}

	Path clientDir() {
		return dir("client");
	}

	Path big() {
		return serverDir().resolve("big.bin");
	}

	List<String> midNames() {
		return this.midNames;
	}

	Path dir(String name) {
		Path dir = this.root.resolve(name);
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void makeData(Options options, boolean big, boolean small, boolean mid) throws IOException {
		SplittableRandom random = new SplittableRandom(20240601);
		if (big) {
			writeRandom(big(), options.bigBytes(), random);
			link(clientDir().resolve("up.bin"), big());
		}
		for (int i = 1; small && i <= options.smallFiles(); i++) {
			String number = String.format(Locale.ROOT, "%04d.bin", i);
			Path file = serverDir().resolve("small-" + number);
			writeRandom(file, options.smallBytes(), random);
			link(clientDir().resolve("up-small-" + number), file);
		}
		for (int i = 1; mid && i <= options.clients(); i++) {
			String name = String.format(Locale.ROOT, "mid-%03d.bin", i);
			writeRandom(serverDir().resolve(name), options.clientFileBytes(), random);
			this.midNames.add(name);
		}
	}

	static void writeRandom(Path file, long size, SplittableRandom random) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size + 7, Bench.MIB));
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			long left = size;
			while (left > 0) {
				buffer.clear();
				while (buffer.remaining() >= Long.BYTES) {
					buffer.putLong(random.nextLong());
				}
				buffer.flip().limit((int) Math.min(buffer.limit(), left));
				while (buffer.hasRemaining()) {
					left -= out.write(buffer);
				}
			}
		}
	}

	/** Directory {@code name} with the big file in it as {@code fileName} (the same bytes, linked where possible). */
	Path withBig(String name, String fileName) throws IOException {
		Path dir = dir(name);
		Path file = dir.resolve(fileName);
		if (!Files.exists(file)) {
			link(file, big());
		}
		return dir;
	}

	static void link(Path link, Path existing) throws IOException {
		try {
			Files.createLink(link, existing);
		}
		catch (UnsupportedOperationException | IOException ex) {
			Files.copy(existing, link);
		}
	}

	void delete() {
		try {
			deleteTree(this.root);
		}
		catch (IOException ex) {
			System.err.println("could not delete " + this.root + ": " + ex.getMessage());
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
