package dev.simpleftp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.SimpleFtpApplication;
import dev.simpleftp.TestSettings;
import dev.simpleftp.client.BatchResult;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.ServerRefusedException;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.util.unit.DataSize;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.simpleftp.ReservedFiles.describe;
import static dev.simpleftp.ReservedFiles.reserved;
import static dev.simpleftp.ReservedFiles.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Uploads to a server whose disk is full: its directory is a small tmpfs (8 MiB) filled up to
 * {@link #FREE} bytes. Mounting needs root (or CAP_SYS_ADMIN) on Linux; elsewhere the tests are
 * skipped. An upload that does not fit, whichever way it travels (into a temporary file after a
 * {@code 150}, into a partial file as a resumable upload of more than 1 MiB, or pipelined with
 * {@code body=follows}), is answered {@code 452 insufficient space on the server}: up front when the
 * server can tell, or when a write fails with "No space left on device" part-way, because another
 * writer took the space after the check. Either way nothing is published, the previous version is
 * intact, no temporary or partial file is left and the space is free again; the connection goes on,
 * and an upload that fits is then stored. The server here keeps no reserve, except where a test
 * says so.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DiskFullTests {

	private static final int KIB = 1024;

	private static final int MIB = 1024 * KIB;

	/** Free space left on the small disk before each upload: a whole number of tmpfs pages. */
	private static final long FREE = 512 * KIB;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	/** The server's directory: the mount point of the small disk. */
	private Path disk;

	private boolean mounted;

	private Path clientDir;

	private RunningServer server;

	@BeforeEach
	void mountASmallDisk() throws Exception {
		this.disk = Files.createDirectory(this.temp.resolve("small-disk"));
		String mount = Commands.run("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", this.disk.toString());
		assumeTrue(mount.isEmpty(), () -> "cannot mount a small tmpfs (needs root on Linux): " + mount);
		this.mounted = true;
		this.clientDir = Files.createDirectory(this.temp.resolve("client"));
		// No free-space reserve: these uploads must really run out of space part-way.
		this.server = TestSettings.of(this.disk).minFreeSpace(DataSize.ofBytes(0)).start();
	}

	@AfterEach
	void unmount() throws Exception {
		try {
			if (this.server != null) {
				this.server.close();
			}
		}
		finally {
			if (this.mounted && !Commands.run("umount", this.disk.toString()).isEmpty()) {
				Commands.run("umount", "-l", this.disk.toString()); // lazily, if something still holds it
			}
		}
	}

	@Test
	void anUploadIntoATemporaryFileThatRunsOutOfSpacePartWayIsRefusedWith452AndTheConnectionGoesOn() throws Exception {
		byte[] previous = random(10_000, 1);
		Files.write(this.disk.resolve("report.bin"), previous);
		fillLeaving(FREE);
		Map<String, String> before = visible(this.disk);
		byte[] body = random(400 * KIB, 2); // fits when asked; 1 MiB or less and no modified=: a temporary file

		byte[] small = random(100 * KIB, 3);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT report.bin " + body.length + " checksum=crc32c")).startsWith("150 ");
			// Another writer takes every byte left meanwhile: the check up front passed, the write fails.
			Path other = fill("other-writer", 0);
			connection.sendBytes(body);
			assertThat(connection.request("CHECKSUM crc32c=" + crc32c(body)))
				.isEqualTo("452 insufficient space on the server: the disk filled up while report.bin was being stored; nothing was stored");
			Files.delete(other);
			assertNothingLeft(before);

			assertThat(connection.request("NOOP")).startsWith("200 ");
			assertThat(connection.request("PUT small.bin " + small.length + " checksum=crc32c")).startsWith("150 ");
			connection.sendBytes(small);
			assertThat(connection.request("CHECKSUM crc32c=" + crc32c(small)))
				.startsWith("226 size=" + small.length + " crc32c=" + crc32c(small) + " ");
		}
		assertThat(this.disk.resolve("small.bin")).hasBinaryContent(small);
		assertThat(this.disk.resolve("report.bin")).hasBinaryContent(previous);
	}

	@Test
	void aResumableUploadThatDoesNotFitIsRefusedWith452AndKeepsNoPartialFile() throws Exception {
		byte[] previous = random(10_000, 4);
		Files.write(this.disk.resolve("big.bin"), previous);
		fillLeaving(FREE);
		Map<String, String> before = visible(this.disk);
		Files.write(this.clientDir.resolve("big.bin"), random(2 * MIB, 5)); // over 1 MiB, sent with modified=
		byte[] small = random(100 * KIB, 6);
		Files.write(this.clientDir.resolve("small.bin"), small);
		LocalFileStore local = new LocalFileStore(this.clientDir);

		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.put(FileName.of("big.bin"), local))
				.isInstanceOfSatisfying(ServerRefusedException.class,
						refused -> assertThat(refused.reply().code()).isEqualTo(ReplyCode.INSUFFICIENT_STORAGE.value()))
				.hasMessage("insufficient space on the server: storing big.bin (2097152 bytes) needs more than the " + FREE + " bytes free on its disk; nothing was stored");
			assertNothingLeft(before);

			assertThat(client.isOpen()).as("the connection after the refusal").isTrue();
			client.noop();
			TransferResult stored = client.put(FileName.of("small.bin"), local);
			assertThat(stored.bytes()).isEqualTo(small.length);
		}
		assertThat(this.disk.resolve("small.bin")).hasBinaryContent(small);
		assertThat(this.disk.resolve("big.bin")).hasBinaryContent(previous);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PARTIAL big.bin")).as("a partial upload offered for resuming").startsWith("550 ");
		}
	}

	@Test
	void aPipelinedUploadThatDoesNotFitIsRefusedWith452AndTheOthersAreStored() throws Exception {
		byte[] previous = random(10_000, 7);
		Files.write(this.disk.resolve("two.bin"), previous);
		fillLeaving(FREE);
		Map<String, String> before = visible(this.disk);
		// 1 MiB or less each: sent with body=follows, without waiting for a reply. The first fits, the second not.
		Files.write(this.clientDir.resolve("one.bin"), random(300 * KIB, 8));
		Files.write(this.clientDir.resolve("two.bin"), random(300 * KIB, 9));
		Files.write(this.clientDir.resolve("three.bin"), random(4 * KIB, 10));
		LocalFileStore local = new LocalFileStore(this.clientDir);

		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			BatchResult batch = client.putAll(names("one.bin", "two.bin", "three.bin"), local, TransferListener.NONE);
			assertThat(batch.done()).extracting(done -> done.name().value()).containsExactly("one.bin", "three.bin");
			assertThat(batch.failed()).containsOnlyKeys(FileName.of("two.bin"));
			assertThat(batch.failed().get(FileName.of("two.bin"))).isInstanceOf(ServerRefusedException.class)
				.hasMessage("insufficient space on the server: storing two.bin (307200 bytes) needs more than the " + (FREE - 300 * KIB) + " bytes free on its disk; nothing was stored");
			assertThat(((ServerRefusedException) batch.failed().get(FileName.of("two.bin"))).reply().code())
				.isEqualTo(ReplyCode.INSUFFICIENT_STORAGE.value());

			Map<String, String> expected = new TreeMap<>(before);
			expected.put("one.bin", describe(this.clientDir.resolve("one.bin")));
			expected.put("three.bin", describe(this.clientDir.resolve("three.bin")));
			assertThat(visible(this.disk)).as("the server's visible files").isEqualTo(expected);
			assertThat(reserved(this.disk)).as("hidden files on the server").isEmpty();
			assertThat(usableSpace()).as("free space: what was free less the two files stored").isEqualTo(FREE - 304 * KIB);

			// Room made on the server: the same connection now stores the file.
			Files.delete(this.disk.resolve("one.bin"));
			client.noop();
			client.putAll(names("two.bin"), local, TransferListener.NONE);
		}
		assertThat(this.disk.resolve("two.bin")).hasSameBinaryContentAs(this.clientDir.resolve("two.bin"));
	}

	@Test
	void aResumableUploadToACompletelyFullDiskIsRefusedWith452AndLeavesNothing() throws Exception {
		fillLeaving(0);
		Files.write(this.clientDir.resolve("big.bin"), random(2 * MIB, 12));
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.put(FileName.of("big.bin"), new LocalFileStore(this.clientDir)))
				.isInstanceOf(ServerRefusedException.class)
				.hasMessage("insufficient space on the server: storing big.bin (2097152 bytes) needs more than the 0 bytes free"
						+ " on its disk; nothing was stored");
			client.noop();
		}
		assertThat(reserved(this.disk)).as("hidden files on the server").isEmpty();
	}

	/** The reserve, on a real small disk: refused before any byte is sent, the disk untouched. */
	@Test
	void anUploadThatWouldEatIntoTheReserveIsRefusedBeforeAnyByte() throws Exception {
		this.server.close();
		this.server = TestSettings.of(this.disk).minFreeSpace(DataSize.ofKilobytes(256)).start();
		fillLeaving(FREE);
		Map<String, String> before = visible(this.disk);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT report.bin " + 300 * KIB)).isEqualTo(
					"452 insufficient space on the server: storing report.bin (307200 bytes) would leave less than the"
							+ " 262144 bytes it keeps free; nothing was stored");
			assertThat(connection.request("PUT small.bin 10")).startsWith("150 ");
			connection.sendBytes(random(10, 13));
			assertThat(connection.readLine()).startsWith("226 ");
		}
		before.put("small.bin", describe(this.disk.resolve("small.bin")));
		assertThat(visible(this.disk)).isEqualTo(before);
		assertThat(reserved(this.disk)).isEmpty();
	}

	/** What a person at the shell reads when a put does not fit. */
	@Test
	void theShellSaysInsufficientSpace(CapturedOutput output) throws Exception {
		fillLeaving(FREE);
		Files.write(this.clientDir.resolve("big.bin"), random(2 * MIB, 11));
		Path script = this.temp.resolve("put.script");
		Files.writeString(script, "open " + this.server.port() + "\nput big.bin\n", StandardCharsets.UTF_8);

		int exitCode = SpringApplication.exit(SpringApplication.run(SimpleFtpApplication.class,
				"--spring.profiles.active=client", "--ftp.client.directory=" + this.clientDir,
				"--logging.file.name=" + this.temp.resolve("client.log"), "--script=" + script));

		assertThat(exitCode).isEqualTo(1);
		assertThat(output.getErr()).contains("insufficient space on the server: storing big.bin (2097152 bytes) needs more than the " + FREE + " bytes free on its disk; nothing was stored", "script stopped at line 2 of ");
		assertThat(reserved(this.disk)).isEmpty();
		assertThat(usableSpace()).isEqualTo(FREE);
	}

	/** Nothing of a refused upload remains: the visible files as before, nothing hidden, all the space free again. */
	private void assertNothingLeft(Map<String, String> before) throws IOException {
		assertThat(visible(this.disk)).as("the server's visible files").isEqualTo(before);
		assertThat(reserved(this.disk)).as("temporary or partial files on the server").isEmpty();
		assertThat(usableSpace()).as("free space on the server's disk").isEqualTo(FREE);
	}

	/** Writes a file of zeros that leaves exactly {@code free} bytes of the disk free. */
	private void fillLeaving(long free) throws IOException {
		fill("filler", free);
	}

	/** Writes a file {@code name} of zeros that leaves exactly {@code free} bytes of the disk free. */
	private Path fill(String name, long free) throws IOException {
		long filler = usableSpace() - free;
		assertThat(filler).as("room on the small disk").isPositive();
		ByteBuffer zeros = ByteBuffer.allocate(MIB);
		try (FileChannel channel = FileChannel.open(this.disk.resolve(name), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			for (long written = 0; written < filler;) {
				zeros.clear().limit((int) Math.min(MIB, filler - written));
				written += channel.write(zeros);
			}
		}
		assertThat(usableSpace()).as("free space on the small disk once filled").isEqualTo(free);
		return this.disk.resolve(name);
	}

	private long usableSpace() throws IOException {
		return Files.getFileStore(this.disk).getUsableSpace();
	}

	private static List<FileName> names(String... names) {
		return Arrays.stream(names).map(FileName::of).toList();
	}

	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
