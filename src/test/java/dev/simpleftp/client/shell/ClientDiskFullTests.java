package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.simpleftp.FakeServer;
import dev.simpleftp.TestClientSettings;
import dev.simpleftp.client.ClientLimits;
import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.Credentials;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.server.Commands;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 14, section 2: a download whose disk fills up part-way stops at the first write that fails,
 * not after reading whatever size the server declared. The client's directory is a tmpfs (mounting
 * needs root or CAP_SYS_ADMIN on Linux; elsewhere the test is skipped) that has room for the
 * declared size when the client checks it, and then shrinks to {@link #DISK_AFTER} before the body
 * comes, as when another writer takes the space: the up-front check ({@code ftp.client.min-free-space},
 * see {@link LyingServerTests}) passes, the write fails.
 */
@Timeout(30)
class ClientDiskFullTests {

	private static final int MIB = 1024 * 1024;

	/** What the server declares: far more than the socket buffers on both sides hold. */
	private static final long DECLARED = 1024L * MIB;

	/** The disk's size once the client has checked it: room for a small part of the body only. */
	private static final long DISK_AFTER = MIB;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	private Path disk;

	private boolean mounted;

	private LocalFileStore local;

	@BeforeEach
	void mountADiskLargeEnoughForTheDeclaredSize() throws Exception {
		this.disk = Files.createDirectory(this.temp.resolve("small-disk"));
		// A tmpfs takes memory only for what is written to it.
		String mount = Commands.run("mount", "-t", "tmpfs", "-o", "size=2g,mode=0700", "tmpfs", this.disk.toString());
		assumeTrue(mount.isEmpty(), () -> "cannot mount a tmpfs (needs root on Linux): " + mount);
		this.mounted = true;
		this.local = new LocalFileStore(this.disk);
	}

	@AfterEach
	void unmount() throws Exception {
		if (this.mounted && !Commands.run("umount", this.disk.toString()).isEmpty()) {
			Commands.run("umount", "-l", this.disk.toString()); // lazily, if something still holds it
		}
	}

	@Test
	void aDownloadStopsAtTheFirstWriteThatFailsSaysTheDiskIsFullKeepsNothingAndTheClientConnectsAgain()
			throws Exception {
		AtomicReference<String> shrink = new AtomicReference<>("not tried");
		AtomicLong sent = new AtomicLong();
		AtomicBoolean closedByClient = new AtomicBoolean();
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=" + DECLARED + " modified=" + FakeServer.MODIFIED + " sending huge.bin\n");
			// The client checked the free space and opened its partial file: now the space goes.
			awaitAnEntryIn(this.disk);
			shrink.set(Commands.run("mount", "-o", "remount,size=" + DISK_AFTER, this.disk.toString()));
			byte[] chunk = new byte[64 * 1024];
			try {
				while (sent.get() < DECLARED) {
					client.write(chunk);
					sent.addAndGet(chunk.length);
				}
			}
			catch (IOException ex) {
				closedByClient.set(true); // reset or broken pipe: the client closed and read no more
			}
		})) {
			FtpClient client = connect(fake.port());
			assertThatThrownBy(() -> client.get(FileName.of("huge.bin"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessage("cannot write huge.bin in " + this.disk + ": no space left on device; the download stopped"
						+ " and nothing of it was kept; connection closed");
			assertThat(client.isOpen()).isFalse();
			fake.awaitScript(10_000);
			assertThat(shrink.get()).as("shrinking the disk after the check").isEmpty();
			assertThat(closedByClient).as("the client closed its socket").isTrue();
			// What the client wrote, what it had read ahead, and what the kernel buffered on both sides.
			assertThat(sent.get()).as("bytes the server could send").isLessThan(64L * MIB);
		}
		assertThat(listing(this.disk)).as("files left in the client's directory").isEmpty();
		assertThat(this.local.usableSpace()).as("free space on the client's disk").isEqualTo(DISK_AFTER);
		BrowseCommands commands = new BrowseCommands(new ClientConnection(settings(), this.local));
		assertThat(commands.lls(List.of())).doesNotContain("partial");

		try (FakeServer fake = new FakeServer(FakeServer.serving("", Map.of("a.txt", bytes("abc"))));
				FtpClient client = connect(fake.port())) {
			assertThat(client.get(FileName.of("a.txt"), this.local).bytes()).isEqualTo(3);
		}
		assertThat(this.disk.resolve("a.txt")).hasContent("abc");
		assertThat(listing(this.disk)).containsExactly("a.txt");
	}

	private static void awaitAnEntryIn(Path dir) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (listing(dir).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	private ClientSettings settings() {
		return TestClientSettings.of(this.disk).timeout(TIMEOUT).quiet(true).durable(false).build();
	}

	/** No free-space reserve: the up-front check passes whatever the disk has room for. */
	private static FtpClient connect(int port) throws IOException {
		return FtpClient.connect("127.0.0.1", port, ClientLimits.of(TIMEOUT).withMinFreeSpace(0), null,
				Credentials.NONE);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<String> listing(Path dir) throws IOException {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

}
