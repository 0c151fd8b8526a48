package dev.simpleftp;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.FaultyProxy.Direction;
import dev.simpleftp.FaultyProxy.Fault;
import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.ReservedFiles.partialData;
import static dev.simpleftp.ReservedFiles.partialInfo;
import static dev.simpleftp.ReservedFiles.partialLength;
import static dev.simpleftp.ReservedFiles.reserved;
import static dev.simpleftp.ReservedFiles.temporaries;
import static dev.simpleftp.ReservedFiles.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * A client process killed with SIGKILL in the middle of a transfer, as {@code kill -9} or the
 * out-of-memory killer does it: no code of the client runs after the signal, and the kernel closes
 * its socket (an orderly close if it had read everything, a reset if bytes were still arriving). The
 * client is the real application in a child JVM running a script; the server runs in the test. The
 * kill comes once the receiving side holds {@link #KILL_AFTER} bytes of a 1 GiB file, watched on
 * disk, so the transfer is far from its end. Afterwards:
 * <ul>
 * <li>the receiving directory shows no new file and the previous version of the target is intact;
 * the transfer's bytes so far are kept only in its hidden partial file (by design: over 1 MiB, it is
 * resumed), and no temporary file is left;</li>
 * <li>the server's session for the killed client ends within a few seconds;</li>
 * <li>a new client is served, byte-exact; and a new transfer of the killed one resumes from the partial
 * file (it is cut after 1 MiB more, which a proxy does at an exact byte, and the partial file has grown
 * by exactly that: resuming the whole gigabyte would cost seconds more for nothing new).</li>
 * </ul>
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // per method: some 5 s each on 2 cores
class ProcessKillTests {

	private static final long MIB = 1024 * 1024;

	/**
	 * Sparse on the sending side, so it costs nothing: over a second of transfer on loopback, where the
	 * kill needs a millisecond after the receiver holds {@link #KILL_AFTER} bytes.
	 */
	private static final long SIZE = 1L << 30;

	/** Bytes the receiver holds when the kill comes: well into the body, far from its end. */
	private static final long KILL_AFTER = 16 * MIB;

	/** How a process killed by signal 9 exits, as {@link Process#exitValue()} reports it. */
	private static final int KILLED_BY_SIGKILL = 128 + 9;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** How long the server may take to notice the kill and end the session. */
	private static final Duration SETTLE = Duration.ofSeconds(5);

	private static final String BIG = "big.bin";

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	private Path serverDir;

	private Path clientDir;

	private ApplicationProcess client;

	@BeforeEach
	void createDirectories() throws IOException {
		this.serverDir = this.server.directory();
		this.clientDir = Files.createDirectories(this.temp.resolve("client"));
	}

