package dev.simpleftp.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.simpleftp.ServerExtension;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FtpClient#getAll} and {@link FtpClient#putAll} against a real server: many files per
 * batch, small ones pipelined and large ones waiting for acceptance, one failure among many, every
 * file checked byte for byte on disk.
 */
@Timeout(60)
class PipelinedTransferTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int MIB = 1024 * 1024;

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	private Path serverDir;

	private Path clientDir;

	private LocalFileStore local;

	@BeforeEach
	void setUpClient() throws IOException {
		this.serverDir = this.server.directory();
		this.clientDir = this.temp.resolve("client");
		this.local = new LocalFileStore(this.clientDir);
	}

	@Test
	void getAllOfManySmallAndSomeLargeFilesIsByteExactAndReportedInRequestOrder() throws IOException {
		Map<FileName, byte[]> files = manyFiles(this.serverDir);
		List<FileName> order = shuffled(files.keySet(), 1);
		Recorder listener = new Recorder();
		try (FtpClient client = connect()) {
			BatchResult batch = client.getAll(order, this.local, listener);
			assertThat(batch.failed()).isEmpty();
			assertThat(batch.allSucceeded()).isTrue();
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(order);
			assertThat(batch.done()).allSatisfy(result -> assertThat(result.bytes()).isEqualTo(files.get(result.name()).length));
			assertThat(batch.bytes()).isEqualTo(files.values().stream().mapToLong(bytes -> bytes.length).sum());
			client.noop();
		}
		assertThat(listener.events).containsExactlyElementsOf(order.stream().map(name -> "done " + name).toList());
		assertSameFiles(files, this.clientDir);
		assertNoTemporaryFiles();
	}

	@Test
	void putAllOfManySmallAndSomeLargeFilesIsByteExactAndReportedInRequestOrder() throws IOException {
		Map<FileName, byte[]> files = manyFiles(this.clientDir);
		List<FileName> order = shuffled(files.keySet(), 2);
		Recorder listener = new Recorder();
		try (FtpClient client = connect()) {
			BatchResult batch = client.putAll(order, this.local, listener);
			assertThat(batch.failed()).isEmpty();
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(order);
			assertThat(batch.done()).allSatisfy(result -> assertThat(result.bytes()).isEqualTo(files.get(result.name()).length));
			client.noop();
		}
		assertThat(listener.events).containsExactlyElementsOf(order.stream().map(name -> "done " + name).toList());
		assertSameFiles(files, this.serverDir);
		assertNoTemporaryFiles();
	}

	@Test
	void getAllReportsMissingFilesWithTheServersReasonAndFetchesTheRest() throws IOException {
		Map<FileName, byte[]> files = smallFiles(this.serverDir, 100, 3);
		Files.writeString(this.clientDir.resolve("missing-50.txt"), "previous local version");
		List<FileName> order = new ArrayList<>(files.keySet());
		order.add(0, FileName.of("missing-0.txt"));
		order.add(50, FileName.of("missing-50.txt"));
		order.add(FileName.of("missing-last.txt"));
		Recorder listener = new Recorder();
		try (FtpClient client = connect()) {
			BatchResult batch = client.getAll(order, this.local, listener);
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(files.keySet());
			assertThat(batch.failed()).containsOnlyKeys(FileName.of("missing-0.txt"), FileName.of("missing-50.txt"),
					FileName.of("missing-last.txt"));
			assertThat(batch.failed().get(FileName.of("missing-50.txt")))
				.isInstanceOfSatisfying(ServerRefusedException.class,
						ex -> assertThat(ex.reply().is(ReplyCode.FILE_UNAVAILABLE)).isTrue())
				.hasMessage("no such file: missing-50.txt");
			assertThat(batch.describe("got")).startsWith("got 100 of 103 files: ");
			assertThat(client.isOpen()).isTrue();
			client.noop();
		}
		assertThat(listener.events).hasSize(103)
			.startsWith("failed missing-0.txt: no such file: missing-0.txt")
			.endsWith("failed missing-last.txt: no such file: missing-last.txt")
			.contains("failed missing-50.txt: no such file: missing-50.txt");
		assertThat(listener.events.indexOf("failed missing-50.txt: no such file: missing-50.txt")).isEqualTo(50);
		assertSameFiles(files, this.clientDir);
		assertThat(this.clientDir.resolve("missing-50.txt")).hasContent("previous local version");
		assertThat(this.clientDir.resolve("missing-0.txt")).doesNotExist();
		assertNoTemporaryFiles();
	}

	@Test
	void getAllOntoALocalDirectoryFailsThatFileAloneAndKeepsTheConnectionInStep() throws IOException {
		Map<FileName, byte[]> files = smallFiles(this.serverDir, 20, 4);
		byte[] large = random(2 * MIB + 5, 5);
		Files.write(this.serverDir.resolve("taken"), random(1000, 6));
		Files.write(this.serverDir.resolve("taken-large"), large);
		Files.createDirectory(this.clientDir.resolve("taken"));
		Files.createDirectory(this.clientDir.resolve("taken-large"));
		List<FileName> order = new ArrayList<>(files.keySet());
		order.add(5, FileName.of("taken"));
		order.add(10, FileName.of("taken-large"));
		try (FtpClient client = connect()) {
			BatchResult batch = client.getAll(order, this.local, TransferListener.NONE);
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(files.keySet());
			assertThat(batch.failed()).containsOnlyKeys(FileName.of("taken"), FileName.of("taken-large"));
			assertThat(batch.failed().values()).allSatisfy(ex -> assertThat(ex).isInstanceOf(LocalFileException.class)
				.hasMessageContaining("directory"));
			client.noop();
		}
		assertSameFiles(files, this.clientDir);
		assertThat(this.clientDir.resolve("taken")).isEmptyDirectory();
		assertThat(this.clientDir.resolve("taken-large")).isEmptyDirectory();
		assertNoTemporaryFiles();
	}

	@Test
	void putAllOntoAServerDirectoryFailsThatFileAloneAfterItsBodyIsDrained() throws IOException {
		Map<FileName, byte[]> files = smallFiles(this.clientDir, 100, 7);
		Files.write(this.clientDir.resolve("is-a-dir"), random(64 * 1024, 8));
		Files.createDirectory(this.serverDir.resolve("is-a-dir"));
		List<FileName> order = new ArrayList<>(files.keySet());
		order.add(40, FileName.of("is-a-dir"));
		Recorder listener = new Recorder();
		try (FtpClient client = connect()) {
			BatchResult batch = client.putAll(order, this.local, listener);
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(files.keySet());
			assertThat(batch.failed()).containsOnlyKeys(FileName.of("is-a-dir"));
			assertThat(batch.failed().get(FileName.of("is-a-dir")))
				.isInstanceOfSatisfying(ServerRefusedException.class,
						ex -> assertThat(ex.reply().is(ReplyCode.FILE_UNAVAILABLE)).isTrue())
				.hasMessageContaining("is-a-dir");
			assertThat(client.isOpen()).isTrue();
			client.noop();
		}
		assertThat(listener.events.get(40)).startsWith("failed is-a-dir: ");
		assertSameFiles(files, this.serverDir);
		assertThat(this.serverDir.resolve("is-a-dir")).isEmptyDirectory();
		assertNoTemporaryFiles();
	}

	@Test
	void putAllOfALargeFileOntoAServerDirectoryIsRefusedBeforeItsBytesAndTheBatchGoesOn() throws IOException {
		Map<FileName, byte[]> files = smallFiles(this.clientDir, 30, 9);
		Files.write(this.clientDir.resolve("large-dir"), random(3 * MIB, 10));
		Files.createDirectory(this.serverDir.resolve("large-dir"));
		byte[] large = random(2 * MIB + 1, 11);
		Files.write(this.clientDir.resolve("large-ok"), large);
		List<FileName> order = new ArrayList<>(files.keySet());
		order.add(10, FileName.of("large-dir"));
		order.add(20, FileName.of("large-ok"));
		try (FtpClient client = connect()) {
			BatchResult batch = client.putAll(order, this.local, TransferListener.NONE);
			assertThat(batch.failed()).containsOnlyKeys(FileName.of("large-dir"));
			assertThat(batch.failed().get(FileName.of("large-dir"))).isInstanceOf(ServerRefusedException.class);
			assertThat(batch.done()).hasSize(31);
			client.noop();
		}
		assertSameFiles(files, this.serverDir);
		assertThat(this.serverDir.resolve("large-ok")).hasBinaryContent(large);
		assertThat(this.serverDir.resolve("large-dir")).isEmptyDirectory();
		assertNoTemporaryFiles();
	}

	@Test
	void putAllReportsAMissingLocalFileAndSendsTheOthers() throws IOException {
		Map<FileName, byte[]> files = smallFiles(this.clientDir, 50, 12);
		Files.writeString(this.serverDir.resolve("absent.txt"), "previous server version");
		Files.createDirectory(this.clientDir.resolve("a-directory"));
		List<FileName> order = new ArrayList<>(files.keySet());
		order.add(0, FileName.of("absent.txt"));
		order.add(25, FileName.of("a-directory"));
		Recorder listener = new Recorder();
		try (FtpClient client = connect()) {
			BatchResult batch = client.putAll(order, this.local, listener);
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(files.keySet());
			assertThat(batch.failed()).containsOnlyKeys(FileName.of("absent.txt"), FileName.of("a-directory"));
			assertThat(batch.failed().get(FileName.of("absent.txt"))).isInstanceOf(LocalFileException.class)
				.hasMessageStartingWith("no such local file: absent.txt");
			assertThat(batch.failed().get(FileName.of("a-directory"))).isInstanceOf(LocalFileException.class)
				.hasMessageContaining("directory");
			client.noop();
		}
		// A local failure is told at once, before the replies still owed for earlier files.
		assertThat(listener.events).filteredOn(event -> event.startsWith("done "))
			.containsExactlyElementsOf(files.keySet().stream().map(name -> "done " + name).toList());
		assertThat(listener.events).hasSize(52)
			.anyMatch(event -> event.startsWith("failed absent.txt: no such local file"))
			.anyMatch(event -> event.startsWith("failed a-directory: "));
		assertSameFiles(files, this.serverDir);
		assertThat(this.serverDir.resolve("absent.txt")).hasContent("previous server version");
		assertThat(this.serverDir.resolve("a-directory")).doesNotExist();
		assertNoTemporaryFiles();
	}

	@Test
	void uploadsExactlyAtAndJustOverTheEagerLimitBothArriveWhole() throws IOException {
		byte[] atLimit = random((int) FtpClient.EAGER_LIMIT, 13);
		byte[] overLimit = random((int) FtpClient.EAGER_LIMIT + 1, 14);
		Files.write(this.clientDir.resolve("at-limit"), atLimit);
		Files.write(this.clientDir.resolve("over-limit"), overLimit);
		Files.write(this.clientDir.resolve("empty"), new byte[0]);
		List<FileName> order = List.of(FileName.of("at-limit"), FileName.of("over-limit"), FileName.of("empty"),
				FileName.of("at-limit"));
		try (FtpClient client = connect()) {
			BatchResult batch = client.putAll(order, this.local, TransferListener.NONE);
			assertThat(batch.done()).extracting(TransferResult::name).containsExactlyElementsOf(order);
		}
		assertThat(this.serverDir.resolve("at-limit")).hasBinaryContent(atLimit);
		assertThat(this.serverDir.resolve("over-limit")).hasBinaryContent(overLimit);
		assertThat(this.serverDir.resolve("empty")).isEmptyFile();
		assertNoTemporaryFiles();
	}

	@Test
	void anEmptyBatchSendsNothingAndSucceeds() throws IOException {
		try (FtpClient client = connect()) {
			BatchResult got = client.getAll(List.of(), this.local, TransferListener.NONE);
			BatchResult put = client.putAll(List.of(), this.local, TransferListener.NONE);
			assertThat(got.done()).isEmpty();
			assertThat(got.allSucceeded()).isTrue();
			assertThat(put.done()).isEmpty();
			client.noop();
		}
	}

	@Test
	void listGivesTheServersFilesSortedWithSizes() throws IOException {
		Files.writeString(this.serverDir.resolve("b.txt"), "bee");
		Files.writeString(this.serverDir.resolve("a b.txt"), "a and b");
		Files.writeString(this.serverDir.resolve("Ünï.txt"), "");
		Files.createDirectory(this.serverDir.resolve("subdir"));
		try (FtpClient client = connect()) {
			RemoteListing listing = client.list();
			assertThat(listing.rejected()).isEmpty();
			assertThat(listing.files()).extracting(entry -> entry.name().value() + " " + entry.size())
				.containsExactly("a b.txt 7", "b.txt 3", "Ünï.txt 0");
			client.noop();
		}
	}

	private FtpClient connect() throws IOException {
		return FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT);
	}

	/** 300 small files (0 to 4 KiB, some empty) and three over the eager limit, written to {@code dir}. */
	private static Map<FileName, byte[]> manyFiles(Path dir) throws IOException {
		Map<FileName, byte[]> files = smallFiles(dir, 300, 0);
		int[] largeSizes = { MIB + 1, 2 * MIB, 3 * MIB + 17 };
		for (int i = 0; i < largeSizes.length; i++) {
			byte[] content = random(largeSizes[i], 1000 + i);
			FileName name = FileName.of("large-" + i + ".bin");
			Files.write(dir.resolve(name.value()), content);
			files.put(name, content);
		}
		return files;
	}

	private static Map<FileName, byte[]> smallFiles(Path dir, int count, long seed) throws IOException {
		Files.createDirectories(dir);
		Random sizes = new Random(seed);
		Map<FileName, byte[]> files = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			byte[] content = random((i % 37 == 0) ? 0 : sizes.nextInt(4096), seed * 10_000 + i);
			FileName name = FileName.of("file " + i + ".dat");
			Files.write(dir.resolve(name.value()), content);
			files.put(name, content);
		}
		return files;
	}

	private static List<FileName> shuffled(Iterable<FileName> names, long seed) {
		List<FileName> order = new ArrayList<>();
		names.forEach(order::add);
		Collections.shuffle(order, new Random(seed));
		return order;
	}

	private static void assertSameFiles(Map<FileName, byte[]> files, Path dir) {
		files.forEach((name, content) -> assertThat(dir.resolve(name.value())).as(name.value()).hasBinaryContent(content));
	}

	private void assertNoTemporaryFiles() throws IOException {
		for (Path dir : List.of(this.serverDir, this.clientDir)) {
			try (Stream<Path> entries = Files.list(dir)) {
				assertThat(entries.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".simpleftp-"));
			}
		}
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** What the listener was told, in order. */
	private static final class Recorder implements TransferListener {

		final List<String> events = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void finished(TransferResult result) {
			this.events.add("done " + result.name());
		}

		@Override
		public void failed(FileName name, IOException cause) {
			this.events.add("failed " + name + ": " + cause.getMessage());
		}

	}

}
