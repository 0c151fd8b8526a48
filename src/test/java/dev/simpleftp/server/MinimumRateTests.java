package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ftp.server.min-rate}: a body that trickles in, each byte soon enough to reset the stall
 * clock, is still cut off once a stall timeout passes under the minimum rate.
 */
@Timeout(60)
class MinimumRateTests {

	@TempDir
	Path temp;

	@Test
	void anUploadTrickledUnderTheMinimumRateIsCutOffAndNothingIsLeft() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		Files.write(root.resolve("kept.bin"), content(1000, 1));
		try (RunningServer server = TestSettings.of(root).stallTimeout(Duration.ofSeconds(1))
			.minRate(DataSize.ofKilobytes(1))
			.start(); RawConnection trickler = RawConnection.open(server.port())) {
			assertThat(trickler.request("PUT kept.bin 100000")).startsWith("150 ");
			int sent = 0;
			try {
				for (; sent < 100; sent++) {
					trickler.sendBytes(new byte[] { 'x' });
					Thread.sleep(100); // 10 bytes a second: each well within the stall timeout
				}
			}
			catch (IOException ex) {
				// cut off
			}
			assertThat(trickler.isClosedByServer()).isTrue();
			assertThat(sent).as("bytes sent before the cut-off").isLessThan(100);
			awaitConnectionCount(server.runner(), 0);
			try (var listing = Files.list(root)) {
				assertThat(listing.map((path) -> path.getFileName().toString())).containsExactly("kept.bin");
			}
			assertThat(root.resolve("kept.bin")).hasBinaryContent(content(1000, 1));
			try (RawConnection next = RawConnection.open(server.port())) {
				assertThat(put(next, "new.bin", content(10, 3))).startsWith("226 ");
			}
		}
	}

	@Test
	void withNoMinimumRateATrickleIsOnlyHeldToTheStallTimeout() throws Exception {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		try (RunningServer server = TestSettings.of(root).stallTimeout(Duration.ofSeconds(1))
			.minRate(DataSize.ofBytes(0))
			.start(); RawConnection trickler = RawConnection.open(server.port())) {
			byte[] body = content(30, 2);
			assertThat(trickler.request("PUT slow.bin " + body.length)).startsWith("150 ");
			for (byte b : body) {
				trickler.sendBytes(new byte[] { b });
				Thread.sleep(100);
			}
			assertThat(trickler.readLine()).startsWith("226 ");
			assertThat(root.resolve("slow.bin")).hasBinaryContent(body);
		}
	}

}