	@AfterEach
	void stopClient() throws InterruptedException {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void aClientKilledDuringAnUploadLeavesThePreviousVersionAndAResumablePartialAndTheServerGoesOn() throws Exception {
		Files.write(this.serverDir.resolve(BIG), random(10_000, 1));
		Files.write(this.serverDir.resolve("probe.bin"), random(300_000, 2));
		createSparse(this.clientDir.resolve(BIG));
		Map<String, String> before = visible(this.serverDir);

		this.client = runScript("put-killed", "put " + BIG);
		this.client.awaitWhileRunning("the server holding " + KILL_AFTER + " bytes of the upload",
				() -> partialLength(this.serverDir, BIG) >= KILL_AFTER, TIMEOUT);
		assertThat(this.server.runner().connectionCount()).as("sessions while the upload runs").isEqualTo(1);
		assertThat(this.client.kill()).as("exit status of the killed client; %s", this.client.output())
			.isEqualTo(KILLED_BY_SIGKILL);
		Duration ended = awaitSessionEnded();

		assertThat(this.client.stdout()).as("the client's output").contains("> put " + BIG).doesNotContain("put " + BIG + ":");
		assertThat(visible(this.serverDir)).as("the server's visible files after the kill").isEqualTo(before);
		assertThat(temporaries(this.serverDir)).as("temporary files left on the server").isEmpty();
		assertThat(reserved(this.serverDir)).as("hidden files on the server: the upload's partial file only")
			.containsExactlyInAnyOrder(partialData(this.serverDir, BIG).getFileName().toString(),
					partialInfo(this.serverDir, BIG).getFileName().toString());
		long held = partialLength(this.serverDir, BIG);
		assertThat(held).as("bytes of the upload the server kept").isBetween(KILL_AFTER, SIZE - 1);

		try (FtpClient next = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			probe(next, before.keySet());
		}
		// The kept bytes are resumed from: a new upload, cut after 1 MiB more, leaves held + 1 MiB (not 1 MiB).
		try (FaultyProxy cut = new FaultyProxy(this.server.port(), Direction.TO_SERVER, "PUT ", MIB, Fault.CUT);
				FtpClient next = FtpClient.connect("127.0.0.1", cut.port(), TIMEOUT)) {
			assertThatThrownBy(() -> next.put(FileName.of(BIG), new LocalFileStore(this.clientDir)))
				.isInstanceOf(ConnectionLostException.class);
			assertThat(cut.injected()).as("the proxy cut the resumed upload").isTrue();
		}
		awaitSessionEnded();
		assertThat(partialLength(this.serverDir, BIG)).as("bytes of the upload kept after the resumed one was cut")
			.isEqualTo(held + MIB);
		assertThat(visible(this.serverDir).get(BIG)).as("the previous version").isEqualTo(before.get(BIG));
		System.out.printf("killed during the upload: %d bytes kept, the session ended %d ms after the kill%n", held,
				ended.toMillis());
	}

	@Test
	void aClientKilledDuringADownloadLeavesItsPreviousVersionAndAResumableHiddenPartialAndTheServerGoesOn()
			throws Exception {
		createSparse(this.serverDir.resolve(BIG));
		Files.write(this.serverDir.resolve("probe.bin"), random(300_000, 3));
		Files.write(this.clientDir.resolve(BIG), random(10_000, 4));
		Files.write(this.clientDir.resolve("other.txt"), random(1_000, 5));
		Map<String, String> before = visible(this.clientDir);

		this.client = runScript("get-killed", "get " + BIG);
		this.client.awaitWhileRunning("the client holding " + KILL_AFTER + " bytes of the download",
				() -> partialLength(this.clientDir, BIG) >= KILL_AFTER, TIMEOUT);
		assertThat(this.server.runner().connectionCount()).as("sessions while the download runs").isEqualTo(1);
		assertThat(this.client.kill()).as("exit status of the killed client; %s", this.client.output())
			.isEqualTo(KILLED_BY_SIGKILL);
		Duration ended = awaitSessionEnded();

		assertThat(this.client.stdout()).as("the client's output").contains("> get " + BIG).doesNotContain("got " + BIG + ":");
		assertThat(visible(this.clientDir)).as("the client's visible files after the kill").isEqualTo(before);
		assertThat(temporaries(this.clientDir)).as("temporary files left by the killed client").isEmpty();
		assertThat(reserved(this.clientDir)).as("hidden files the killed client left: the download's partial file only")
			.containsExactlyInAnyOrder(partialData(this.clientDir, BIG).getFileName().toString(),
					partialInfo(this.clientDir, BIG).getFileName().toString());
		assertThat(new LocalFileStore(this.clientDir).list()).as("the partial file is not listed as a file")
			.extracting(entry -> entry.name().value())
			.containsExactly(BIG, "other.txt");
		long held = partialLength(this.clientDir, BIG);
		assertThat(held).as("bytes of the download the killed client kept").isBetween(KILL_AFTER, SIZE - 1);
		assertThat(reserved(this.serverDir)).as("hidden files on the server").isEmpty();

		try (FtpClient next = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			probe(next, Set.of(BIG, "probe.bin"));
		}
		// The kept bytes are resumed from: a new download, cut after 1 MiB more, leaves held + 1 MiB (not 1 MiB).
		try (FaultyProxy cut = new FaultyProxy(this.server.port(), Direction.TO_CLIENT, "150 ", MIB, Fault.CUT);
				FtpClient next = FtpClient.connect("127.0.0.1", cut.port(), TIMEOUT)) {
			assertThatThrownBy(() -> next.get(FileName.of(BIG), new LocalFileStore(this.clientDir)))
				.isInstanceOf(ConnectionLostException.class);
			assertThat(cut.injected()).as("the proxy cut the resumed download").isTrue();
		}
		assertThat(partialLength(this.clientDir, BIG)).as("bytes of the download kept after the resumed one was cut")
			.isEqualTo(held + MIB);
		assertThat(visible(this.clientDir)).as("the client's visible files").isEqualTo(before);
		System.out.printf("killed during the download: %d bytes kept, the session ended %d ms after the kill%n", held,
				ended.toMillis());
	}

	/** Runs the client application with a script that connects and runs {@code command}. */
	private ApplicationProcess runScript(String name, String command) throws IOException {
		Path script = this.temp.resolve(name + ".script");
		Files.writeString(script, "open " + this.server.port() + "\n" + command + "\n");
		return ApplicationProcess.start(this.temp, name, List.of("--spring.profiles.active=client", "--script=" + script,
				"--ftp.client.directory=" + this.clientDir, "--ftp.client.timeout=10s",
				"--logging.file.name=" + this.temp.resolve(name + "-client.log")));
	}

	/** Waits until the server has ended every session (the killed client's); returns how long that took. */
	private Duration awaitSessionEnded() throws InterruptedException {
		long started = System.nanoTime();
		while (this.server.runner().connectionCount() > 0) {
			if (System.nanoTime() - started > SETTLE.toNanos()) {
				fail("%s after the kill the server still has %d session(s)", SETTLE, this.server.runner().connectionCount());
			}
			Thread.sleep(5);
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/** A new client is served: it lists what it should, downloads and uploads byte-exact. */
	private void probe(FtpClient next, Set<String> serverFiles) throws IOException {
		next.noop();
		assertThat(next.list().files()).as("LIST by a new client").extracting(entry -> entry.name().value())
			.containsExactlyInAnyOrderElementsOf(serverFiles);
		Path probeDir = Files.createDirectories(this.temp.resolve("probe"));
		next.get(FileName.of("probe.bin"), new LocalFileStore(probeDir));
		assertThat(probeDir.resolve("probe.bin")).as("a GET by a new client")
			.hasSameBinaryContentAs(this.serverDir.resolve("probe.bin"));
		byte[] upload = random(200_000, 6);
		Files.write(probeDir.resolve("after.bin"), upload);
		next.put(FileName.of("after.bin"), new LocalFileStore(probeDir));
		assertThat(this.serverDir.resolve("after.bin")).as("a PUT by a new client").hasBinaryContent(upload);
	}

	/** A file of {@link #SIZE} zero bytes that takes no room on disk. */
	private static void createSparse(Path file) throws IOException {
		try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
			sparse.setLength(SIZE);
		}
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
