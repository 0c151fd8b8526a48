package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ServerExtension;
import dev.simpleftp.server.session.IdleConnections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.closedByServer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections waiting for a request are parked in {@link IdleConnections} (here every one, with
 * {@code waiting-threads} 0) and hold no thread; a request wakes them, and the server behaves
 * exactly as with a thread each.
 */
@Timeout(60)
class ParkedConnectionTests {

	private static final String FILE = "hello from a parked connection\n";

	@TempDir
	Path root;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.root).parkingEveryConnection(Duration.ofSeconds(2));

	@BeforeEach
	void seedRoot() throws IOException {
		Files.writeString(this.root.resolve("a.txt"), FILE);
	}

	@Test
	void manyWaitingConnectionsHoldNoThreadAndEachIsServedWhenItAsks() throws Exception {
		int before = Thread.activeCount();
		List<RawConnection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				connections.add(RawConnection.open(this.server.port()));
			}
			awaitConnectionCount(300);
			// Each connection ran only to greet; none keeps a thread while it waits.
			Thread.sleep(200);
			assertThat(Thread.activeCount() - before).isLessThan(50);
			for (RawConnection connection : connections) {
				assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			}
			for (RawConnection connection : connections.subList(0, 20)) {
				assertThat(get(connection, "a.txt")).isEqualTo(FILE);
				assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			}
		}
		finally {
			for (RawConnection connection : connections) {
				connection.close();
			}
		}
	}

	@Test
	void aRequestSentInPiecesIsReadWholeAfterWaking() throws Exception {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes("NO".getBytes(StandardCharsets.US_ASCII));
			Thread.sleep(100);
			connection.sendBytes("OP\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
	}

	@Test
	void pipelinedRequestsAreAllAnsweredInOrderAcrossParking() throws Exception {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.send("NOOP\nGET missing.txt\nNOOP");
			assertThat(connection.readLine()).isEqualTo("200 ok");
			assertThat(connection.readLine()).isEqualTo("550 no such file: missing.txt");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
	}

	@Test
	void aPeerThatClosesWhileParkedIsForgotten() throws Exception {
		RawConnection connection = RawConnection.open(this.server.port());
		awaitConnectionCount(1);
		connection.close();
		awaitConnectionCount(0);
	}

	@Test
	void badRequestsInARowAreCountedAcrossParking() throws Exception {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (int i = 1; i < 10; i++) {
				assertThat(connection.request("FOO")).startsWith("500 ");
			}
			assertThat(connection.request("FOO")).startsWith("500 ");
			assertThat(connection.readLine()).isEqualTo("421 too many bad requests in a row; closing the connection");
			assertThat(closedByServer(connection)).isTrue();
		}
	}

	@Test
	void stoppingTellsParkedConnectionsAndEndsPromptly() throws Exception {
		List<RawConnection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				connections.add(RawConnection.open(this.server.port()));
			}
			awaitConnectionCount(50);
			assertThat(connections.get(0).request("NOOP")).isEqualTo("200 ok");
			long started = System.nanoTime();
			this.server.runner().stop();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			Set<String> said = connections.stream().map(ParkedConnectionTests::lastWords).collect(Collectors.toSet());
			assertThat(said).containsExactly("421 server shutting down");
			assertThat(this.server.runner().connectionCount()).isZero();
		}
		finally {
			for (RawConnection connection : connections) {
				connection.close();
			}
		}
	}

	private static String lastWords(RawConnection connection) {
		try {
			String line = connection.readLine();
			return closedByServer(connection) ? line : line + " (and still open)";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static String get(RawConnection connection, String name) throws IOException {
		String header = connection.request("GET " + name);
		assertThat(header).startsWith("150 size=");
		int size = Integer.parseInt(header.substring("150 size=".length(), header.indexOf(' ', 4)));
		String body = new String(connection.readBytes(size), StandardCharsets.UTF_8);
		assertThat(connection.readLine()).startsWith("226 ");
		return body;
	}

	private void awaitConnectionCount(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.server.runner().connectionCount() != expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.server.runner().connectionCount()).isEqualTo(expected);
	}

}
