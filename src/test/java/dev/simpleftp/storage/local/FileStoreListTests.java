package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.ScratchFile;
import dev.simpleftp.storage.TooManyEntriesException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link FileStore#list()}: what a client may fetch, and nothing else; the same one entry at a time
 * under a cap; and the scratch files a listing is spooled to.
 */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class FileStoreListTests {

	private static final Instant MODIFIED = Instant.parse("2026-11-24T06:20:23.123Z");

	@TempDir
	Path directory;

	@Test
	void listOfAnEmptyStoreIsEmpty() throws IOException {
		assertThat(new LocalFileStore(this.directory).list()).isEmpty();
	}

	@Test
	void listGivesEachRegularFileWithItsSizeAndModificationTime() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		write(store, "a.txt", "abc", MODIFIED);
		write(store, "empty", "", Instant.parse("2001-02-03T04:05:06Z"));
		write(store, "Grüße 日本 100%=.txt", "ü", MODIFIED.plusMillis(1));

		assertThat(store.list()).containsExactly(
				new FileEntry(FileName.of("Grüße 日本 100%=.txt"), 2, MODIFIED.plusMillis(1)),
				new FileEntry(FileName.of("a.txt"), 3, MODIFIED),
				new FileEntry(FileName.of("empty"), 0, Instant.parse("2001-02-03T04:05:06Z")));
	}

	@Test
	void listIsSortedByNameInUtf16CodeUnitsWhateverTheOrderOnDisk() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		for (String name : List.of("b", "😀", "a", "B", "A", "a b", "a-b", "_", "10", "9", "é", "z", "日本", "\uFF21",
				".hidden", "a.txt")) {
			write(store, name, name, MODIFIED);
		}

		assertThat(store.list()).extracting((entry) -> entry.name().value())
			.containsExactly(".hidden", "10", "9", "A", "B", "_", "a", "a b", "a-b", "a.txt", "b", "z", "é", "日本", "😀",
					"\uFF21");
	}

	@Test
	void listLeavesOutDirectoriesLinksAndSpecialFiles() throws Exception {
		LocalFileStore store = new LocalFileStore(this.directory.resolve("root"));
		Path outside = Files.writeString(this.directory.resolve("outside.txt"), "secret");
		write(store, "kept.txt", "kept", MODIFIED);
		Files.createDirectory(store.root().resolve("subdir"));
		Files.writeString(Files.createDirectory(store.root().resolve("dir.txt")).resolve("inner.txt"), "inner");
		Files.createSymbolicLink(store.root().resolve("link-to-outside"), outside);
		Files.createSymbolicLink(store.root().resolve("link-to-kept"), Path.of("kept.txt"));
		Files.createSymbolicLink(store.root().resolve("link-to-dir"), store.root().resolve("subdir"));
		Files.createSymbolicLink(store.root().resolve("dangling"), this.directory.resolve("nowhere"));
		mkfifo(store.root().resolve("pipe"));

		assertThat(store.list()).extracting((entry) -> entry.name().value()).containsExactly("kept.txt");
	}

	@Test
	void listLeavesOutTheTemporaryFilesOfWritesInProgressAndShowsTheOldVersion() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		write(store, "report", "old", MODIFIED);

		try (LocalPendingWrite replacing = store.beginWrite(FileName.of("report"));
				LocalPendingWrite fresh = store.beginWrite(FileName.of("fresh"))) {
			replacing.channel().write(ByteBuffer.wrap("new and longer".getBytes(StandardCharsets.UTF_8)));
			fresh.channel().write(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
			assertThat(names(store.root())).hasSize(3);

			assertThat(store.list()).containsExactly(new FileEntry(FileName.of("report"), 3, MODIFIED));

			replacing.commit();
			assertThat(store.list()).extracting(FileEntry::name, FileEntry::size)
				.containsExactly(tuple(FileName.of("report"), 14L));
		}
		assertThat(store.list()).extracting((entry) -> entry.name().value()).containsExactly("report");
	}

	@Test
	void listLeavesOutEveryNameThatFileNameRefuses() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		write(store, "ok", "ok", MODIFIED);
		List<String> refused = List.of(".simpleftp-anything", ".simpleftp-1-1-0123456789abcdef.tmp", "back\\slash",
				"control\u0001char", "new\nline", "c1\u0085control", "del\u007F");
		for (String name : refused) {
			assertThat(FileName.isValid(name)).as(name).isFalse();
			write(store, name, name, MODIFIED);
		}

		assertThat(names(store.root())).hasSize(refused.size() + 1);
		assertThat(store.list()).extracting((entry) -> entry.name().value()).containsExactly("ok");
	}

	@Test
	@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD)
	void listLeavesOutANameWhoseBytesAreNotUtf8SinceItCouldNotBeFetchedByName() throws Exception {
		LocalFileStore store = new LocalFileStore(this.directory);
		write(store, "ok", "ok", MODIFIED);
		Process touch = new ProcessBuilder("sh", "-c", "printf x > \"$1\"/$(printf 'bad\\377name')", "sh",
				store.root().toString()).start();
		assumeTrue(touch.waitFor(10, TimeUnit.SECONDS) && touch.exitValue() == 0, "cannot create the file");
		assumeTrue(names(store.root()).size() == 2, "the file system refuses names that are not UTF-8");

		List<FileEntry> listed = store.list();

		for (FileEntry entry : listed) {
			assertThat(Files.isRegularFile(store.root().resolve(entry.name().value())))
				.as("listed '%s' can be found by its name", entry.name()).isTrue();
		}
		assertThat(listed).extracting((entry) -> entry.name().value()).containsExactly("ok");
	}

	@Test
	void listOfAnEntryRemovedAfterItWasListedDoesNotFail() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		write(store, "a", "a", MODIFIED);
		store.list();
		Files.delete(store.root().resolve("a"));

		assertThat(store.list()).isEmpty();
	}

	@Test
	void listWithACapHandsOnTheSameEntriesInTheSameOrderAsList() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		for (String name : List.of("b", "😀", "a", "\uFF21", "é")) {
			write(store, name, name, MODIFIED);
		}
		List<FileEntry> handed = new ArrayList<>();

		store.list(5, () -> {
		}, handed::add);

		assertThat(handed).isEqualTo(store.list()).hasSize(5);
	}

	@Test
	void listOfMoreAcceptableNamesThanTheCapFailsBeforeHandingOnAnyEntry() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		for (String name : List.of("a", "b", "c", "d")) {
			write(store, name, name, MODIFIED);
		}
		List<FileEntry> handed = new ArrayList<>();

		assertThatThrownBy(() -> store.list(3, () -> {
		}, handed::add)).isInstanceOf(TooManyEntriesException.class)
			.hasMessage("the directory holds more than 3 entries");
		assertThat(handed).isEmpty();
	}

	@Test
	void theCapCountsNeitherReservedNorRefusedNames() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		for (String name : List.of("a", "b", ".simpleftp-1-1-0123456789abcdef.tmp", "new\nline")) {
			write(store, name, name, MODIFIED);
		}
		List<FileEntry> handed = new ArrayList<>();

		store.list(2, () -> {
		}, handed::add);

		assertThat(handed).extracting((entry) -> entry.name().value()).containsExactly("a", "b");
	}

	@Test
	void aScratchFileReadsBackWhatWasWrittenIsNeverListedAndLeavesNothingWhenClosed() throws IOException {
		LocalFileStore store = new LocalFileStore(this.directory);
		write(store, "a", "a", MODIFIED);

		try (ScratchFile scratch = store.newScratchFile()) {
			scratch.write(ByteBuffer.wrap("spooled".getBytes(StandardCharsets.UTF_8)));
			assertThat(scratch.size()).isEqualTo(7);
			ByteBuffer read = ByteBuffer.allocate(7);
			scratch.read(read, 0);
			assertThat(new String(read.array(), StandardCharsets.UTF_8)).isEqualTo("spooled");
			assertThat(store.list()).extracting((entry) -> entry.name().value()).containsExactly("a");
		}
		assertThat(names(store.root())).containsExactly("a");
	}

	@Test
	void aScratchFileGoesToTheFallbackDirectoryWhenTheRootCannotTakeIt() throws IOException {
		Path gone = this.directory.resolve("gone");
		Path fallback = Files.createDirectory(this.directory.resolve("fallback"));

		try (DiskScratchFile scratch = DiskScratchFile.open(gone, fallback)) {
			scratch.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
			assertThat(scratch.size()).isEqualTo(1);
		}
		assertThat(gone).doesNotExist();
		assertThat(names(fallback)).isEmpty();
	}

	private static void write(LocalFileStore store, String name, String content, Instant modified) throws IOException {
		Path path = Files.writeString(store.root().resolve(name), content);
		Files.setLastModifiedTime(path, FileTime.from(modified));
	}

	private static void mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
		assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
	}

	private static List<String> names(Path directory) throws IOException {
		try (var entries = Files.list(directory)) {
			return entries.map((entry) -> entry.getFileName().toString()).toList();
		}
	}

}
