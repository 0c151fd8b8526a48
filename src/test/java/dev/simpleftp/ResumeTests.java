package dev.simpleftp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import dev.simpleftp.FaultyProxy.Direction;
import dev.simpleftp.FaultyProxy.Fault;
import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An interrupted transfer resumes where it stopped, and the result is byte for byte the source,
 * its CRC32C checked. Cut-offs at the offsets OpenSSH's own sftp resume test uses (0, 1, 1 KiB,
 * 1 MiB, size-1, size), made by a proxy that passes exactly that many bytes of the body and then
 * closes the connection; a source changed in between makes the transfer start again from 0.
 */
@Timeout(60)
class ResumeTests {

	/** Over the 1 MiB below which a file is simply sent again. */
	private static final int SIZE = 3 * 1024 * 1024 + 7;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final FileName BIG = FileName.of("big.bin");

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	private LocalFileStore local;

	@BeforeEach
	void setUpClient() throws IOException {
		this.local = new LocalFileStore(this.temp.resolve("client"));
	}

	@ParameterizedTest(name = "cut after {0} bytes")
	@ValueSource(longs = { 0, 1, 1024, 1024 * 1024, SIZE - 1, SIZE })
	void aDownloadCutOffResumesWhereItStopped(long cut) throws IOException {
		byte[] body = random(SIZE, 1);
		Files.write(this.server.directory().resolve("big.bin"), body);
		getThroughACut(cut);
		assertThat(this.local.root().resolve("big.bin")).doesNotExist();
		assertThat(this.local.list()).isEmpty();
		assertThat(partialBytes(this.local.root())).isEqualTo(cut);

		TransferResult result;
		try (FtpClient client = connect()) {
			result = client.get(BIG, this.local);
		}
		assertThat(result.resumedAt()).isEqualTo(cut);
		assertThat(result.bytes()).isEqualTo(SIZE - cut);
		assertThat(result.restarted()).isNull();
		assertThat(this.local.root().resolve("big.bin")).hasBinaryContent(body);
		assertThat(filesIn(this.local.root())).containsExactly("big.bin");
	}

	@ParameterizedTest(name = "cut after {0} bytes")
	@ValueSource(longs = { 0, 1, 1024, 1024 * 1024, SIZE - 1, SIZE })
	void anUploadCutOffResumesWhereItStopped(long cut) throws IOException {
		byte[] body = random(SIZE, 2);
		Files.write(this.local.root().resolve("big.bin"), body);
		putThroughACut(cut);
		assertThat(this.server.directory().resolve("big.bin")).doesNotExist();
		assertThat(partialBytes(this.server.directory())).isEqualTo(cut);

		TransferResult result;
		try (FtpClient client = connect()) {
			result = client.put(BIG, this.local);
		}
		assertThat(result.resumedAt()).isEqualTo(cut);
		assertThat(result.bytes()).isEqualTo(SIZE - cut);
		assertThat(this.server.directory().resolve("big.bin")).hasBinaryContent(body);
		assertThat(filesIn(this.server.directory())).containsExactly("big.bin");
	}

	@Test
	void aServerFileChangedSinceTheCutOffIsFetchedAgainFromTheStart() throws IOException {
		Files.write(this.server.directory().resolve("big.bin"), random(SIZE, 3));
		getThroughACut(1024 * 1024);
		byte[] changed = random(SIZE + 10, 4);
		Files.write(this.server.directory().resolve("big.bin"), changed);
		TransferResult result;
		try (FtpClient client = connect()) {
			result = client.get(BIG, this.local);
		}
		assertThat(result.resumedAt()).isZero();
		assertThat(result.bytes()).isEqualTo(changed.length);
		assertThat(result.restarted()).startsWith("it changed on the server (" + changed.length + " bytes, was " + SIZE);
		assertThat(result.describe()).contains("; started again: it changed on the server");
		assertThat(this.local.root().resolve("big.bin")).hasBinaryContent(changed);
		assertThat(filesIn(this.local.root())).containsExactly("big.bin");
	}

	@Test
	void aServerFileRewrittenWithTheSameSizeAndTimeIsCaughtByTheChecksumOfThePartAlreadyReceived() throws IOException {
		Path file = this.server.directory().resolve("big.bin");
		Files.write(file, random(SIZE, 5));
		FileTime time = Files.getLastModifiedTime(file);
		getThroughACut(2 * 1024 * 1024);
		byte[] changed = random(SIZE, 6);
		Files.write(file, changed);
		Files.setLastModifiedTime(file, time); // the same size and time: only the bytes tell
		TransferResult result;
		try (FtpClient client = connect()) {
			result = client.get(BIG, this.local);
		}
		assertThat(result.resumedAt()).isZero();
		assertThat(result.restarted()).startsWith("the first 2097152 bytes differ from the server's");
		assertThat(this.local.root().resolve("big.bin")).hasBinaryContent(changed);
	}

