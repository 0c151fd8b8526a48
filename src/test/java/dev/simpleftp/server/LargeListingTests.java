package dev.simpleftp.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.server.command.ListingSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;


import static dev.simpleftp.server.Commands.run;
import static dev.simpleftp.server.RawTransfers.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code LIST} of large directories: exact and sorted, sent from a spool file that leaves nothing
 * behind (in the directory or in {@code java.io.tmpdir}), refused beyond the entry cap, still
 * answered from a read-only directory and from a full disk, and never a reason for a client that
 * does not read to keep others waiting. The read-only and full disks are small tmpfs mounts
 * (needs root on Linux; skipped elsewhere).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeListingTests {

	private static final Path TMPDIR = Path.of(System.getProperty("java.io.tmpdir"));

	@TempDir
	Path temp;

	private final List<Path> mounts = new ArrayList<>();

	private RunningServer server;

	@AfterEach
	void stopAndUnmount() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
		for (Path mount : this.mounts) {
			if (!run("umount", mount.toString()).isEmpty()) {
				run("umount", "-l", mount.toString());
			}
		}
	}

	@Test
	void aListingOfTwentyThousandFilesIsExactSortedAndLeavesNoSpoolBehind() throws Exception {
		Path root = manyFilesDirectory();
		createFiles(root, 20_000);
		Set<String> scratchBefore = scratchFiles(TMPDIR);
		this.server = RunningServer.start(root);

		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertListsExactly(connection, root, 20_000);
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(scratchFiles(root)).isEmpty();
		assertThat(scratchFiles(TMPDIR)).isEqualTo(scratchBefore);
	}

	@Test
	void aDirectoryWithMoreEntriesThanTheCapIsRefusedWith451LoggedAndTheConnectionGoesOn() throws IOException {
		// An appender of its own: another test of the suite may have set up logging without a console.
		Logger logger = (Logger) LoggerFactory.getLogger(ServerRunner.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		Path root = Files.createDirectory(this.temp.resolve("root"));
		createFiles(root, 5);
		this.server = RunningServer.start(RunningServer.settings(root), new ListingSettings(5, 2));

		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertListsExactly(connection, root, 5);
			Files.write(root.resolve("one-too-many"), content(3, 1));
			assertThat(connection.request("LIST"))
				.isEqualTo("451 too many entries to list: the directory holds more than 5 entries");
			assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
				.anyMatch(line -> line.contains("refused LIST: too many entries to list: the directory holds more than 5 entries"));
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			Files.delete(root.resolve("one-too-many"));
			assertListsExactly(connection, root, 5);
		}
		finally {
			logger.detachAppender(logged);
		}
		assertThat(scratchFiles(root)).isEmpty();
	}

	@Test
	void aReadOnlyDirectoryStillListsThroughTheTemporaryFolderAndLeavesNothingThere() throws Exception {
		Path root = mountSmallDisk("read-only");
		createFiles(root, 2_000);
		String remount = run("mount", "-o", "remount,ro", root.toString());
		assumeTrue(remount.isEmpty(), () -> "cannot remount read-only: " + remount);
		assertThatThrownBy(() -> Files.createFile(root.resolve("probe"))).isInstanceOf(IOException.class);
		Set<String> scratchBefore = scratchFiles(TMPDIR);
		this.server = RunningServer.start(root);

		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertListsExactly(connection, root, 2_000);
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(scratchFiles(TMPDIR)).isEqualTo(scratchBefore);
	}

	@Test
	void aFullDiskStillListsAndGetsItsSpaceBack() throws Exception {
		Path root = mountSmallDisk("full");
		createFiles(root, 3_000); // a listing of some 400 KiB
		fillLeaving(root.resolve("filler"), 96 * 1024); // room for the first writes of the spool, not all
		long free = Files.getFileStore(root).getUsableSpace();
		Set<String> scratchBefore = scratchFiles(TMPDIR);
		this.server = RunningServer.start(RunningServer.settings(root));

		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertListsExactly(connection, root, 3_001);
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(scratchFiles(root)).isEmpty();
		assertThat(scratchFiles(TMPDIR)).isEqualTo(scratchBefore);
		assertThat(Files.getFileStore(root).getUsableSpace()).isEqualTo(free);
	}

	@Test
	void clientsThatSendListAndNeverReadDoNotKeepOthersFromBeingServed() throws Exception {
		Path root = manyFilesDirectory();
		createFiles(root, 20_000);
		byte[] report = content(100_000, 2);
		Files.write(root.resolve("report.bin"), report);
		this.server = RunningServer.start(RunningServer.settings(root), new ListingSettings(1_000_000, 1));
		List<RawConnection> silent = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				silent.add(RawConnection.open(this.server.port()).send("LIST"));
			}
			try (RawConnection connection = RawConnection.open(this.server.port())) {
				assertThat(connection.request("NOOP")).isEqualTo("200 ok");
				assertThat(connection.request("GET report.bin")).startsWith("150 size=100000 ");
				assertThat(connection.readBytes(report.length)).isEqualTo(report);
				assertThat(connection.readLine()).startsWith("226 size=100000 ");
				assertListsExactly(connection, root, 20_001);
			}
		}
		finally {
			for (RawConnection connection : silent) {
				connection.close();
			}
		}
		assertThat(scratchFiles(root)).isEmpty();
	}

	/** Sends LIST and checks the reply against the directory: every line, the size and the count. */
	private static void assertListsExactly(RawConnection connection, Path root, int count) throws IOException {
		byte[] expected = expectedBody(root);
		assertThat(connection.request("LIST"))
			.isEqualTo("150 size=" + expected.length + " count=" + count + " listing " + count + " files");
		assertThat(connection.readBytes(expected.length)).isEqualTo(expected);
		assertThat(connection.readLine())
			.isEqualTo("226 size=" + expected.length + " count=" + count + " listed " + count + " files");
	}

	/** The LIST body of the regular files in {@code root}, sorted as String sorts their names. */
	private static byte[] expectedBody(Path root) throws IOException {
		StringBuilder body = new StringBuilder();
		List<String> names;
		try (Stream<Path> entries = Files.list(root)) {
			names = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
		}
		for (String name : names) {
			BasicFileAttributes attributes = Files.readAttributes(root.resolve(name), BasicFileAttributes.class);
			body.append(new ListingEntry(name, attributes.size(), attributes.lastModifiedTime().toInstant()).encode())
				.append('\n');
		}
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Creates {@code count} files in shuffled order, with names from several scripts (and
	 * characters that sort differently in UTF-8 and UTF-16), up to some 200 characters long; one in
	 * ten holds a few bytes, the others are empty, which is quicker to make.
	 */
	private static void createFiles(Path root, int count) throws IOException {
		String[] stems = { "report", "Grüße", "日本", "😀", "\uFF21", "a b%=", "Z" };
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(stems[i % stems.length] + "-" + "x".repeat(i % 190) + "-" + i);
		}
		Collections.shuffle(names, new Random(4));
		for (int i = 0; i < names.size(); i++) {
			Path file = Files.createFile(root.resolve(names.get(i)));
			if (i % 10 == 0) {
				Files.write(file, content(1 + i % 6, i));
			}
		}
	}

	/** A directory for many files: on a tmpfs of its own where one can be mounted, where making them is quick. */
	private Path manyFilesDirectory() throws Exception {
		Path disk = Files.createDirectory(this.temp.resolve("many"));
		if (run("mount", "-t", "tmpfs", "-o", "size=256m,mode=0700", "tmpfs", disk.toString()).isEmpty()) {
			this.mounts.add(disk);
		}
		return disk;
	}

	/** The names of scratch (temporary) files in {@code directory}. */
	private static Set<String> scratchFiles(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.map(entry -> entry.getFileName().toString())
				.filter(name -> name.startsWith(".simpleftp-"))
				.collect(TreeSet::new, Set::add, Set::addAll);
		}
	}

	private Path mountSmallDisk(String name) throws Exception {
		Path disk = Files.createDirectory(this.temp.resolve(name));
		String mount = run("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", disk.toString());
		assumeTrue(mount.isEmpty(), () -> "cannot mount a small tmpfs (needs root on Linux): " + mount);
		this.mounts.add(disk);
		return disk;
	}

	/** Writes {@code filler} until the disk is full, then shortens it to leave {@code free} bytes. */
	private static void fillLeaving(Path filler, long free) throws IOException {
		byte[] block = new byte[64 * 1024];
		try (OutputStream out = Files.newOutputStream(filler)) {
			while (true) {
				out.write(block);
			}
		}
		catch (IOException full) {
			// the disk is full
		}
		try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
			channel.truncate(Math.max(0, channel.size() - free));
		}
	}

}
