package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * {@link ServerRunner#stop()}: idle connections are told and closed at once; a transfer in flight
 * gets until the shutdown timeout, after which it is cut off and discarded.
 */
@Timeout(30)
class ShutdownTests {

	private static final int MIB = 1024 * 1024;

	@TempDir
	Path temp;

	@Test
	void idleConnectionsAreToldTheServerIsShuttingDownAndClosed() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		List<RawConnection> idle = new ArrayList<>();
		try (RunningServer server = RunningServer.start(root)) {
			for (int i = 0; i < 3; i++) {
				idle.add(RawConnection.open(server.port()));
			}
			// Only greeted: a session that has just answered a request may still count as busy (see below).
			int port = server.port();
			long started = System.nanoTime();
			server.runner().stop();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			for (RawConnection connection : idle) {
				assertThat(connection.readLine()).isEqualTo("421 server shutting down");
				assertThat(closedByServer(connection)).isTrue();
				connection.close();
			}
			assertThat(server.runner().connectionCount()).isZero();
			assertThat(server.runner().isRunning()).isFalse();
			assertThatIOException().isThrownBy(() -> new RawConnection(port).close());
		}
	}

	@Test
	void putInFlightAtStopIsCutOffAfterTheTimeoutAndDiscarded() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		byte[] earlier = content(10_000, 1);
		Files.write(root.resolve("data.bin"), earlier);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RunningServer server = RunningServer.start(root, 100, Duration.ofMillis(500));
				RawConnection connection = RawConnection.open(server.port())) {
			assertThat(connection.request("PUT data.bin " + MIB)).startsWith("150 ");
			connection.sendBytes(content(64 * 1024, 2));
			long started = System.nanoTime();
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(server.runner()::stop);
			stopped.get(10, TimeUnit.SECONDS);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofSeconds(4));
			assertThat(closedByServer(connection)).isTrue();
			assertThat(server.runner().connectionCount()).isZero();
		}
		assertThat(root.resolve("data.bin")).hasBinaryContent(earlier);
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
	}

	@Test
	void getInFlightAtStopFinishesEveryByteWithinTheTimeout() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		byte[] file = content(32 * MIB, 3);
		Files.write(root.resolve("large.bin"), file);
		try (RunningServer server = RunningServer.start(root, 100, Duration.ofSeconds(5));
				RawConnection idle = RawConnection.open(server.port());
				RawConnection reader = RawConnection.open(server.port())) {
			assertThat(reader.request("GET large.bin")).startsWith("150 size=" + file.length + " ");
			byte[] received = new byte[file.length];
			int offset = readInto(reader, received, 0, 2 * MIB);
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(server.runner()::stop);

			assertThat(idle.readLine()).isEqualTo("421 server shutting down");
			assertThat(closedByServer(idle)).isTrue();
			while (offset < 12 * MIB) {
				offset = readInto(reader, received, offset, MIB);
				pause(20);
			}
			// More bytes remain than the socket buffers hold, so the server is still sending.
			assertThat(stopped).isNotDone();
			while (offset < file.length) {
				offset = readInto(reader, received, offset, Math.min(MIB, file.length - offset));
				pause(20);
			}
			assertThat(reader.readLine())
				.isEqualTo("226 size=" + file.length + " crc32c=" + crc32c(file) + " sent large.bin");
			assertThat(Arrays.equals(received, file)).as("every byte received exactly").isTrue();
			stopped.get(10, TimeUnit.SECONDS);
			assertThat(reader.readLine()).isEqualTo("421 server shutting down");
			assertThat(closedByServer(reader)).isTrue();
			assertThat(server.runner().connectionCount()).isZero();
		}
		assertThat(root.resolve("large.bin")).hasBinaryContent(file);
	}

	@Test
	void sessionThatFinishesItsTransferDuringShutdownIsToldAndClosedAtOnce() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		byte[] file = content(32 * MIB, 4);
		Files.write(root.resolve("large.bin"), file);
		try (RunningServer server = RunningServer.start(root, 100, Duration.ofSeconds(20));
				RawConnection reader = RawConnection.open(server.port())) {
			assertThat(reader.request("GET large.bin")).startsWith("150 size=" + file.length + " ");
			reader.readBytes(MIB);
			long started = System.nanoTime();
			CompletableFuture<Void> stopped = CompletableFuture.runAsync(server.runner()::stop);
			pause(200);
			reader.readBytes(file.length - MIB);
			assertThat(reader.readLine()).startsWith("226 ");
			assertThat(reader.request("NOOP")).isEqualTo("421 server shutting down");
			assertThat(closedByServer(reader)).isTrue();
			stopped.get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

	private static int readInto(RawConnection connection, byte[] target, int offset, int count) throws IOException {
		byte[] chunk = connection.readBytes(count);
		assertThat(chunk).hasSize(count);
		System.arraycopy(chunk, 0, target, offset, count);
		return offset + count;
	}

	private static void pause(long millis) throws InterruptedException {
		Thread.sleep(millis);
	}

	/** The CRC32C of {@code bytes} as a 226 carries it: eight lower-case hexadecimal digits. */
	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

}
