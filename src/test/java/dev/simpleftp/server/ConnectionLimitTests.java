package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Many connections at once: idle ones do not hold up others, and the limit turns away the extra. */
@Timeout(30)
class ConnectionLimitTests {

	private static final byte[] FILE = content(300_000, 1);

	@TempDir
	Path temp;

	@Test
	void twelveIdleConnectionsDoNotHoldUpAThirteenthClientsGet() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		Files.write(root.resolve("data.bin"), FILE);
		List<RawConnection> idle = new ArrayList<>();
		try (RunningServer server = RunningServer.start(root)) {
			try {
				for (int i = 0; i < 12; i++) {
					idle.add(RawConnection.open(server.port()));
				}
				try (RawConnection active = RawConnection.open(server.port())) {
					assertThat(server.runner().connectionCount()).isEqualTo(13);
					assertThat(get(active, "data.bin")).isEqualTo(FILE);
				}
				for (RawConnection connection : idle) {
					assertThat(connection.request("NOOP")).isEqualTo("200 ok");
				}
			}
			finally {
				closeAll(idle);
			}
		}
		assertThat(root.toFile().list()).containsExactly("data.bin");
	}

	@Test
	void connectionBeyondTheLimitIsToldBusyAndClosedUntilASlotFrees() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		Files.write(root.resolve("data.bin"), FILE);
		List<RawConnection> held = new ArrayList<>();
		try (RunningServer server = RunningServer.start(root, 3, Duration.ofSeconds(2))) {
			try {
				for (int i = 0; i < 3; i++) {
					held.add(RawConnection.open(server.port()));
				}
				try (RawConnection extra = new RawConnection(server.port())) {
					assertThat(extra.readLine()).startsWith("421 ").contains("too many connections");
					assertThat(closedByServer(extra)).isTrue();
				}
				assertThat(server.runner().connectionCount()).isEqualTo(3);
				for (RawConnection connection : held) {
					assertThat(connection.request("NOOP")).isEqualTo("200 ok");
				}

				assertThat(held.get(0).request("QUIT")).startsWith("221 ");
				assertThat(closedByServer(held.get(0))).isTrue();
				awaitConnectionCount(server.runner(), 2);

				try (RawConnection admitted = new RawConnection(server.port())) {
					assertThat(admitted.readLine()).startsWith("220 protocol=simple-ftp version=4 ");
					assertThat(get(admitted, "data.bin")).isEqualTo(FILE);
				}
			}
			finally {
				closeAll(held);
			}
		}
	}

	@Test
	void slotOfAClientThatVanishesIsFreedForTheNext() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		try (RunningServer server = RunningServer.start(root, 1, Duration.ofSeconds(2))) {
			RawConnection.open(server.port()).reset();
			awaitConnectionCount(server.runner(), 0);
			try (RawConnection next = RawConnection.open(server.port())) {
				assertThat(next.request("NOOP")).isEqualTo("200 ok");
			}
		}
	}

	private static void closeAll(List<RawConnection> connections) throws IOException {
		for (RawConnection connection : connections) {
			connection.close();
		}
	}

}
