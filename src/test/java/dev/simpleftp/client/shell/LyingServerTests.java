package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import dev.simpleftp.FakeServer;
import dev.simpleftp.TestClientSettings;
import dev.simpleftp.client.ClientLimits;
import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.Credentials;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.RemoteListing;
import dev.simpleftp.client.ServerRefusedException;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, section 2: a server that lies about sizes, trickles bytes, sends huge listings, replies
 * out of step, lists odd times, refuses STARTTLS or names an unreadable version cannot make the
 * client write anything wrong, run for ever, exhaust its memory or leave a socket open; the client
 * says what happened in one line.
 */
@Timeout(30)
class LyingServerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	private LocalFileStore local;

	@BeforeEach
	void createClientDirectory() throws IOException {
		this.local = new LocalFileStore(this.temp.resolve("client"));
	}

	@Test
	void aDeclaredSizeThatWouldEatTheFreeSpaceReserveIsRefusedBeforeAnyByteIsWritten() throws Exception {
		AtomicBoolean closedByClient = new AtomicBoolean();
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=" + Long.MAX_VALUE + " modified=" + FakeServer.MODIFIED + " sending huge.bin\n");
			client.write(new byte[64 * 1024]);
			try {
				closedByClient.set(client.readLine() == null);
			}
			catch (IOException ex) {
				closedByClient.set(true); // reset: the client closed with bytes it never read
			}
		})) {
			FtpClient client = connect(fake, ClientLimits.of(TIMEOUT));
			assertThatThrownBy(() -> client.get(FileName.of("huge.bin"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageStartingWith("not enough space for huge.bin in " + this.local.root() + ": the server sends ")
				.hasMessageContaining("kept free (ftp.client.min-free-space); nothing was written; connection closed");
			assertThat(client.isOpen()).isFalse();
			fake.awaitScript(5000);
			assertThat(closedByClient).isTrue();
		}
		assertThat(listing(this.local.root())).isEmpty();
	}

	@Test
	void aReserveAsLargeAsTheDiskRefusesEvenASmallDownload() throws Exception {
		try (FakeServer fake = new FakeServer(FakeServer.serving("", Map.of("a.txt", bytes("abc"))))) {
			FtpClient client = connect(fake, ClientLimits.of(TIMEOUT).withMinFreeSpace(this.local.usableSpace() + 1));
			assertThatThrownBy(() -> client.get(FileName.of("a.txt"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageContaining("not enough space for a.txt");
		}
		assertThat(listing(this.local.root())).isEmpty();
	}

	@Test
	void aServerTricklingABodyIsCutOffByTheMinimumRateThoughEachByteBeatsTheTimeout() throws Exception {
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=1000000 modified=" + FakeServer.MODIFIED + " sending slow.bin\n");
			for (int i = 0; i < 200; i++) {
				client.write(new byte[1]);
				Thread.sleep(100);
			}
		})) {
			FtpClient client = connect(fake, new ClientLimits(Duration.ofMillis(500), 1024, 0, 10));
			assertThatThrownBy(() -> client.get(FileName.of("slow.bin"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessage("the transfer from 127.0.0.1:" + fake.port() + " moved less than 1.0 KiB/s over 500 ms"
						+ " (ftp.client.min-rate); connection closed");
			assertThat(client.isOpen()).isFalse();
		}
		assertThat(listing(this.local.root())).isEmpty();
	}

	@Test
	void aListingWithMoreEntriesThanTheLimitIsRefusedWhetherItsCountSaysSoOrNot() throws Exception {
		String five = Stream.of("a", "b", "c", "d", "e").map(name -> name + " 1 2026-01-01T00:00:00Z\n")
			.reduce("", String::concat);
		try (FakeServer fake = new FakeServer(FakeServer.serving(five, Map.of()))) {
			FtpClient client = connect(fake, ClientLimits.of(TIMEOUT).withMaxListEntries(4));
			assertThatThrownBy(client::list).isInstanceOf(ConnectionLostException.class)
				.hasMessage("the server's listing is too large: 5 entries, more than this client accepts"
						+ " (ftp.client.max-list-entries); connection closed");
		}
		byte[] body = bytes(five);
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=" + body.length + " listing\n").write(body).send("226 size=" + body.length + " listed\n");
			client.readUntilQuit();
		})) {
			FtpClient client = connect(fake, ClientLimits.of(TIMEOUT).withMaxListEntries(4));
			assertThatThrownBy(client::list).isInstanceOf(ConnectionLostException.class)
				.hasMessageStartingWith("the server's listing is too large: more than 4 entries");
			assertThat(client.isOpen()).isFalse();
		}
	}

	@Test
	void aStray226InAPipelinedGetEndsTheConnectionAndNothingAfterItIsSaved() throws Exception {
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			for (int i = 0; i < 3; i++) {
				client.readLine();
			}
			client.send(sent("a.txt", "aaa") + "226 size=3 crc32c=" + FakeServer.crc32c(bytes("bbb")) + " sent\n"
					+ sent("b.txt", "bbb") + sent("c.txt", "ccc"));
			client.readUntilQuit();
		})) {
			FtpClient client = connect(fake, ClientLimits.of(TIMEOUT));
			assertThatThrownBy(() -> client.getAll(names("a.txt", "b.txt", "c.txt"), this.local, TransferListener.NONE))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageStartingWith("the server answered GET b.txt with '226 size=3 crc32c=")
				.hasMessageEndingWith("which is no answer to it: the replies are out of step; connection closed");
			assertThat(client.isOpen()).isFalse();
		}
		assertThat(this.local.root().resolve("a.txt")).hasContent("aaa");
		assertThat(listing(this.local.root())).containsExactly("a.txt");
	}

	@Test
	void a226WhoseSizeIsNotThe150sEndsTheConnectionAndTheFileIsNotSaved() throws Exception {
		try (FakeServer fake = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=3 modified=" + FakeServer.MODIFIED + " sending a.txt\naaa226 size=4 crc32c="
					+ FakeServer.crc32c(bytes("aaa")) + " sent\n");
			client.readUntilQuit();
		})) {
			FtpClient client = connect(fake, ClientLimits.of(TIMEOUT));
			assertThatThrownBy(() -> client.get(FileName.of("a.txt"), this.local))
				.isInstanceOf(ConnectionLostException.class)
				.hasMessageContaining("says size=4, its 150 said 3: the replies are out of step");
		}
		assertThat(listing(this.local.root())).isEmpty();
	}

	@Test
	void aFarFutureTimeIsShownAsTextAndTheRestOfTheListingStillAppears() throws Exception {
		String listing = "far.txt 1 +1000000000-01-01T00:00:00Z\nnear.txt 2 2026-01-01T00:00:00Z\n";
		try (FakeServer fake = new FakeServer(FakeServer.serving(listing, Map.of()))) {
			RemoteListing files;
			try (FtpClient client = connect(fake, ClientLimits.of(TIMEOUT))) {
				files = client.list();
			}
			String table = ListingTable.format(files.files(), ZoneOffset.UTC, "none");
			assertThat(table).contains("+1000000000-01-01T00:00:00Z  far.txt").contains("2026-01-01 00:00  near.txt")
				.endsWith("2 files, 3 B");
		}
	}

	@Test
	void aRefusedStartTlsClosesTheSocketEachTime() throws Exception {
		Tls tls = new Tls(SSLContext.getDefault(), null, null);
		for (int attempt = 0; attempt < 3; attempt++) {
			AtomicBoolean closedByClient = new AtomicBoolean();
			try (FakeServer fake = new FakeServer(client -> {
				client.send("220 protocol=simple-ftp version=3 tls=required ready\n");
				client.readLine();
				client.send("500 no TLS today\n");
				closedByClient.set(client.readLine() == null);
			})) {
				assertThatThrownBy(() -> FtpClient.connect("127.0.0.1", fake.port(), ClientLimits.of(TIMEOUT), tls,
						Credentials.NONE))
					.isInstanceOf(ServerRefusedException.class)
					.hasMessage("no TLS today");
				fake.awaitScript(5000);
				assertThat(closedByClient).as("the client closed its socket").isTrue();
				assertThat(fake.received()).containsExactly("STARTTLS");
			}
		}
	}

	@Test
	void aVersionThatCannotBeReadIsSaidSoNotToldToUpgrade() throws Exception {
		for (String version : List.of("12345678901", "abc", "")) {
			try (FakeServer fake = new FakeServer(client -> {
				client.send("220 protocol=simple-ftp version=" + version + " ready\n");
				client.readUntilQuit();
			})) {
				assertThatThrownBy(() -> connect(fake, ClientLimits.of(TIMEOUT)))
					.isInstanceOf(ConnectionLostException.class)
					.hasMessage("cannot read the protocol version in the server's greeting: version=" + version
							+ " is not a version number");
			}
		}
	}

	@Test
	void llsSaysWhichPartialDownloadsAreKeptAndRmPartialsRemovesThem() throws Exception {
		keepPartial("big.bin", 3000, 1 << 30);
		keepPartial("other file.bin", 10, 2000);
		Files.writeString(this.local.root().resolve("whole.txt"), "hi");
		BrowseCommands commands = new BrowseCommands(new ClientConnection(settings(), this.local));
		assertThat(commands.lls(List.of())).endsWith("1 file, 2 B\n2 partial downloads kept: \"other file.bin\" 10 B of"
				+ " 2.0 KiB, big.bin 2.9 KiB of 1.0 GiB (get NAME resumes; rm-partials removes them)");
		assertThat(commands.rmPartials(List.of("big.bin", "none.bin")))
			.isEqualTo("removed the partial download of big.bin\nno partial download of none.bin");
		assertThat(commands.rmPartials(List.of())).isEqualTo("removed 1 partial download (10 B)");
		assertThat(commands.lls(List.of())).endsWith("1 file, 2 B");
		assertThat(listing(this.local.root())).containsExactly("whole.txt");
	}

	@Test
	void partialDownloadsOlderThanTheMaximumAgeAreRemovedWhenTheClientOpensItsDirectory() throws Exception {
		keepPartial("old.bin", 10, 2000);
		for (Path file : Files.newDirectoryStream(this.local.root())) {
			Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
		}
		keepPartial("new.bin", 10, 2000);
		new ClientConnection(settings(), this.local);
		assertThat(this.local.keptPartials()).extracting(partial -> partial.name().orElseThrow().value())
			.containsExactly("new.bin");
	}

	private void keepPartial(String name, int held, long size) throws IOException {
		try (PartialWrite partial = this.local.beginPartial(FileName.of(name)).orElseThrow()) {
			partial.begin(0, new PartialWrite.Source(size, Instant.parse(FakeServer.MODIFIED)))
				.write(java.nio.ByteBuffer.wrap(new byte[held]));
		}
	}

	private ClientSettings settings() {
		return TestClientSettings.of(this.local.root()).timeout(TIMEOUT).quiet(true).durable(false).build();
	}

	private static String sent(String name, String content) {
		return "150 size=" + content.length() + " modified=" + FakeServer.MODIFIED + " sending " + name + "\n" + content
				+ "226 size=" + content.length() + " crc32c=" + FakeServer.crc32c(bytes(content)) + " sent\n";
	}

	private static FtpClient connect(FakeServer fake, ClientLimits limits) throws IOException {
		return FtpClient.connect("127.0.0.1", fake.port(), limits, null, Credentials.NONE);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<FileName> names(String... names) {
		return Stream.of(names).map(FileName::of).toList();
	}

	private static List<String> listing(Path dir) throws IOException {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

}
