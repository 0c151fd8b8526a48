package dev.simpleftp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.simpleftp.TestSettings;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static dev.simpleftp.server.RawTransfers.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partial files of uploads nobody resumed go once they are older than
 * {@code ftp.server.partial-max-age}: at start, then periodically; recent ones and ones an upload
 * is writing stay, and so does everything else in the directory.
 */
@Timeout(60)
class PartialSweeperTests {

	private static final Source SOURCE = new Source(2_000_000, Instant.parse("2026-11-24T06:20:23.123Z"));

	@TempDir
	Path directory;

	private LocalFileStore store;

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@BeforeEach
	void openStore() throws IOException {
		this.store = new LocalFileStore(this.directory);
	}

	@AfterEach
	void closeEverything() throws Exception {
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
	}

	@Test
	void anOldPartialIsRemovedAtStartAndARecentOneKept() throws IOException {
		FileName old = FileName.of("old.bin");
		FileName recent = FileName.of("recent.bin");
		partial(old, Duration.ofHours(2));
		partial(recent, Duration.ofMinutes(30));
		Files.writeString(this.directory.resolve("visible.txt"), "not a partial");
		Files.setLastModifiedTime(this.directory.resolve("visible.txt"), ago(Duration.ofDays(10)));

		PartialSweeper sweeper = sweeper(Duration.ofHours(1));

		awaitUntil("the old partial is removed", () -> !this.store.hasPartial(old));
		sweeper.sweep(); // a whole pass of our own: the recent partial outlives it too
		assertThat(this.store.hasPartial(recent)).isTrue();
		assertThat(partialFiles()).hasSize(2);
		assertThat(this.directory.resolve("visible.txt")).hasContent("not a partial");
	}

	@Test
	void aPartialIsRemovedOnlyOnceItIsOlderThanTheMaxAge() throws IOException {
		FileName name = FileName.of("fresh.bin");
		partial(name, Duration.ZERO);
		String data = partialFiles().stream().filter(file -> file.endsWith(".part")).findFirst().orElseThrow();
		Instant written = Files.getLastModifiedTime(this.directory.resolve(data)).toInstant();
		Duration maxAge = Duration.ofSeconds(2);

		sweeper(maxAge);

		awaitUntil("the partial is removed", () -> partialFilesGone(name));
		assertThat(Duration.between(written, Instant.now())).isGreaterThanOrEqualTo(maxAge);
		assertThat(partialFiles()).isEmpty();
	}

	@Test
	void aPartialAnUploadIsWritingIsLeftAloneAndRemovedOnceReleased() throws IOException {
		FileName name = FileName.of("held.bin");
		partial(name, Duration.ofHours(2));
		PartialWrite held = this.store.beginPartial(name).orElseThrow();
		PartialSweeper sweeper;
		try {
			sweeper = sweeper(Duration.ofSeconds(2));
			sweeper.sweep();
			sweeper.sweep();
			assertThat(this.store.hasPartial(name)).isTrue();
			assertThat(held.length()).isEqualTo(1000);
		}
		finally {
			held.close();
		}
		awaitUntil("the released partial is removed", () -> partialFilesGone(name));
		assertThat(partialFiles()).isEmpty();
	}

	@Test
	void closeStopsTheSweepsAndTheirThread() throws Exception {
		Set<Thread> others = sweeperThreads();
		PartialSweeper sweeper = sweeper(Duration.ofSeconds(2));
		awaitUntil("the sweeper's thread starts", () -> !difference(sweeperThreads(), others).isEmpty());
		Set<Thread> mine = difference(sweeperThreads(), others);
		assertThat(mine).hasSize(1).allMatch(Thread::isDaemon);

		sweeper.close();

		awaitUntil("the sweeper's thread ends", () -> mine.stream().noneMatch(Thread::isAlive));
		FileName name = FileName.of("after-close.bin");
		partial(name, Duration.ofHours(2));
		// Sweeps run every second with this max age: a running sweeper would have removed it by now.
		Thread.sleep(1200);
		assertThat(this.store.hasPartial(name)).isTrue();
	}

	@Test
	void aServerSweepsItsDirectoryWithItsPartialMaxAge() throws IOException {
		FileName old = FileName.of("old.bin");
		FileName recent = FileName.of("recent.bin");
		partial(old, Duration.ofMinutes(20));
		partial(recent, Duration.ofMinutes(5));
		ServerRunner runner = new ServerRunner(TestSettings.defaults(this.directory).maxConnections(10).shutdownTimeout(Duration.ofSeconds(5))
				.partialMaxAge(Duration.ofMinutes(10)).maxConnectionsPerAddress(10000).build(), this.store, new SimpleAsyncTaskExecutor("sweep-test-"));
		runner.start();
		this.toClose.add(runner::stop);

		awaitUntil("the old partial is removed", () -> !this.store.hasPartial(old));
		assertThat(this.store.hasPartial(recent)).isTrue();
	}

	/** A sweeper closed after the test. */
	private PartialSweeper sweeper(Duration maxAge) {
		PartialSweeper sweeper = new PartialSweeper(this.store, maxAge);
		this.toClose.add(sweeper);
		return sweeper;
	}

	/** A partial upload of 1000 bytes left by a cut-off, last written {@code age} ago. */
	private void partial(FileName name, Duration age) throws IOException {
		List<String> before = partialFiles();
		try (PartialWrite partial = this.store.beginPartial(name).orElseThrow()) {
			FileChannel channel = (FileChannel) partial.begin(0, SOURCE);
			ByteBuffer bytes = ByteBuffer.allocate(1000);
			while (bytes.hasRemaining()) {
				channel.write(bytes);
			}
		}
		List<String> created = new ArrayList<>(partialFiles());
		created.removeAll(before);
		assertThat(created).hasSize(2);
		if (!age.isZero()) {
			for (String file : created) {
				Files.setLastModifiedTime(this.directory.resolve(file), ago(age));
			}
		}
		assertThat(this.store.hasPartial(name)).isTrue();
	}

	private static Set<Thread> sweeperThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.getName().equals("ftp-partial-sweeper") && thread.isAlive())
			.collect(Collectors.toSet());
	}

	private static Set<Thread> difference(Set<Thread> threads, Set<Thread> without) {
		Set<Thread> rest = new HashSet<>(threads);
		rest.removeAll(without);
		return rest;
	}

	private static FileTime ago(Duration age) {
		return FileTime.from(Instant.now().minus(age));
	}

	/**
	 * Whether both files of {@code name}'s partial are gone: the sweeper deletes the info first, so
	 * {@code hasPartial} turns false a moment before the data file goes.
	 */
	private boolean partialFilesGone(FileName name) {
		String[] left = this.directory.toFile().list((dir, file) -> file.startsWith(".simpleftp-partial-"));
		return !this.store.hasPartial(name) && left != null && left.length == 0;
	}

	private List<String> partialFiles() throws IOException {
		try (Stream<Path> entries = Files.list(this.directory)) {
			return entries.map(entry -> entry.getFileName().toString())
				.filter(name -> name.startsWith(".simpleftp-partial-"))
				.sorted()
				.toList();
		}
	}

}
