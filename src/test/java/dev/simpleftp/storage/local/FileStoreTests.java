package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.InvalidFileNameException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class FileStoreTests {

	private static final String TEMPORARY = "\\.simpleftp-" + ProcessHandle.current().pid() + "-\\d+-[0-9a-f]{16}\\.tmp";

	@TempDir
	Path directory;

	@Test
	void constructorCreatesAMissingRootAndItsParents() throws IOException {
		Path missing = this.directory.resolve("a/b/root");

		LocalFileStore store = new LocalFileStore(missing);

		assertThat(missing).isDirectory();
		assertThat(store.root()).isEqualTo(missing.toRealPath());
	}

	@Test
	void rootIsTheRealPathOfTheDirectory() throws IOException {
		Path real = Files.createDirectory(this.directory.resolve("real"));
		Path link = Files.createSymbolicLink(this.directory.resolve("link"), real);

		assertThat(new LocalFileStore(link).root()).isEqualTo(real.toRealPath());
	}

	@Test
	void constructorRefusesARootThatIsAFile() throws IOException {
		Path file = Files.writeString(this.directory.resolve("file"), "x");

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> new LocalFileStore(file));
		assertThat(file).hasContent("x");
	}

	@Test
	void openForReadGivesTheFileBytes() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		byte[] content = random(100_000, 1);
		Files.write(store.root().resolve("日本 file.bin"), content);

		try (FileChannel channel = store.openChannel(FileName.of("日本 file.bin"))) {
			assertThat(readAll(channel)).isEqualTo(content);
		}
	}

	@Test
	void openForReadOfAMissingNameIsNoSuchFileNamingIt() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);

		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("missing.txt")))
			.satisfies((ex) -> assertThat(ex.getFile()).isEqualTo("missing.txt"));
	}

	@Test
	void openForReadOfADirectoryIsNotARegularFile() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		Files.createDirectory(store.root().resolve("sub"));

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("sub")))
			.withMessage("sub: it is a directory");
	}

	@Test
	void openForReadOfALinkToAFileOutsideTheRootIsRefused() throws IOException {
		Path outside = Files.writeString(this.directory.resolve("secret"), "secret");
		LocalFileStore store = new LocalFileStore(this.directory.resolve("root"));
		Files.createSymbolicLink(store.root().resolve("link"), outside);

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("link")))
			.withMessage("link: it is a symbolic link");
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void openForReadOfALinkToAPipeOutsideTheRootNeverOpensThePipe() throws Exception {
		// Opening a named pipe for reading blocks until a writer comes: a store that followed the
		// link would hang here instead of refusing at once.
		Path outside = mkfifo(this.directory.resolve("pipe"));
		LocalFileStore store = new LocalFileStore(this.directory.resolve("root"));
		Files.createSymbolicLink(store.root().resolve("link"), outside);

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("link")));
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void openForReadOfAPipeInsideTheRootIsASpecialFile() throws Exception {
		LocalFileStore store = new LocalFileStore(this.directory);
		mkfifo(store.root().resolve("pipe"));

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("pipe")))
			.withMessage("pipe: it is a special file");
	}

	@Test
	void openForReadOfALinkInsideTheRootIsRefusedToo() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		Files.writeString(store.root().resolve("real"), "x");
		Files.createSymbolicLink(store.root().resolve("alias"), Path.of("real"));

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("alias")));
	}

	@Test
	void openForReadOfADanglingLinkIsRefusedNotMissing() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory.resolve("root"));
		Files.createSymbolicLink(store.root().resolve("link"), this.directory.resolve("nowhere"));

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.openForRead(FileName.of("link")));
	}

	@Test
	void beginWriteOverALinkToAFileOutsideIsRefusedAndTheOutsideFileIsUnchanged() throws IOException {
		Path outside = Files.writeString(this.directory.resolve("secret"), "secret");
		LocalFileStore store = new LocalFileStore(this.directory.resolve("root"));
		Path link = Files.createSymbolicLink(store.root().resolve("link"), outside);

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.beginWrite(FileName.of("link")))
			.withMessage("link: it is a symbolic link");

		assertThat(outside).hasContent("secret");
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(names(store.root())).containsExactly("link");
	}

	@Test
	void beginWriteOverADanglingLinkDoesNotCreateItsTarget() throws IOException {
		Path outside = this.directory.resolve("created-outside");
		LocalFileStore store = new LocalFileStore(this.directory.resolve("root"));
		Files.createSymbolicLink(store.root().resolve("link"), outside);

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.beginWrite(FileName.of("link")));

		assertThat(Files.exists(outside, LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(names(store.root())).containsExactly("link");
	}

	@Test
	void beginWriteOverADirectoryIsRefusedAndTheDirectoryIsKept() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		Path sub = Files.createDirectory(store.root().resolve("sub"));
		Files.writeString(sub.resolve("inner"), "x");

		assertThatExceptionOfType(FileStore.NotRegularFileException.class)
			.isThrownBy(() -> store.beginWrite(FileName.of("sub")))
			.withMessage("sub: it is a directory");

		assertThat(sub.resolve("inner")).hasContent("x");
		assertThat(names(store.root())).containsExactly("sub");
	}

	@Test
	void commitPublishesExactlyTheWrittenBytesAndNothingShowsBefore() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		byte[] content = random(1024 * 1024 + 3, 2);
		Path target = store.root().resolve("new.bin");

		try (LocalPendingWrite write = store.beginWrite(FileName.of("new.bin"))) {
			writeAll(write.channel(), content);
			assertThat(target).doesNotExist();
			write.commit();
		}

		assertThat(Files.readAllBytes(target)).isEqualTo(content);
		assertThat(names(store.root())).containsExactly("new.bin");
	}

	@Test
	void commitOfNoBytesPublishesAnEmptyFile() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);

		try (LocalPendingWrite write = store.beginWrite(FileName.of("empty"))) {
			write.commit();
		}

		assertThat(store.root().resolve("empty")).isEmptyFile();
	}

	@Test
	void commitReplacesAnExistingFileWhichStaysUntilThen() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		Path target = Files.write(store.root().resolve("f"), random(50_000, 3));
		byte[] old = Files.readAllBytes(target);
		byte[] replacement = random(10, 4);

		try (LocalPendingWrite write = store.beginWrite(FileName.of("f"))) {
			writeAll(write.channel(), replacement);
			assertThat(Files.readAllBytes(target)).isEqualTo(old);
			write.commit();
		}

		assertThat(Files.readAllBytes(target)).isEqualTo(replacement);
		assertThat(names(store.root())).containsExactly("f");
	}

	@Test
	void closeWithoutCommitKeepsTheOldVersionAndLeavesNoTemporaryFile() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		byte[] old = random(5000, 5);
		Path target = Files.write(store.root().resolve("f"), old);

		LocalPendingWrite write = store.beginWrite(FileName.of("f"));
		writeAll(write.channel(), random(9000, 6));
		assertThat(names(store.root())).hasSize(2);
		write.close();

		assertThat(Files.readAllBytes(target)).isEqualTo(old);
		assertThat(names(store.root())).containsExactly("f");
		assertThat(write.channel().isOpen()).isFalse();
	}

	@Test
	void closeWithoutCommitOfANewNameLeavesNothing() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);

		try (LocalPendingWrite write = store.beginWrite(FileName.of("new"))) {
			writeAll(write.channel(), random(100, 7));
		}

		assertThat(names(store.root())).isEmpty();
	}

	@Test
	void closeAfterCommitKeepsTheCommittedFile() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		LocalPendingWrite write = store.beginWrite(FileName.of("f"));
		writeAll(write.channel(), "kept".getBytes(StandardCharsets.UTF_8));
		write.commit();

		write.close();
		write.close();

		assertThat(store.root().resolve("f")).hasContent("kept");
	}

	@Test
	void commitTwiceOrAfterCloseIsIllegal() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		LocalPendingWrite committed = store.beginWrite(FileName.of("a"));
		committed.commit();
		LocalPendingWrite closed = store.beginWrite(FileName.of("b"));
		closed.close();

		assertThatIllegalStateException().isThrownBy(committed::commit);
		assertThatIllegalStateException().isThrownBy(closed::commit);
		assertThat(names(store.root())).containsExactly("a");
	}

	@Test
	void commitIntoANameThatBecameADirectoryFailsAndLeavesNoTemporaryFile() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		LocalPendingWrite write = store.beginWrite(FileName.of("late"));
		writeAll(write.channel(), random(10, 8));
		Path sub = Files.createDirectory(store.root().resolve("late"));
		Files.writeString(sub.resolve("inner"), "x");

		assertThatExceptionOfType(IOException.class).isThrownBy(write::commit);

		assertThat(names(store.root())).containsExactly("late");
		assertThat(sub.resolve("inner")).hasContent("x");
	}

	@Test
	void readerOfTheOldVersionKeepsReadingItWholeAfterANewOneIsCommitted() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		byte[] old = random(2 * 1024 * 1024, 9);
		byte[] replacement = random(3 * 1024 * 1024, 10);
		Files.write(store.root().resolve("f"), old);

		try (FileChannel reader = store.openChannel(FileName.of("f"))) {
			ByteBuffer start = ByteBuffer.allocate(1000);
			reader.read(start);
			try (LocalPendingWrite write = store.beginWrite(FileName.of("f"))) {
				writeAll(write.channel(), replacement);
				write.commit();
			}
			reader.position(0);
			assertThat(readAll(reader)).isEqualTo(old);
		}
		try (FileChannel reader = store.openChannel(FileName.of("f"))) {
			assertThat(readAll(reader)).isEqualTo(replacement);
		}
	}

	@Test
	void twoConcurrentWritesToOneNameLeaveExactlyOneOfThemWhole() throws Exception {
		LocalFileStore store = new LocalFileStore(this.directory);
		byte[] first = random(256 * 1024, 11);
		byte[] second = random(256 * 1024, 12);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 20; round++) {
				CyclicBarrier barrier = new CyclicBarrier(2);
				Future<?> a = executor.submit(() -> writeInSteps(store, "shared", first, barrier));
				Future<?> b = executor.submit(() -> writeInSteps(store, "shared", second, barrier));
				a.get(10, TimeUnit.SECONDS);
				b.get(10, TimeUnit.SECONDS);

				assertThat(Files.readAllBytes(store.root().resolve("shared"))).satisfiesAnyOf(
						(bytes) -> assertThat(bytes).isEqualTo(first), (bytes) -> assertThat(bytes).isEqualTo(second));
				assertThat(names(store.root())).containsExactly("shared");
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void temporaryFilesAreHiddenUniqueAndNamedSoNoClientCanAskForThem() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);

		try (LocalPendingWrite first = store.beginWrite(FileName.of("same"));
				LocalPendingWrite second = store.beginWrite(FileName.of("same"))) {
			List<String> temporaries = names(store.root());

			assertThat(temporaries).hasSize(2).allMatch((name) -> name.matches(TEMPORARY));
			for (String name : temporaries) {
				assertThatExceptionOfType(InvalidFileNameException.class).isThrownBy(() -> FileName.of(name))
					.satisfies((ex) -> assertThat(ex.reason()).contains("reserved"));
			}
		}
		assertThat(names(store.root())).isEmpty();
	}

	@Test
	void constructorRemovesTemporaryFilesOfDeadProcessesOnly() throws Exception {
		Process finished = new ProcessBuilder("true").start();
		assertThat(finished.waitFor(10, TimeUnit.SECONDS)).isTrue();
		long dead = finished.pid();
		assumeTrue(ProcessHandle.of(dead).isEmpty(), "the finished process's pid is already reused");
		ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
		long parentStart = startMillis(parent);
		String hex = "-0123456789abcdef.tmp";
		String deadOwner = dead + "-1700000000000";
		List<String> kept = List.of(".simpleftp-" + parent.pid() + "-" + parentStart + hex, ".bashrc", ".simpleftp-notes",
				".simpleftp-x" + hex, ".simpleftp-" + deadOwner + "-0123456789ABCDEF.tmp",
				".simpleftp-" + deadOwner + "-0123456789abcde.tmp", ".simpleftp-" + deadOwner + hex + ".keep",
				"simpleftp-" + deadOwner + hex, ".simpleftp-" + dead + hex, "data.txt");
		for (String name : kept) {
			Files.writeString(this.directory.resolve(name), name);
		}
		Files.writeString(this.directory.resolve(".simpleftp-" + deadOwner + hex), "orphan");
		Files.writeString(this.directory.resolve(".simpleftp-" + deadOwner + "-fedcba9876543210.tmp"), "orphan");

		LocalFileStore store = new LocalFileStore(this.directory);

		assertThat(names(store.root())).containsExactlyInAnyOrderElementsOf(kept);
		for (String name : kept) {
			assertThat(store.root().resolve(name)).hasContent(name);
		}
	}

	@Test
	void constructorRemovesTemporaryFilesOfAnEarlierProcessThatHadThisPid() throws IOException {
		String earlier = ".simpleftp-" + ProcessHandle.current().pid() + "-1700000000000-00000000000000ff.tmp";
		Files.writeString(this.directory.resolve(earlier), "left by a process that had this pid");

		LocalFileStore store = new LocalFileStore(this.directory);

		assertThat(names(store.root())).isEmpty();
	}

	@Test
	void aSecondStoreOnTheSameDirectoryLeavesWritesInProgressAlone() throws IOException {
		LocalFileStore first = new LocalFileStore(this.directory);
		try (LocalPendingWrite write = first.beginWrite(FileName.of("f"))) {
			writeAll(write.channel(), "in progress".getBytes(StandardCharsets.UTF_8));
			new LocalFileStore(this.directory);
			write.commit();
		}
		assertThat(this.directory.resolve("f")).hasContent("in progress");
	}

	@Test
	void entriesThatOnlyLookLikeTemporaryFilesDoNotStopAStoreFromOpening() throws IOException {
		Files.writeString(this.directory.resolve(".simpleftp-99999999999999999999999-1-0123456789abcdef.tmp"), "huge pid");
		Path directoryLookalike = this.directory.resolve(".simpleftp-1-1-0123456789abcdef.tmp");
		Files.createDirectories(directoryLookalike.resolve("inside"));

		LocalFileStore store = new LocalFileStore(this.directory);

		assertThat(names(store.root())).hasSize(2);
		assertThat(directoryLookalike.resolve("inside")).isDirectory();
	}

	private static long startMillis(ProcessHandle process) {
		return process.info().startInstant().orElseThrow().toEpochMilli();
	}

	private static void writeInSteps(LocalFileStore store, String name, byte[] content, CyclicBarrier barrier) {
		try (LocalPendingWrite write = store.beginWrite(FileName.of(name))) {
			int step = content.length / 8;
			for (int offset = 0; offset < content.length; offset += step) {
				barrier.await(5, TimeUnit.SECONDS);
				writeAll(write.channel(), Arrays.copyOfRange(content, offset, offset + step));
			}
			barrier.await(5, TimeUnit.SECONDS);
			write.commit();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
		assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
		return path;
	}

	private static List<String> names(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
	}

	private static void writeAll(WritableByteChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static byte[] readAll(FileChannel channel) throws IOException {
		List<byte[]> chunks = new ArrayList<>();
		int total = 0;
		ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
		while (channel.read(buffer) >= 0) {
			byte[] chunk = new byte[buffer.position()];
			buffer.flip().get(chunk);
			buffer.clear();
			chunks.add(chunk);
			total += chunk.length;
		}
		ByteBuffer all = ByteBuffer.allocate(total);
		chunks.forEach(all::put);
		return all.array();
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
