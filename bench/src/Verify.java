import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Checks on what arrived, all made outside the timed part. */
final class Verify {

	private Verify() {
	}

	static void size(Path file, long expected) throws IOException {
		Bench.require(Files.isRegularFile(file), "nothing arrived at " + file);
		long size = Files.size(file);
		Bench.require(size == expected, file.getFileName() + " arrived with " + size + " bytes, not " + expected);
	}

	/** Each file against the file of the same name in {@code sources}. */
	static void sameBytes(List<Path> files, Path sources) throws IOException {
		for (Path file : files) {
			sameBytes(file, sources.resolve(file.getFileName().toString()));
		}
	}

	static void sameBytes(Path file, Path source) throws IOException {
		Bench.require(Files.mismatch(file, source) == -1, file + " differs from " + source);
	}

	/** The files in {@code dir} whose names start with {@code prefix}: exactly {@code count}, each of {@code size} bytes. */
	static List<Path> files(Path dir, String prefix, int count, long size) throws IOException {
		List<Path> files;
		try (Stream<Path> listing = Files.list(dir)) {
			files = listing.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
		}
		Bench.require(files.size() == count, files.size() + " files named " + prefix + "* in " + dir + ", not " + count);
		for (Path file : files) {
			size(file, size);
		}
		return files;
	}

}
