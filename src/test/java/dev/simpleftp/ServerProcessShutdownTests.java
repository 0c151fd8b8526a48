package dev.simpleftp;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.ReservedFiles.partialData;
import static dev.simpleftp.ReservedFiles.partialInfo;
import static dev.simpleftp.ReservedFiles.partialLength;
import static dev.simpleftp.ReservedFiles.reserved;
import static dev.simpleftp.ReservedFiles.temporaries;
import static dev.simpleftp.ReservedFiles.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server application as a process of its own, stopped by SIGTERM ({@link Process#destroy()}) as
 * {@code kill}, {@code systemctl stop} or {@code docker stop} do, with transfers in flight. Spring
 * Boot's shutdown hook stops the server: transfers get {@code ftp.server.shutdown-timeout} (2 s here)
 * to finish, then what is left is closed. The process must exit within that and some slack, with the
 * status the JVM gives a SIGTERM (143: it runs the hooks, then exits with 128 + 15), having
 * published no half-written upload; a download either completes byte-exact on the client or fails
 * there with a clean error, and never leaves a short file in view. Downloads go through a
 * {@link ThrottledProxy}, so that one is still in flight when the signal comes; uploads are typed by
 * hand and never finished.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // per method: some 5 s each on 2 cores
class ServerProcessShutdownTests {

	private static final int MIB = 1024 * 1024;

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

	/** From SIGTERM to exit, at most: the shutdown timeout, 2 s more for the connections closed then, and slack. */
	private static final Duration EXIT_BOUND = Duration.ofSeconds(15);

	/** The JVM's exit status after its shutdown hooks ran on SIGTERM (checked by hand: {@code kill -TERM} gives 143 too). */
	private static final int EXIT_ON_SIGTERM = 128 + 15;

	private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** A client file's time, as the large upload says it with {@code modified=}. */
	private static final String MODIFIED = "2026-01-02T03:04:05.678Z";

	@TempDir
	Path temp;

	private Path serverDir;

	private Path clientDir;

	private ApplicationProcess server;

	private int port;

	private final ExecutorService downloads = Executors.newSingleThreadExecutor();

	@BeforeEach
	void startServer() throws IOException, InterruptedException {
		this.serverDir = Files.createDirectories(this.temp.resolve("server"));
		this.clientDir = Files.createDirectories(this.temp.resolve("client"));
		this.server = ApplicationProcess.start(this.temp, "server", List.of("--spring.profiles.active=server",
				"--ftp.server.port=0", "--ftp.server.directory=" + this.serverDir,
				"--ftp.server.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s"));
		this.port = Integer.parseInt(this.server.awaitOutput(LISTENING, Duration.ofSeconds(30)).group(1));
	}

	@AfterEach
	void stopEverything() throws InterruptedException {
		try {
			this.downloads.shutdownNow();
		}
		finally {
			this.server.close();
		}
	}

	@Test
	void transfersThatCannotFinishAreCutAtTheTimeoutAndNothingHalfWrittenIsPublishedOnEitherSide() throws Exception {
		Files.write(this.serverDir.resolve("kept.txt"), random(5_000, 1));
		Files.write(this.serverDir.resolve("upload.bin"), random(10_000, 2));
		Files.write(this.serverDir.resolve("resumable.bin"), random(20_000, 3));
		byte[] down = random(32 * MIB, 4); // some 8 s through the proxy
		Files.write(this.serverDir.resolve("down.bin"), down);
		Files.write(this.clientDir.resolve("down.bin"), random(7_000, 5));
		Map<String, String> serverBefore = visible(this.serverDir);
		Map<String, String> clientBefore = visible(this.clientDir);

		Duration took;
		try (RawConnection small = RawConnection.open(this.port);
				RawConnection large = RawConnection.open(this.port);
				ThrottledProxy slow = new ThrottledProxy(this.port, 4 * MIB)) {
			// Into a temporary file: 1 MiB or less, no modified=.
			assertThat(small.request("PUT upload.bin " + MIB + " checksum=crc32c")).startsWith("150 ");
			small.sendBytes(random(64 * 1024, 6));
			// Into a partial file kept for resuming: over 1 MiB, with modified=.
			assertThat(large.request("PUT resumable.bin " + 64 * MIB + " checksum=crc32c modified=" + MODIFIED))
				.startsWith("150 ");
			large.sendBytes(random(2 * MIB, 7));
			Future<TransferResult> download = this.downloads.submit(() -> get(slow, "down.bin"));
			this.server.awaitWhileRunning("the server holding the uploads' bytes so far, the client 1 MiB of the download",
					() -> temporariesLength(this.serverDir) == 64 * 1024
							&& partialLength(this.serverDir, "resumable.bin") == 2 * MIB
							&& partialLength(this.clientDir, "down.bin") >= MIB,
					TIMEOUT);

			took = terminate();
			assertThat(took).as("from SIGTERM to exit; %s", this.server.output())
				.isBetween(SHUTDOWN_TIMEOUT, EXIT_BOUND);
			assertThat(this.server.stdout()).as("the server's log")
				.contains("stopping: no new connections; 3 open, transfers in flight get up to 2 s",
						"3 connections still busy after 2 s; closing them", "ServerRunner: stopped");
			assertThat(closedByServer(small)).as("the small upload's connection closed by the server").isTrue();
			assertThat(closedByServer(large)).as("the large upload's connection closed by the server").isTrue();
			assertThatThrownBy(() -> download.get(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS))
				.as("the download cut off by the server's stop")
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageStartingWith("connection to 127.0.0.1:" + slow.port() + " lost: ");
		}

		assertThat(visible(this.serverDir)).as("the server's visible files after it stopped").isEqualTo(serverBefore);
		assertThat(temporaries(this.serverDir)).as("temporary files the stopped server left").isEmpty();
		assertThat(reserved(this.serverDir)).as("hidden files the stopped server left: the large upload's partial file")
			.containsExactlyInAnyOrder(partialData(this.serverDir, "resumable.bin").getFileName().toString(),
					partialInfo(this.serverDir, "resumable.bin").getFileName().toString());
		assertThat(partialLength(this.serverDir, "resumable.bin")).as("bytes of the large upload kept").isEqualTo(2 * MIB);

		assertThat(visible(this.clientDir)).as("the client's visible files after the cut-off").isEqualTo(clientBefore);
		assertThat(temporaries(this.clientDir)).as("temporary files on the client").isEmpty();
		assertThat(reserved(this.clientDir)).as("hidden files on the client: the download's partial file")
			.containsExactlyInAnyOrder(partialData(this.clientDir, "down.bin").getFileName().toString(),
					partialInfo(this.clientDir, "down.bin").getFileName().toString());
		long held = partialLength(this.clientDir, "down.bin");
		assertThat(held).as("bytes of the download kept").isBetween((long) MIB, down.length - 1L);
		assertThat(partialData(this.clientDir, "down.bin")).as("the download's partial file: the first bytes of the file")
			.hasBinaryContent(Arrays.copyOf(down, (int) held));

		// The next start of the server on that directory offers the kept upload for resuming.
		try (RunningServer restarted = RunningServer.start(this.serverDir);
				RawConnection next = RawConnection.open(restarted.port())) {
			assertThat(next.request("PARTIAL resumable.bin")).startsWith("200 ")
				.contains("offset=" + 2 * MIB, "size=" + 64 * MIB, "modified=" + MODIFIED);
		}
		System.out.printf("SIGTERM with 3 transfers stuck: exit %d after %d ms; the download kept %d bytes%n",
				EXIT_ON_SIGTERM, took.toMillis(), held);
	}

	@Test
	void aDownloadThatCanFinishWithinTheTimeoutCompletesByteExactAfterSigterm() throws Exception {
		// 1 s through the proxy: at the signal the server has more to send than the buffers on the way hold (some
		// 4 MiB), for some 0.8 s more, and the client gets the last byte about 1 s before the shutdown timeout.
		byte[] file = random(32 * MIB, 8);
		Files.write(this.serverDir.resolve("finish.bin"), file);
		Files.write(this.clientDir.resolve("finish.bin"), random(3_000, 9));

		Duration took;
		try (ThrottledProxy slow = new ThrottledProxy(this.port, 32 * MIB)) {
			Future<TransferResult> download = this.downloads.submit(() -> get(slow, "finish.bin"));
			this.server.awaitWhileRunning("the client holding 1 MiB of the download",
					() -> partialLength(this.clientDir, "finish.bin") >= MIB, TIMEOUT);
			took = terminate();
			TransferResult result = download.get(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS);
			assertThat(result.bytes()).isEqualTo(file.length);
		}
		assertThat(this.clientDir.resolve("finish.bin")).as("the download completed during the shutdown").hasBinaryContent(file);
		assertThat(reserved(this.clientDir)).as("hidden files on the client").isEmpty();
		assertThat(took).as("from SIGTERM to exit; %s", this.server.output()).isLessThan(EXIT_BOUND);
		assertThat(this.server.stdout()).as("the server's log: the download finished during the shutdown, in time")
			.containsSubsequence("stopping: no new connections; 1 open", " GET finish.bin: ", "ServerRunner: stopped")
			.doesNotContain("still busy");
		assertThat(reserved(this.serverDir)).as("hidden files on the server").isEmpty();
		System.out.printf("SIGTERM with a download finishing: exit after %d ms%n", took.toMillis());
	}

	/** Sends SIGTERM and waits for the process to exit cleanly; returns how long that took. */
	private Duration terminate() throws IOException, InterruptedException {
		long signalled = System.nanoTime();
		this.server.process().destroy();
		int exit = this.server.awaitExit(EXIT_BOUND);
		Duration took = Duration.ofNanos(System.nanoTime() - signalled);
		assertThat(exit).as("exit status after SIGTERM; %s", this.server.output()).isEqualTo(EXIT_ON_SIGTERM);
		assertThat(this.server.stdout()).as("the server's log: no error, no stack trace").doesNotContain(" ERROR ", "\tat ");
		assertThat(this.server.stderr()).as("the server's standard error").isEmpty();
		return took;
	}

	private TransferResult get(ThrottledProxy proxy, String name) throws IOException {
		try (FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			return client.get(FileName.of(name), new LocalFileStore(this.clientDir));
		}
	}

	private static long temporariesLength(Path directory) {
		try {
			long length = 0;
			for (String name : temporaries(directory)) {
				length += Files.size(directory.resolve(name));
			}
			return length;
		}
		catch (IOException ex) {
			return -1; // one was removed while being measured
		}
	}

	/** True if the server has closed the connection: end of stream (after any 421), or a reset. */
	private static boolean closedByServer(RawConnection connection) throws IOException {
		try {
			String line;
			while ((line = connection.readLine()) != null) {
				if (!line.startsWith("421 ")) {
					return false;
				}
			}
			return true;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
