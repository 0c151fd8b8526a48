package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.server.session.RefusalLog;
import dev.simpleftp.server.session.Session;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.util.unit.DataSize;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The per-address connection cap, the largest file a PUT may declare, and the free-space reserve:
 * each refusal is clear, comes before any byte is stored, and leaves the connection usable where
 * it can.
 */
@Timeout(30)
class LimitTests {

	@TempDir
	Path temp;

	private Path root() throws IOException {
		return Files.createDirectories(this.temp.resolve("root"));
	}

	@Test
	void connectionsFromOneAddressPastItsCapAreTurnedAwayWhileOtherAddressesAreServed() throws IOException {
		List<RawConnection> held = new ArrayList<>();
		try (RunningServer server = TestSettings.of(root()).maxConnectionsPerAddress(3).start()) {
			try {
				for (int i = 0; i < 3; i++) {
					held.add(RawConnection.open(server.port()));
				}
				try (RawConnection fourth = new RawConnection(server.port())) {
					assertThat(fourth.readLine()).isEqualTo(
							"421 too many connections from your address (the limit is 3 at once); try again later");
					assertThat(closedByServer(fourth)).isTrue();
				}
				try (RawConnection other = new RawConnection("127.0.0.2", server.port())) {
					assertThat(other.readLine()).startsWith("220 ");
					assertThat(other.request("NOOP")).isEqualTo("200 ok");
				}
				held.remove(0).close();
				awaitConnectionCount(server.runner(), 3 - 1);
				try (RawConnection again = RawConnection.open(server.port())) {
					assertThat(again.request("NOOP")).isEqualTo("200 ok");
				}
			}
			finally {
				for (RawConnection connection : held) {
					connection.close();
				}
			}
		}
	}

	@Test
	void aFloodOfRefusedConnectionsIsLoggedWithThePeerAndWithoutFloodingTheLog() throws IOException {
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ServerRunner.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try (RunningServer server = TestSettings.of(root()).maxConnectionsPerAddress(1).start();
				RawConnection held = RawConnection.open(server.port())) {
			for (int i = 0; i < 50; i++) {
				try (RawConnection refused = new RawConnection(server.port())) {
					assertThat(refused.readLine()).startsWith("421 too many connections from your address");
				}
			}
			List<String> refusals = appender.list.stream()
				.map(ILoggingEvent::getFormattedMessage)
				.filter(line -> line.contains("too many connections from your address"))
				.toList();
			assertThat(refusals).hasSize(RefusalLog.BURST)
				.allMatch(line -> line.matches("127\\.0\\.0\\.1:\\d+ refused: too many connections from your address.*"));
			server.close();
			assertThat(appender.list.stream().map(ILoggingEvent::getFormattedMessage))
				.anyMatch(line -> line.matches("\\.\\.\\. " + (50 - RefusalLog.BURST)
						+ " more like this \\(too many connections from one address\\) from 1 address in the last \\d+ s"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void aPutLargerThanTheLimitIsRefusedBeforeAnyByteAndTheConnectionGoesOn() throws IOException {
		try (RunningServer server = TestSettings.of(root()).maxFileSize(DataSize.ofKilobytes(64)).start();
				RawConnection connection = RawConnection.open(server.port())) {
			assertThat(connection.request("PUT big.bin 65537")).isEqualTo(
					"552 file too large: big.bin is 65537 bytes; this server takes files of at most 65536 bytes");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(put(connection, "fits.bin", content(65536, 1))).startsWith("226 ");
			assertThat(server.directory().toFile().list()).containsExactly("fits.bin");
		}
	}

	@Test
	void aRefusedBodyThatFollowsIsSkippedSoTheConnectionStaysInStep() throws IOException {
		try (RunningServer server = TestSettings.of(root()).maxFileSize(DataSize.ofKilobytes(64)).start();
				RawConnection connection = RawConnection.open(server.port())) {
			connection.send("PUT big.bin 100000 body=follows").sendBytes(content(100_000, 2));
			assertThat(connection.readLine()).startsWith("552 file too large: big.bin is 100000 bytes");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(server.directory().toFile().list()).isEmpty();
		}
	}

	@Test
	void aRefusedBodyThatFollowsTooLongToSkipClosesTheConnection() throws IOException {
		long huge = Session.SKIP_AT_MOST + 1;
		try (RunningServer server = TestSettings.of(root()).maxFileSize(DataSize.ofKilobytes(64)).start();
				RawConnection connection = RawConnection.open(server.port())) {
			connection.send("PUT big.bin " + huge + " body=follows").sendBytes(content(1000, 2));
			assertThat(connection.readLine()).isEqualTo("552 file too large: big.bin is " + huge
					+ " bytes; this server takes files of at most 65536 bytes; closing the connection rather than read the "
					+ huge + " bytes that follow");
			assertThat(closedByServer(connection)).isTrue();
			assertThat(server.directory().toFile().list()).isEmpty();
		}
	}

	@Test
	void aPutThatWouldEatIntoTheFreeSpaceReserveIsRefusedUpFront() throws IOException {
		Path root = root();
		Files.write(root.resolve("report.txt"), content(100, 3));
		try (RunningServer server = TestSettings.of(root).minFreeSpace(DataSize.ofTerabytes(1024)).start();
				RawConnection connection = RawConnection.open(server.port())) {
			assertThat(connection.request("PUT report.txt 10")).startsWith(
					"452 insufficient space on the server: storing report.txt (10 bytes) would leave less than the "
							+ DataSize.ofTerabytes(1024).toBytes() + " bytes it keeps free; nothing was stored");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(root.resolve("report.txt")).hasBinaryContent(content(100, 3));
			assertThat(root.toFile().list()).containsExactly("report.txt");
		}
	}

	@Test
	void theClientSaysInsufficientSpaceAndStaysConnected() throws IOException {
		Path local = Files.createDirectories(this.temp.resolve("local"));
		Files.write(local.resolve("a.bin"), content(5000, 4));
		try (RunningServer server = TestSettings.of(root()).minFreeSpace(DataSize.ofTerabytes(1024)).start();
				FtpClient client = FtpClient.connect("127.0.0.1", server.port(), java.time.Duration.ofSeconds(10))) {
			assertThatException().isThrownBy(() -> client.put(FileName.of("a.bin"), new LocalFileStore(local)))
				.withMessageContaining("insufficient space on the server");
			client.noop();
			assertThat(server.directory().toFile().list()).isEmpty();
		}
	}

}
