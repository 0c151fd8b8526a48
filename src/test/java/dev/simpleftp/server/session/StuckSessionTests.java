package dev.simpleftp.server.session;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import dev.simpleftp.server.ServerSettings;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.CommandHandlers;
import dev.simpleftp.server.command.ListingSettings;
import dev.simpleftp.server.command.TransferBuffers;
import dev.simpleftp.server.command.UploadLimits;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session whose thread is stuck where closing the socket cannot reach it still gives its place
 * back once the watchdog has cut it off, exactly once; and a FIFO put in a file's place between the
 * server's check and its open does not get the session stuck at all.
 */
@Timeout(60)
class StuckSessionTests {

	private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(10), Duration.ofMinutes(5),
			Duration.ofSeconds(1), Duration.ofSeconds(30), 0);

	@TempDir
	Path temp;

	@Test
	void aSessionWhoseThreadNeverReturnsGivesItsSlotsBackOnceAfterTheWatchdogCutItOff() throws IOException {
		try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
				SocketChannel peer = SocketChannel.open(listener.getLocalAddress());
				SocketChannel accepted = listener.accept()) {
			AtomicInteger ends = new AtomicInteger();
			AtomicInteger permits = new AtomicInteger(1);
			Session session = new Session(accepted, shared(), (ended) -> ends.incrementAndGet(), (parked) -> false);
			session.slots().hold(permits::incrementAndGet);
			// Never run: as good as a thread stuck before its greeting, busy with no bytes moving.
			long start = System.nanoTime();
			session.watch(start, TIMEOUTS);
			assertThat(ends).hasValue(0);
			session.watch(start + Duration.ofMillis(1100).toNanos(), TIMEOUTS); // stalled: cut off
			assertThat(peer.read(ByteBuffer.allocate(1))).isEqualTo(-1);
			assertThat(ends).hasValue(0);
			session.watch(start + Duration.ofSeconds(4).toNanos(), TIMEOUTS);
			assertThat(ends).hasValue(0);
			session.watch(start + Duration.ofSeconds(6).toNanos(), TIMEOUTS); // given up on: slots back
			assertThat(ends).hasValue(1);
			assertThat(permits).hasValue(2);
			session.watch(start + Duration.ofSeconds(8).toNanos(), TIMEOUTS);
			session.abort();
			session.run(); // the thread comes back at last: it finds the session ended
			assertThat(ends).hasValue(1);
			assertThat(permits).hasValue(2);
			assertThat(session.slots().count()).isZero();
		}
	}

	private Session.Shared shared() throws IOException {
		LocalFileStore store = new LocalFileStore(this.temp.resolve("root"));
		ServerSettings settings = TestSettings.of(store.root()).build();
		return new Session.Shared(store, CommandHandlers.standard(new TransferBuffers(1), false, new UploadLimits(settings.maxFileSize().toBytes(), settings.minFreeSpace().toBytes()),
				ListingSettings.defaults(), 1, Accounts.none(), null),
				new RefusalLog(LoggerFactory.getLogger(StuckSessionTests.class)), null, Accounts.none(), (account) -> store);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void aFifoSwappedInForAFileDuringGetsNeverHoldsTheSessionNorItsSlot() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		Path spare = Files.createDirectories(this.temp.resolve("spare"));
		byte[] file = content(1000, 3);
		Path regular = spare.resolve("regular");
		Files.write(regular, file);
		Path fifo = spare.resolve("fifo");
		mkfifo(fifo);
		Path name = root.resolve("swapped");
		Files.write(name, file);
		AtomicBoolean swapping = new AtomicBoolean(true);
		Thread swapper = new Thread(() -> swap(name, regular, fifo, swapping), "swapper");
		try (RunningServer server = TestSettings.of(root).maxConnections(1).allowHardLinks(true).start()) {
			swapper.start();
			boolean raced = false;
			try (RawConnection connection = RawConnection.open(server.port())) {
				for (int i = 0; i < 5000 && !raced; i++) {
					String reply = connection.request("GET swapped");
					if (reply.startsWith("150 ")) {
						assertThat(connection.readBytes(1000)).isEqualTo(file);
						assertThat(connection.readLine()).startsWith("226 ");
					}
					else if (reply.startsWith("451 ")) {
						assertThat(reply).contains("not opened within 3 s");
						raced = true;
					}
					else {
						assertThat(reply).isEqualTo("550 not a regular file: swapped (it is a special file)");
					}
				}
				swapping.set(false);
				swapper.join();
				assertThat(raced).as("a GET opened the FIFO").isTrue();
				Files.copy(regular, name, StandardCopyOption.REPLACE_EXISTING);
				assertThat(get(connection, "swapped")).isEqualTo(file);
			}
			awaitConnectionCount(server.runner(), 0);
			try (RawConnection next = RawConnection.open(server.port())) {
				assertThat(next.request("NOOP")).isEqualTo("200 ok");
			}
		}
		finally {
			swapping.set(false);
			swapper.join();
			releaseStuckOpens(root, spare);
		}
	}

	/**
	 * Puts the regular file and the FIFO in turn under {@code name}, as fast as it can: a hard link
	 * to either is renamed over the name, so the name is never missing.
	 */
	private static void swap(Path name, Path regular, Path fifo, AtomicBoolean swapping) {
		Path link = regular.resolveSibling("link");
		try {
			for (boolean toFifo = true; swapping.get(); toFifo = !toFifo) {
				Files.createLink(link, toFifo ? fifo : regular);
				Files.move(link, name, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A FIFO opened for reading and writing is a writer at once: the opens stuck on it return. */
	private static void releaseStuckOpens(Path... directories) throws IOException {
		for (Path directory : directories) {
			try (var paths = Files.list(directory)) {
				for (Path path : paths.toList()) {
					if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
						new RandomAccessFile(path.toFile(), "rw").close();
					}
				}
			}
		}
	}

	static void mkfifo(Path path) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		assertThat(process.waitFor()).isZero();
	}

}