	@Test
	void aLocalFileChangedSinceTheCutOffIsUploadedAgainFromTheStart() throws IOException {
		Path file = this.local.root().resolve("big.bin");
		Files.write(file, random(SIZE, 7));
		putThroughACut(1024 * 1024);
		byte[] changed = random(SIZE, 8);
		Files.write(file, changed);
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
		TransferResult result;
		try (FtpClient client = connect()) {
			result = client.put(BIG, this.local);
		}
		assertThat(result.resumedAt()).isZero();
		assertThat(result.restarted()).isEqualTo("the server's partial upload came from another version of the file");
		assertThat(this.server.directory().resolve("big.bin")).hasBinaryContent(changed);
		assertThat(filesIn(this.server.directory())).containsExactly("big.bin");
	}

	@Test
	void restartIgnoresWhatIsAlreadyThereOnEitherSide() throws IOException {
		byte[] down = random(SIZE, 9);
		Files.write(this.server.directory().resolve("big.bin"), down);
		getThroughACut(1024 * 1024);
		try (FtpClient client = connect()) {
			TransferResult result = client.getAll(List.of(BIG), this.local, TransferListener.NONE, true).done().get(0);
			assertThat(result.resumedAt()).isZero();
			assertThat(result.bytes()).isEqualTo(SIZE);
			assertThat(result.restarted()).isNull();
		}
		assertThat(this.local.root().resolve("big.bin")).hasBinaryContent(down);
		assertThat(filesIn(this.local.root())).containsExactly("big.bin");

		byte[] up = random(SIZE, 10);
		Files.write(this.local.root().resolve("up.bin"), up);
		putThroughACut(FileName.of("up.bin"), 1024 * 1024);
		try (FtpClient client = connect()) {
			TransferResult result = client.putAll(List.of(FileName.of("up.bin")), this.local, TransferListener.NONE, true)
				.done()
				.get(0);
			assertThat(result.resumedAt()).isZero();
			assertThat(result.bytes()).isEqualTo(SIZE);
		}
		assertThat(this.server.directory().resolve("up.bin")).hasBinaryContent(up);
		assertThat(filesIn(this.server.directory())).containsExactly("big.bin", "up.bin");
	}

	@Test
	void aFileOfAMegabyteOrLessIsSimplySentAgainAndLeavesNothingBehind() throws IOException {
		byte[] body = random(1024 * 1024, 11);
		Files.write(this.server.directory().resolve("small.bin"), body);
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_CLIENT, "150 ", 500_000, Fault.CUT);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.get(FileName.of("small.bin"), this.local))
				.isInstanceOf(ConnectionLostException.class);
			assertThat(proxy.injected()).isTrue();
		}
		assertThat(filesIn(this.local.root())).isEmpty();
	}

	private void getThroughACut(long cut) throws IOException {
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_CLIENT, "150 ", cut, Fault.CUT);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.get(BIG, this.local)).isInstanceOf(ConnectionLostException.class);
			assertThat(proxy.injected()).isTrue();
		}
	}

	private void putThroughACut(long cut) throws IOException {
		putThroughACut(BIG, cut);
	}

	private void putThroughACut(FileName name, long cut) throws IOException {
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_SERVER, "PUT ", cut, Fault.CUT);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.put(name, this.local)).isInstanceOf(ConnectionLostException.class);
			assertThat(proxy.injected()).isTrue();
		}
		awaitPartialReleased(this.server.directory());
	}

	/** The server notices the cut-off on its own time: wait until its session has let go of the partial file. */
	private static void awaitPartialReleased(Path directory) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			Path part = partialFile(directory);
			if (part != null) {
				try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
					if (lock != null) {
						return;
					}
				}
				catch (java.nio.channels.OverlappingFileLockException ex) {
					// Held in this JVM: the server's session is still on it.
				}
			}
			sleep();
		}
		throw new AssertionError("the server never let go of its partial file in " + directory);
	}

	private static long partialBytes(Path directory) throws IOException {
		Path part = partialFile(directory);
		assertThat(part).as("a hidden partial file in " + directory).isNotNull();
		assertThat(filesIn(directory)).hasSize(2).allMatch(name -> name.startsWith(".simpleftp-partial-"));
		return Files.size(part);
	}

	private static Path partialFile(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(path -> path.getFileName().toString().endsWith(".part")).findFirst().orElse(null);
		}
	}

	private FtpClient connect() throws IOException {
		return FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT);
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static List<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
