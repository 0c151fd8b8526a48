package dev.simpleftp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static dev.simpleftp.server.RawTransfers.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three timeouts, with short settings: a connection that sends no complete first request, one
 * idle between requests, and a request that moves no bytes are each closed; a slow transfer that
 * keeps moving, and a connection kept alive with NOOP, are not.
 */
@Timeout(60)
class TimeoutTests {

	private static final Duration SHORT = Duration.ofSeconds(1);

	@TempDir
	Path temp;

	private RunningServer start(int waitingThreads) throws IOException {
		Path root = this.temp.resolve("root");
		return TestSettings.of(root)
			.waitingThreads(waitingThreads)
			.firstRequestTimeout(SHORT)
			.idleTimeout(Duration.ofMillis(1500))
			.stallTimeout(SHORT)
			.start();
	}

	@ParameterizedTest(name = "waiting threads {0}")
	@ValueSource(ints = { 32, 0 })
	void aConnectionThatSendsNothingIsToldWhyAndClosed(int waitingThreads) throws IOException {
		try (RunningServer server = start(waitingThreads); RawConnection silent = RawConnection.open(server.port())) {
			long started = System.nanoTime();
			assertThat(silent.readLine()).isEqualTo("421 no complete request within 1 s of connecting; closing the connection");
			assertThat(silent.isClosedByServer()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
			awaitConnectionCount(server.runner(), 0);
		}
	}

	@ParameterizedTest(name = "waiting threads {0}")
	@ValueSource(ints = { 32, 0 })
	void aConnectionThatTricklesAnUnfinishedRequestIsClosedAtTheFirstRequestTimeout(int waitingThreads)
			throws Exception {
		try (RunningServer server = start(waitingThreads); RawConnection trickler = RawConnection.open(server.port())) {
			String reply = null;
			for (char c : "LIST and on and on and on".toCharArray()) {
				try {
					trickler.sendBytes(new byte[] { (byte) c });
				}
				catch (IOException ex) {
					break; // closed already
				}
				Thread.sleep(100);
			}
			reply = trickler.readLine();
			assertThat(reply).isEqualTo("421 no complete request within 1 s of connecting; closing the connection");
			awaitConnectionCount(server.runner(), 0);
		}
	}

	@ParameterizedTest(name = "waiting threads {0}")
	@ValueSource(ints = { 32, 0 })
	void aConnectionIdleAfterARequestIsToldWhyAndClosed(int waitingThreads) throws IOException {
		try (RunningServer server = start(waitingThreads); RawConnection idle = RawConnection.open(server.port())) {
			assertThat(idle.request("NOOP")).isEqualTo("200 ok");
			assertThat(idle.readLine()).isEqualTo("421 idle for 1500 ms; closing the connection");
			assertThat(idle.isClosedByServer()).isTrue();
			awaitConnectionCount(server.runner(), 0);
		}
	}

	@Test
	void noopKeepsAConnectionAlivePastTheIdleTimeout() throws Exception {
		try (RunningServer server = start(32); RawConnection kept = RawConnection.open(server.port())) {
			long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
			while (System.nanoTime() < until) {
				assertThat(kept.request("NOOP")).isEqualTo("200 ok");
				Thread.sleep(400);
			}
			assertThat(server.runner().connectionCount()).isEqualTo(1);
		}
	}

	@Test
	void aSlowDownloadThatKeepsMovingOutlastsEveryTimeout() throws Exception {
		byte[] file = content(3 * 1024 * 1024, 7);
		try (RunningServer server = start(32)) {
			Files.write(server.directory().resolve("slow.bin"), file);
			try (Socket socket = connect(server.port())) {
				InputStream in = socket.getInputStream();
				readLine(in); // greeting
				socket.getOutputStream().write("GET slow.bin\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(readLine(in)).startsWith("150 ");
				byte[] received = new byte[file.length];
				int at = 0;
				long started = System.nanoTime();
				while (at < file.length) {
					// 64 KiB every 60 ms: about a megabyte a second, so some 3 s in all, past 1 s of stall and idle.
					int read = in.read(received, at, Math.min(64 * 1024, file.length - at));
					assertThat(read).as("connection cut off after %d bytes", at).isPositive();
					at += read;
					Thread.sleep(60);
				}
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1500));
				assertThat(received).isEqualTo(file);
				assertThat(readLine(in)).startsWith("226 ");
			}
		}
	}

	@Test
	void aSlowUploadThatKeepsMovingOutlastsEveryTimeout() throws Exception {
		byte[] file = content(600 * 1024, 8);
		try (RunningServer server = start(32); Socket socket = connect(server.port())) {
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			readLine(in);
			out.write(("PUT slow.bin " + file.length + "\n").getBytes(StandardCharsets.US_ASCII));
			assertThat(readLine(in)).startsWith("150 ");
			for (int at = 0; at < file.length; at += 16 * 1024) {
				out.write(file, at, Math.min(16 * 1024, file.length - at));
				Thread.sleep(80); // 200 KiB/s: some 3 s in all
			}
			assertThat(readLine(in)).startsWith("226 ").endsWith(" stored slow.bin");
			assertThat(server.directory().resolve("slow.bin")).hasBinaryContent(file);
		}
	}

	@Test
	void aDownloadWhosePeerStopsReadingIsCutOff() throws Exception {
		byte[] file = content(32 * 1024 * 1024, 9);
		try (RunningServer server = start(32)) {
			Files.write(server.directory().resolve("big.bin"), file);
			try (Socket socket = connect(server.port())) {
				socket.setReceiveBufferSize(64 * 1024);
				InputStream in = socket.getInputStream();
				readLine(in);
				socket.getOutputStream().write("GET big.bin\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(readLine(in)).startsWith("150 ");
				// Read nothing: the socket buffers fill and the server's write blocks. The watchdog must cut it.
				awaitConnectionCount(server.runner(), 0);
				long total = 0;
				int read;
				byte[] drain = new byte[1 << 16];
				while ((read = in.read(drain)) > 0) {
					total += read;
				}
				assertThat(total).as("the server closed before sending it all").isLessThan(file.length);
			}
			// The server still serves.
			try (RawConnection next = RawConnection.open(server.port())) {
				assertThat(get(next, "big.bin")).isEqualTo(file);
			}
		}
	}

	@Test
	void anUploadWhoseBodyStopsComingIsCutOffAndNothingIsLeft() throws Exception {
		try (RunningServer server = start(32)) {
			Path root = server.directory();
			Files.write(root.resolve("kept.bin"), content(1000, 1));
			try (RawConnection uploader = RawConnection.open(server.port())) {
				assertThat(uploader.request("PUT kept.bin 500000")).startsWith("150 ");
				uploader.sendBytes(content(100_000, 2));
				assertThat(uploader.isClosedByServer()).isTrue();
			}
			awaitConnectionCount(server.runner(), 0);
			try (var listing = Files.list(root)) {
				assertThat(listing.map(path -> path.getFileName().toString())).containsExactly("kept.bin");
			}
			assertThat(root.resolve("kept.bin")).hasBinaryContent(content(1000, 1));
			try (RawConnection next = RawConnection.open(server.port())) {
				assertThat(put(next, "new.bin", content(10, 3))).startsWith("226 ");
			}
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(20_000);
		return socket;
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) != -1 && b != '\n') {
			line.append((char) b);
		}
		return line.toString();
	}

}
