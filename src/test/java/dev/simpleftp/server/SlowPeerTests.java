package dev.simpleftp.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static dev.simpleftp.server.RawTransfers.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow peers: 200 connections that trickle a byte a second and 200 that say nothing, from many
 * addresses of 127.0.0.0/8, while a normal client from 127.0.0.1 still connects and transfers
 * within seconds. The first-request timeout cuts the slow ones off, the per-address cap turns away
 * what one address sends past it, and every one of them is closed in the end.
 */
@Timeout(60)
class SlowPeerTests {

	private static final int TRICKLING = 200;

	private static final int SILENT = 200;

	private static final Duration FIRST_REQUEST = Duration.ofSeconds(2);

	private static final byte[] FILE = content(1024 * 1024, 11);

	@TempDir
	Path temp;

	private final List<Socket> slow = new ArrayList<>();

	private volatile boolean trickling = true;

	private Thread trickler;

	@AfterEach
	void closeAll() throws Exception {
		this.trickling = false;
		if (this.trickler != null) {
			this.trickler.interrupt();
			this.trickler.join(5000);
		}
		for (Socket socket : this.slow) {
			socket.close();
		}
	}

	@Test
	void aNormalClientIsServedAtOnceAmong400SlowPeersWhichAreAllCutOff() throws Exception {
		// Room for all 400 (40 addresses, 10 each, the default cap): only the timeout can end them.
		try (RunningServer server = start(1000)) {
			connectSlowPeers(server.port(), 40);
			awaitConnectionCount(server.runner(), TRICKLING + SILENT);
			long started = System.nanoTime();
			try (RawConnection normal = RawConnection.open(server.port())) {
				assertThat(get(normal, "data.bin")).isEqualTo(FILE);
				assertThat(put(normal, "up.bin", FILE)).startsWith("226 ");
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertEverySlowPeerIsClosedBy(Duration.ofSeconds(10));
			awaitConnectionCount(server.runner(), 0);
			assertThat(server.directory().resolve("up.bin")).hasBinaryContent(FILE);
		}
	}

	@Test
	void withTheDefaultConnectionCapANormalClientRetryingIsServedWithinSeconds() throws Exception {
		// 20 addresses trying 20 each: the per-address cap turns away half, the other 200 fill the
		// global cap of 100 and more; the timeout frees the server for the normal client.
		try (RunningServer server = start(100)) {
			connectSlowPeers(server.port(), 20);
			long started = System.nanoTime();
			int attempts = 0;
			byte[] got = null;
			while (got == null) {
				attempts++;
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.as("the normal client was not served after %d attempts", attempts)
					.isLessThan(Duration.ofSeconds(15));
				try (RawConnection normal = RawConnection.open(server.port())) {
					got = get(normal, "data.bin");
				}
				catch (IOException ex) {
					assertThat(ex).hasMessageContaining("421 too many connections");
					Thread.sleep(200);
				}
			}
			assertThat(got).isEqualTo(FILE);
			assertEverySlowPeerIsClosedBy(Duration.ofSeconds(10));
		}
	}

	private RunningServer start(int maxConnections) throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		Files.write(root.resolve("data.bin"), FILE);
		return TestSettings.of(root)
			.maxConnections(maxConnections)
			.maxConnectionsPerAddress(10)
			.firstRequestTimeout(FIRST_REQUEST)
			.start();
	}

	/** Connects the slow peers spread over {@code addresses} addresses, 127.0.1.1 on, and starts the trickle. */
	private void connectSlowPeers(int port, int addresses) throws IOException {
		List<Socket> tricklers = new ArrayList<>();
		for (int i = 0; i < TRICKLING + SILENT; i++) {
			Socket socket = new Socket();
			this.slow.add(socket);
			socket.bind(new InetSocketAddress("127.0.1." + (1 + i % addresses), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			if (i % 2 == 0) {
				tricklers.add(socket);
			}
		}
		this.trickler = new Thread(() -> trickle(tricklers), "test-trickler");
		this.trickler.start();
	}

	/** A byte a second to each, of a request line that never ends. */
	private void trickle(List<Socket> sockets) {
		while (this.trickling) {
			for (Socket socket : sockets) {
				try {
					socket.getOutputStream().write('L');
				}
				catch (IOException ex) {
					// Closed by the server: nothing more to send it.
				}
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Each slow peer reads the end of its stream (after a greeting and a 421, or a refusal) in time. */
	private void assertEverySlowPeerIsClosedBy(Duration limit) throws IOException {
		long deadline = System.nanoTime() + limit.toNanos();
		for (Socket socket : this.slow) {
			assertThat(readsToTheEnd(socket, deadline)).as("a slow peer still connected after %s", limit).isTrue();
		}
	}

	private static boolean readsToTheEnd(Socket socket, long deadline) throws IOException {
		InputStream in = socket.getInputStream();
		byte[] drain = new byte[512];
		while (true) {
			long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
			socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
			try {
				if (in.read(drain) < 0) {
					return true;
				}
			}
			catch (SocketTimeoutException ex) {
				return false;
			}
			catch (SocketException ex) {
				return true; // reset by the server
			}
		}
	}

}
