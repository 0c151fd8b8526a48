package dev.simpleftp.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import dev.simpleftp.TestTls;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.FileName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code HASH} stops when its client has gone, and only so many run at once. The big file is
 * sparse: 64 GiB of zeros that take no disk, and would take the server most of a minute to hash.
 */
@Timeout(60)
class HashLimitTests {

	/** SHA-256 of "hello\n", as sha256sum prints it. */
	private static final String HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

	@TempDir
	Path temp;

	private Path root() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		try (RandomAccessFile big = new RandomAccessFile(root.resolve("big.bin").toFile(), "rw")) {
			big.setLength(64L * 1024 * 1024 * 1024);
		}
		Files.writeString(root.resolve("small.txt"), "hello\n");
		return root;
	}

	@Test
	void aHashWhoseClientClosesStopsAndGivesItsConnectionAndPermitBack() throws IOException {
		try (RunningServer server = TestSettings.of(root()).maxConnections(1).maxConcurrentHashes(1).start()) {
			try (RawConnection gone = RawConnection.open(server.port())) {
				gone.send("HASH big.bin");
				awaitUntil("the hash has begun", () -> server.runner().connectionCount() == 1);
			}
			awaitConnectionCount(server.runner(), 0);
			try (RawConnection next = RawConnection.open(server.port())) {
				assertThat(next.request("HASH small.txt")).isEqualTo("200 sha256=" + HELLO_SHA256 + " size=6 sha256 of small.txt");
			}
		}
	}

	@Test
	void overTlsAHashWhoseClientClosesStopsToo() throws IOException {
		ServerSettings settings = TestSettings.of(root()).maxConnections(1).maxConcurrentHashes(1).build();
		try (RunningServer server = RunningServer.start(settings, TestTls.server("server"))) {
			try (Socket socket = new Socket("127.0.0.1", server.port())) {
				socket.setSoTimeout(10_000);
				BufferedReader plain = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				assertThat(plain.readLine()).startsWith("220 ");
				socket.getOutputStream().write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(plain.readLine()).startsWith("234 ");
				SSLSocket tls = TestTls.trusting("ca").connect(socket, "127.0.0.1");
				BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
				assertThat(in.readLine()).startsWith("220 ");
				tls.getOutputStream().write("HASH big.bin\n".getBytes(StandardCharsets.US_ASCII));
				tls.getOutputStream().flush();
			}
			awaitConnectionCount(server.runner(), 0);
			try (FtpClient client = FtpClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(10),
					TestTls.trusting("ca"))) {
				assertThat(client.sha256(FileName.of("small.txt"))).isEqualTo(HELLO_SHA256);
			}
		}
	}

	@Test
	void pastTheLimitAHashIsRefusedAndTheConnectionGoesOn() throws IOException {
		try (RunningServer server = TestSettings.of(root()).maxConcurrentHashes(1).start();
				RawConnection hashing = RawConnection.open(server.port());
				RawConnection other = RawConnection.open(server.port())) {
			hashing.send("HASH big.bin");
			String reply;
			long deadline = System.nanoTime() + 30_000_000_000L;
			do {
				reply = other.request("HASH small.txt");
				if (hashing.hasReply()) {
					// The other's hash took the permit first, and this one was refused: try again.
					assertThat(hashing.readLine()).startsWith("451 too many HASH requests at once");
					hashing.send("HASH big.bin");
				}
				assertThat(System.nanoTime()).as("the big hash holds the permit within 30 s").isLessThan(deadline);
			}
			while (reply.startsWith("200 "));
			assertThat(reply).isEqualTo("451 too many HASH requests at once on this server (the limit is 1); try again later");
			assertThat(other.request("NOOP")).isEqualTo("200 ok");
			hashing.close();
			awaitConnectionCount(server.runner(), 1);
			assertThat(other.request("HASH small.txt")).startsWith("200 sha256=" + HELLO_SHA256 + " ");
		}
	}

}
