package dev.simpleftp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import dev.simpleftp.client.FtpClient;
import dev.simpleftp.server.ServerRunner;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.storage.local.RecordingDurability.Event;
import dev.simpleftp.storage.local.RecordingDurability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A success reply means the file is on the disk: the server answers {@code 226} to a PUT, and the
 * client returns from a GET, only after the store has forced the file's bytes (while its name still
 * held the previous version) and then the directory (once the name held the new one). Seen through a
 * {@link RecordingDurability} under each side's store; on the server's side it holds the directory
 * force while the test checks that the client has heard nothing yet.
 */
@Timeout(30)
class DurableTransferTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	private Path serverDir;

	private RecordingDurability serverForces;

	private ServerRunner server;

	@BeforeEach
	void startServer() throws IOException {
		this.serverDir = Files.createDirectories(this.temp.resolve("server"));
		this.serverForces = new RecordingDurability(this.serverDir);
		this.server = new ServerRunner(RunningServer.settings(this.serverDir), new LocalFileStore(this.serverDir, this.serverForces),
				new SimpleAsyncTaskExecutor("durable-test-"));
		this.server.start();
		this.serverForces.clear();
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void aPutIsAnswered226OnlyAfterItsBytesAndThenItsNameAreForced() throws Exception {
		Files.writeString(this.serverDir.resolve("a.txt"), "old");
		this.serverForces.holdNextDirectoryForce();
		try (Peer peer = new Peer(this.server.port())) {
			peer.send("PUT a.txt 5 body=follows\nhello");

			assertThat(this.serverForces.awaitHeld()).as("the server forces the directory").isTrue();
			peer.assertNothingToRead("while the directory is being forced");
			assertForcedInOrder(this.serverForces.events(), "a.txt", bytes("old"), bytes("hello"));
			this.serverForces.release();
			assertThat(peer.readLine()).startsWith("226 ");
		}
		assertThat(this.serverDir.resolve("a.txt")).hasContent("hello");
	}

	@Test
	void eachPutOfAPipelinedBatchIsAnsweredAfterItsOwnForces() throws Exception {
		this.serverForces.holdNextDirectoryForce();
		try (Peer peer = new Peer(this.server.port())) {
			peer.send("PUT one 3 body=follows\n111PUT two 3 body=follows\n222PUT three 5 body=follows\n33333");

			assertThat(this.serverForces.awaitHeld()).isTrue();
			peer.assertNothingToRead("while the first file's directory force is held");
			this.serverForces.release();
			assertThat(List.of(peer.readLine(), peer.readLine(), peer.readLine())).allMatch(reply -> reply.startsWith("226 "));
		}
		List<Event> events = this.serverForces.events();
		assertThat(this.serverForces.kinds()).containsExactly(Event.DATA, Event.DIRECTORY, Event.DATA, Event.DIRECTORY,
				Event.DATA, Event.DIRECTORY);
		assertForcedInOrder(events.subList(0, 2), "one", null, bytes("111"));
		assertForcedInOrder(events.subList(2, 4), "two", null, bytes("222"));
		assertForcedInOrder(events.subList(4, 6), "three", null, bytes("33333"));
		assertThat(events.get(2).holds("one", bytes("111"))).as("the first file was stored before the second").isTrue();
	}

	@Test
	void aResumableUploadIsAnswered226OnlyAfterItsPartialFileAndThenItsNameAreForced() throws Exception {
		byte[] content = random(2 * 1024 * 1024 + 7, 1);
		this.serverForces.holdNextDirectoryForce();
		try (Peer peer = new Peer(this.server.port())) {
			peer.send("PUT big.bin " + content.length + " modified=2026-12-01T10:00:00.000Z\n");
			assertThat(peer.readLine()).startsWith("150 ");
			peer.send(content);

			assertThat(this.serverForces.awaitHeld()).isTrue();
			peer.assertNothingToRead("while the directory is being forced");
			this.serverForces.release();
			assertThat(peer.readLine()).startsWith("226 ");
		}
		assertForcedInOrder(this.serverForces.events(), "big.bin", null, content);
		assertThat(this.serverForces.events().get(0).hiddenFileHolds(content)).as("the partial file was forced").isTrue();
		assertThat(this.serverDir.resolve("big.bin")).hasBinaryContent(content);
	}

	@Test
	void aPutWhoseDirectoryCannotBeForcedIsNotReportedStoredAndTheConnectionGoesOn() throws Exception {
		this.serverForces.failDirectory();
		try (Peer peer = new Peer(this.server.port())) {
			peer.send("PUT a.txt 5 body=follows\nhelloNOOP\n");

			assertThat(peer.readLine()).startsWith("451 could not store a.txt: it is in place, but its name could not be forced")
				.contains("send it again");
			assertThat(peer.readLine()).startsWith("200 ");
		}
	}

	@Test
	void aDownloadReturnsOnlyAfterItsBytesAndThenItsNameAreForcedInTheClientDirectory() throws IOException {
		byte[] small = random(1000, 2);
		byte[] large = random(2 * 1024 * 1024 + 3, 3);
		Files.write(this.serverDir.resolve("small.bin"), small);
		Files.write(this.serverDir.resolve("large.bin"), large);
		Path clientDir = Files.createDirectories(this.temp.resolve("client"));
		Files.writeString(clientDir.resolve("small.bin"), "old");
		RecordingDurability clientForces = new RecordingDurability(clientDir);
		LocalFileStore local = new LocalFileStore(clientDir, clientForces);

		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			clientForces.clear();
			client.get(FileName.of("small.bin"), local);
			assertForcedInOrder(clientForces.events(), "small.bin", bytes("old"), small);

			clientForces.clear();
			client.get(FileName.of("large.bin"), local);
			assertForcedInOrder(clientForces.events(), "large.bin", null, large);
			assertThat(clientForces.events().get(0).hiddenFileHolds(large)).as("the partial file was forced").isTrue();
		}
	}

	/**
	 * {@code events} are the data force, made while {@code name} still held {@code before} ({@code null}:
	 * nothing) and a hidden file the new bytes, then the directory force, made once {@code name} held them.
	 */
	private static void assertForcedInOrder(List<Event> events, String name, byte[] before, byte[] after) {
		assertThat(events).extracting(Event::kind).containsExactly(Event.DATA, Event.DIRECTORY);
		Event data = events.get(0);
		if (before == null) {
			assertThat(data.files()).as("no %s yet when its bytes are forced", name).doesNotContainKey(name);
		}
		else {
			assertThat(data.holds(name, before)).as("%s still the old version when its bytes are forced: %s", name, data)
				.isTrue();
		}
		assertThat(data.hiddenFileHolds(after)).as("the new bytes of %s in a hidden file: %s", name, data).isTrue();
		Event directory = events.get(1);
		assertThat(directory.holds(name, after)).as("%s the new version when the directory is forced: %s", name, directory)
			.isTrue();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** A raw client that can tell "nothing has arrived" from "not yet read". */
	private static final class Peer implements AutoCloseable {

		private final Socket socket = new Socket();

		private final InputStream in;

		Peer(int port) throws IOException {
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			this.socket.setSoTimeout(10_000);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			assertThat(readLine()).startsWith("220 ");
		}

		void send(String text) throws IOException {
			send(bytes(text));
		}

		void send(byte[] bytes) throws IOException {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
		}

		String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			return line.toString(StandardCharsets.UTF_8);
		}

		/**
		 * On loopback a reply the server has written is here at once: a reply sent before the force
		 * being held would be read now, not after 200 ms.
		 */
		void assertNothingToRead(String when) throws IOException {
			this.socket.setSoTimeout(200);
			try {
				int b = this.in.read();
				throw new AssertionError("the client heard from the server " + when + ": " + (char) b + readLine());
			}
			catch (SocketTimeoutException expected) {
				// Nothing: as it should be.
			}
			finally {
				this.socket.setSoTimeout(10_000);
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
