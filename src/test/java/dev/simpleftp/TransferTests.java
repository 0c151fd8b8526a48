package dev.simpleftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.LocalFileException;
import dev.simpleftp.client.ServerRefusedException;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PartialWrite;
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
 * The client library against a real server, both on real sockets and real directories: every
 * transfer is checked byte for byte on both sides.
 */
@Timeout(60)
class TransferTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

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

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 64 * 1024 + 1, 64 * 1024 * 1024 })
	void putThenGetRoundTripsEveryByte(int size) throws IOException {
		byte[] content = random(size, size);
		Files.write(this.clientDir.resolve("data.bin"), content);
		try (FtpClient client = connect()) {
			TransferResult put = client.put(FileName.of("data.bin"), this.local);
			assertThat(put.bytes()).isEqualTo(size);
			assertThat(Files.readAllBytes(this.serverDir.resolve("data.bin"))).isEqualTo(content);

			LocalFileStore elsewhere = new LocalFileStore(this.temp.resolve("other-client"));
			TransferResult got = client.get(FileName.of("data.bin"), elsewhere);
			assertThat(got.bytes()).isEqualTo(size);
			assertThat(Files.readAllBytes(elsewhere.root().resolve("data.bin"))).isEqualTo(content);
		}
		assertNoTemporaryFiles();
	}

	@ParameterizedTest
	@ValueSource(strings = { "my file.txt", "Ünïcødé 日本語.txt", "100% a=b.txt", ".hidden", "emoji 🚀.bin" })
	void namesWithSpacesAndNonAsciiLettersWork(String name) throws IOException {
		byte[] content = ("content of " + name).getBytes(StandardCharsets.UTF_8);
		Files.write(this.serverDir.resolve(name), content);
		try (FtpClient client = connect()) {
			client.get(FileName.of(name), this.local);
			Files.delete(this.serverDir.resolve(name));
			client.put(FileName.of(name), this.local);
		}
		assertThat(Files.readAllBytes(this.clientDir.resolve(name))).isEqualTo(content);
		assertThat(Files.readAllBytes(this.serverDir.resolve(name))).isEqualTo(content);
	}

	@Test
	void transfersReplaceExistingFilesOnBothSides() throws IOException {
		Files.writeString(this.serverDir.resolve("notes.txt"), "new server version, longer than before");
		Files.writeString(this.clientDir.resolve("notes.txt"), "old client version");
		Files.writeString(this.clientDir.resolve("upload.txt"), "new");
		Files.writeString(this.serverDir.resolve("upload.txt"), "an old and much longer server version");
		try (FtpClient client = connect()) {
			client.get(FileName.of("notes.txt"), this.local);
			client.put(FileName.of("upload.txt"), this.local);
		}
		assertThat(this.clientDir.resolve("notes.txt")).hasContent("new server version, longer than before");
		assertThat(this.serverDir.resolve("upload.txt")).hasContent("new");
	}

	@Test
	void getOfMissingFileIsRefusedByNameAndKeepsConnection() throws IOException {
		Files.writeString(this.serverDir.resolve("present.txt"), "here");
		try (FtpClient client = connect()) {
			assertThatThrownBy(() -> client.get(FileName.of("absent.txt"), this.local))
				.isInstanceOfSatisfying(ServerRefusedException.class,
						ex -> assertThat(ex.reply().is(ReplyCode.FILE_UNAVAILABLE)).isTrue())
				.hasMessage("no such file: absent.txt");
			assertThat(client.isOpen()).isTrue();
			client.get(FileName.of("present.txt"), this.local);
		}
		assertThat(listing(this.clientDir)).containsExactly("present.txt");
	}

	@Test
	void putOfMissingLocalFileSendsNothingAndKeepsConnection() throws IOException {
		try (FtpClient client = connect()) {
			assertThatThrownBy(() -> client.put(FileName.of("absent.txt"), this.local))
				.isInstanceOf(LocalFileException.class)
				.hasMessageStartingWith("no such local file: absent.txt");
			client.noop();
		}
		assertThat(listing(this.serverDir)).isEmpty();
	}

	@Test
	void getOntoALocalDirectoryIsALocalErrorAndSendsNothing() throws IOException {
		Files.writeString(this.serverDir.resolve("stuff"), "a file on the server");
		Files.createDirectory(this.clientDir.resolve("stuff"));
		try (FtpClient client = connect()) {
			assertThatThrownBy(() -> client.get(FileName.of("stuff"), this.local)).isInstanceOf(LocalFileException.class)
				.hasMessageContaining("directory");
			client.noop();
		}
		assertThat(this.clientDir.resolve("stuff")).isDirectory();
		assertNoTemporaryFiles();
	}

	@Test
	void twentyClientsAtOnceEachMoveTheirOwnFilesExactly() throws Exception {
		int clients = 20;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Void>> results = new ArrayList<>();
		try {
			for (int i = 0; i < clients; i++) {
				int id = i;
				results.add(pool.submit((Callable<Void>) () -> {
					LocalFileStore own = new LocalFileStore(this.temp.resolve("client-" + id));
					byte[] up = random(100_000 + id * 7919, id);
					byte[] down = random(50_000 + id * 104_729, 1000 + id);
					Files.write(own.root().resolve("up-" + id), up);
					Files.write(this.serverDir.resolve("down-" + id), down);
					go.await();
					try (FtpClient client = connect()) {
						client.put(FileName.of("up-" + id), own);
						client.get(FileName.of("down-" + id), own);
					}
					assertThat(Files.readAllBytes(this.serverDir.resolve("up-" + id))).isEqualTo(up);
					assertThat(Files.readAllBytes(own.root().resolve("down-" + id))).isEqualTo(down);
					return null;
				}));
			}
			go.countDown();
			for (Future<Void> result : results) {
				result.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertNoTemporaryFiles();
	}

	@Test
	void aClientOverTheConnectionCapIsToldTheServerIsBusy() throws IOException {
		try (RunningServer small = RunningServer.start(this.temp.resolve("small"), 2, Duration.ofSeconds(2));
				FtpClient first = FtpClient.connect("127.0.0.1", small.port(), TIMEOUT);
				FtpClient second = FtpClient.connect("127.0.0.1", small.port(), TIMEOUT)) {
			assertThatThrownBy(() -> FtpClient.connect("127.0.0.1", small.port(), TIMEOUT))
				.isInstanceOfSatisfying(ServerRefusedException.class, ex -> assertThat(ex.closedConnection()).isTrue())
				.hasMessageContaining("too many connections");
			first.noop();
			second.noop();
		}
	}

	@Test
	void connectingToAPortWithNoServerSaysSo() throws IOException {
		int port;
		try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = unused.getLocalPort();
		}
		assertThatThrownBy(() -> FtpClient.connect("127.0.0.1", port, TIMEOUT)).isInstanceOf(ConnectionLostException.class)
			.hasMessage("cannot connect to 127.0.0.1:" + port + ": connection refused (is the server running on that port?)");
	}

	@Test
	void somethingThatIsNotASimpleFtpServerIsRecognised() throws Exception {
		try (FakeServer fake = new FakeServer(client -> client.send("SSH-2.0-OpenSSH_9.2\r\n"))) {
			assertThatThrownBy(() -> FtpClient.connect("127.0.0.1", fake.port(), TIMEOUT))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageContaining("not a Simple FTP server");
		}
	}

	@Test
	void aServerThatNeverAnswersTimesOut() throws Exception {
		try (FakeServer fake = new FakeServer(client -> Thread.sleep(5000))) {
			assertThatThrownBy(() -> FtpClient.connect("127.0.0.1", fake.port(), Duration.ofMillis(300)))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessage("no answer from 127.0.0.1:" + fake.port() + " for 300 ms; connection closed");
		}
	}

	/** Up to 1 MiB a cut-off download is simply fetched again: nothing at all is kept of it. */
	@Test
	void aServerThatStopsMidGetLeavesNoPartialFileAndTheClientCanOpenAgain() throws Exception {
		Files.writeString(this.clientDir.resolve("big.bin"), "previous local version");
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=1000000 modified=2026-01-01T00:00:00.123Z sending big.bin\n");
			client.write(random(400_000, 1));
		})) {
			FtpClient client = FtpClient.connect("127.0.0.1", fake.port(), TIMEOUT);
			assertThatThrownBy(() -> client.get(FileName.of("big.bin"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageContaining("connection closed after 400000 of 1000000 bytes");
			assertThat(client.isOpen()).isFalse();
		}
		assertThat(this.clientDir.resolve("big.bin")).hasContent("previous local version");
		assertThat(listing(this.clientDir)).containsExactly("big.bin");
		assertThat(this.local.hasPartial(FileName.of("big.bin"))).isFalse();
		try (FtpClient again = connect()) {
			again.noop();
		}
	}

	/**
	 * Over 1 MiB, nothing visible is left either, but the bytes that arrived are kept in a hidden
	 * partial file, with the server's size and time of the file they came from, to resume from.
	 */
	@Test
	void aServerThatStopsMidLargeGetLeavesOnlyAHiddenPartialToResumeFrom() throws Exception {
		Files.writeString(this.clientDir.resolve("big.bin"), "previous local version");
		byte[] arrived = random(400_000, 1);
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=2000000 modified=2026-01-01T00:00:00.123Z sending big.bin\n");
			client.write(arrived);
		})) {
			FtpClient client = FtpClient.connect("127.0.0.1", fake.port(), TIMEOUT);
			assertThatThrownBy(() -> client.get(FileName.of("big.bin"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageContaining("connection closed after 400000 of 2000000 bytes");
			assertThat(client.isOpen()).isFalse();
		}
		assertThat(this.clientDir.resolve("big.bin")).hasContent("previous local version");
		String partial = ".simpleftp-partial-" + sha256Prefix("big.bin");
		assertThat(listing(this.clientDir)).containsExactly(partial + ".info", partial + ".part", "big.bin");
		assertThat(this.clientDir.resolve(partial + ".part")).hasBinaryContent(arrived);
		assertThat(this.local.list()).extracting(entry -> entry.name().value()).containsExactly("big.bin");
		assertThat(this.local.hasPartial(FileName.of("big.bin"))).isTrue();
		try (PartialWrite kept = this.local.beginPartial(FileName.of("big.bin")).orElseThrow()) {
			assertThat(kept.recordedSource())
				.contains(new PartialWrite.Source(2_000_000, Instant.parse("2026-01-01T00:00:00.123Z")));
			assertThat(kept.length()).isEqualTo(400_000);
		}
		try (FtpClient again = connect()) {
			again.noop();
		}
	}

	@Test
	void aServerThatVanishesBetweenCommandsIsReportedInOneLine() throws Exception {
		try (FakeServer fake = new FakeServer(client -> client.greet())) {
			FtpClient client = FtpClient.connect("127.0.0.1", fake.port(), TIMEOUT);
			Thread.sleep(100);
			assertThatThrownBy(client::noop).isInstanceOf(ConnectionLostException.class)
				.hasMessageMatching("connection to 127\\.0\\.0\\.1:\\d+ lost: .+");
			assertThat(client.isOpen()).isFalse();
		}
	}

	@Test
	void aServerShuttingDownIsReportedAndTheConnectionClosed() throws IOException {
		FtpClient client = connect();
		this.server.runner().stop();
		assertThatThrownBy(client::noop).isInstanceOf(ServerRefusedException.class).hasMessage("server shutting down");
		assertThat(client.isOpen()).isFalse();
	}

	private FtpClient connect() throws IOException {
		return FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT);
	}

	private void assertNoTemporaryFiles() throws IOException {
		for (Path dir : List.of(this.serverDir, this.clientDir)) {
			assertThat(listing(dir)).noneMatch(name -> name.startsWith(".simpleftp-"));
		}
	}

	private static List<String> listing(Path dir) throws IOException {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

	/** The key of a partial file's name: the first 128 bits of the SHA-256 of the target's name, in hex. */
	private static String sha256Prefix(String name) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
