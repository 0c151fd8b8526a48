package dev.simpleftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.simpleftp.FaultyProxy.Direction;
import dev.simpleftp.FaultyProxy.Fault;
import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.RemoteListing;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Fault injection: hundreds of transfers cut off at random offsets, GET and PUT, from both sides.
 * A {@link FaultyProxy} cuts the connection after exactly N bytes of a body (the client sees its
 * connection close); a {@link RawConnection} speaking the protocol by hand sends or reads N bytes
 * and then resets the connection (the server sees a TCP RST). After every cut-off:
 * <ul>
 * <li>nothing visible changed on the receiving side: the target's previous version is intact byte
 * for byte, and {@link FileStore#list()} and the plain directory listing (less the reserved
 * {@code .simpleftp-} names) show exactly the expected files;</li>
 * <li>no {@code .simpleftp-*.tmp} file remains once the server is done with the cut connection
 * (polled, up to 5 s), and a hidden partial file ({@code .simpleftp-partial-KEY.part} and
 * {@code .info}) is left only for a resumable transfer of more than 1 MiB, holding exactly the
 * bytes that got through;</li>
 * <li>a new client, straight to the server, is served (NOOP, LIST, a small GET);</li>
 * <li>for many trials, the transfer is then completed (resuming from the partial file where there
 * is one, sometimes after a second cut-off of the resumed transfer) and the result is byte-exact.</li>
 * </ul>
 * Everything random comes from a seeded {@link Random} (seed S for the proxy method, S+1 for the
 * reset method): {@code -Dcutoff.seed=S} replays a run, and every assertion message names the
 * seed, the trial and its size and cut offset.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // per method: some 5 to 8 s each on 2 cores
class CutOffTests {

	private static final long SEED = Long.getLong("cutoff.seed", 0x5EED_C0FFL);

	/** Trials per test method, each a GET or a PUT at random: 300 cut-offs in all, and a second one in some. */
	private static final int TRIALS = Integer.getInteger("cutoff.trials", 150);

	private static final int MIB = 1024 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/** How long the server may take to notice a cut-off and clean up after it. */
	private static final Duration SETTLE = Duration.ofSeconds(5);

	private static final String RESERVED = ".simpleftp-";

	/** {@code CHECKSUM crc32c=01234567} without its LF: a cut inside it still leaves the upload unfinished. */
	private static final int TRAILER_WITHOUT_LF = "CHECKSUM crc32c=01234567".length();

	private static final String PROBE_NAME = "keep-server.txt";

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	/** The server's directory, as a store. */
	private LocalFileStore remote;

	/** The client's directory. */
	private LocalFileStore local;

	/** Where the probing client (the one served after each cut-off) downloads to. */
	private LocalFileStore probe;

	/** Files that are always there, by name: they must never change. */
	private final Map<String, byte[]> serverKeep = new TreeMap<>();

	private final Map<String, byte[]> clientKeep = new TreeMap<>();

	private final Map<String, Integer> counts = new TreeMap<>();

	private long seed;

	private Random random;

	@BeforeEach
	void start() throws IOException {
		this.remote = new LocalFileStore(this.server.directory());
		this.local = new LocalFileStore(this.temp.resolve("client"));
		this.probe = new LocalFileStore(this.temp.resolve("probe"));
		this.serverKeep.put(PROBE_NAME, "always here\n".getBytes(StandardCharsets.UTF_8));
		this.serverKeep.put("keep-server.bin", content(70_000, -1));
		this.clientKeep.put("keep-client.bin", content(5_000, -2));
		for (Map.Entry<String, byte[]> keep : this.serverKeep.entrySet()) {
			Files.write(this.remote.root().resolve(keep.getKey()), keep.getValue());
		}
		for (Map.Entry<String, byte[]> keep : this.clientKeep.entrySet()) {
			Files.write(this.local.root().resolve(keep.getKey()), keep.getValue());
		}
	}

	@AfterEach
	void stop() {
		System.out.println(getClass().getSimpleName() + " seed=" + this.seed + " cut-offs: " + this.counts);
	}

	/** Cut-offs where the client sees its connection closed: a proxy passes N bytes of the body, then closes both sides. */
	@Test
	void cutOffsThroughAProxyThatClosesTheConnection() throws Exception {
		this.seed = SEED;
		this.random = new Random(this.seed);
		for (int trial = 0; trial < TRIALS; trial++) {
			if (this.random.nextBoolean()) {
				proxiedGet(trial);
			}
			else {
				proxiedPut(trial);
			}
		}
		assertThat(this.counts.getOrDefault("proxy GET", 0)).as("seed=%d: proxy GET trials", this.seed).isGreaterThan(TRIALS / 4);
		assertThat(this.counts.getOrDefault("proxy PUT", 0)).as("seed=%d: proxy PUT trials", this.seed).isGreaterThan(TRIALS / 4);
		assertKeptFilesIntact("seed=" + this.seed + " after all trials");
	}

	/** Cut-offs where the server sees a TCP reset: a raw connection sends or reads N bytes of the body, then resets. */
	@Test
	void cutOffsByAPeerThatResetsTheConnection() throws Exception {
		this.seed = SEED + 1;
		this.random = new Random(this.seed);
		for (int trial = 0; trial < TRIALS; trial++) {
			if (this.random.nextBoolean()) {
				resetGet(trial);
			}
			else {
				resetPut(trial);
			}
		}
		assertThat(this.counts.getOrDefault("reset GET", 0)).as("seed=%d: reset GET trials", this.seed).isGreaterThan(TRIALS / 4);
		assertThat(this.counts.getOrDefault("reset PUT", 0)).as("seed=%d: reset PUT trials", this.seed).isGreaterThan(TRIALS / 4);
		assertKeptFilesIntact("seed=" + this.seed + " after all trials");
	}

	// ---------------------------------------------------------------------------------------
	// The four kinds of trial

	/** A download cut by the proxy: the client's previous version stays, a large file leaves a partial of exactly N bytes. */
	private void proxiedGet(int trial) throws Exception {
		FileName name = pickName(trial);
		int size = pickSize();
		byte[] body = content(size, this.random.nextLong());
		byte[] previous = previousVersion(size);
		long cut = pickCut(size);
		countSize(size);
		String where = where(trial, "proxy GET", name, size, cut, "previous=" + previous.length);
		Files.write(this.remote.root().resolve(name.value()), body);
		Files.write(this.local.root().resolve(name.value()), previous);

		getThroughACut(where, name, cut);
		count("proxy GET");
		probeServer(where, serverFiles(name, body.length));
		awaitServerDone(where);
		long partial = checkReceiver(where, this.local, name, previous, clientFiles(name, previous.length),
				size > MIB, cut);
		checkSender(where, this.remote, name, body, serverFiles(name, body.length));

		if (size > MIB || this.random.nextInt(4) == 0) {
			completeGet(where, name, body, previous, Math.max(partial, 0));
		}
		cleanUp(name);
	}

	/** An upload cut by the proxy: the server's previous version stays, a large file leaves a partial of exactly N bytes. */
	private void proxiedPut(int trial) throws Exception {
		FileName name = pickName(trial);
		int size = pickSize();
		byte[] body = content(size, this.random.nextLong());
		byte[] previous = previousVersion(size);
		long cut = pickPutCut(size);
		countSize(size);
		String where = where(trial, "proxy PUT", name, size, cut, "previous=" + previous.length);
		Files.write(this.local.root().resolve(name.value()), body);
		Files.write(this.remote.root().resolve(name.value()), previous);

		putThroughACut(where, name, cut);
		count("proxy PUT");
		probeServer(where, serverFiles(name, previous.length));
		awaitServerDone(where);
		long partial = checkReceiver(where, this.remote, name, previous, serverFiles(name, previous.length),
				size > MIB, Math.min(cut, size));
		checkSender(where, this.local, name, body, clientFiles(name, body.length));

		if (size > MIB || this.random.nextInt(4) == 0) {
			completePut(where, name, body, previous, Math.max(partial, 0), size > MIB);
		}
		cleanUp(name);
	}

	/**
	 * A download read by hand for N bytes, then reset: nothing on the server changes. Sometimes the
	 * GET asks to resume (offset=K), so that the server's resuming path is cut off too.
	 */
	private void resetGet(int trial) throws Exception {
		FileName name = pickName(trial);
		int size = pickSize();
		byte[] body = content(size, this.random.nextLong());
		Path file = this.remote.root().resolve(name.value());
		Files.write(file, body);
		int from = (size > 0 && this.random.nextInt(4) == 0) ? this.random.nextInt(size + 1) : 0;
		long cut = pickCut(size - from);
		countSize(size);
		String where = where(trial, "reset GET", name, size, cut, (from > 0) ? "resume-offset=" + from : "");

		try (RawConnection raw = RawConnection.open(this.server.port())) {
			String request = "GET " + token(name);
			if (from > 0) {
				CRC32C crc = new CRC32C();
				crc.update(body, 0, from);
				request += " offset=" + from + " size=" + size + " modified=" + this.remote.modified(name) + " crc32c="
						+ String.format("%08x", crc.getValue());
			}
			String sending = raw.request(request);
			assertThat(sending).as(where + ": reply to " + request).startsWith("150 size=" + size + " ");
			if (from > 0) {
				assertThat(sending).as(where + ": reply to " + request).contains(" offset=" + from + " ");
			}
			byte[] received = raw.readBytes((int) cut);
			assertThat(received).as(where + ": the bytes before the cut").isEqualTo(Arrays.copyOfRange(body, from, from + (int) cut));
			raw.reset();
		}
		count("reset GET");
		probeServer(where, serverFiles(name, size));
		awaitServerDone(where);
		checkSender(where, this.remote, name, body, serverFiles(name, size));
		cleanUp(name);
	}

	/**
	 * An upload typed by hand, N bytes of its body sent (and, once the body is whole, part of its
	 * CHECKSUM line), then reset. With {@code modified=} and more than 1 MiB the server keeps a
	 * partial of at most N bytes (a reset may drop what was still in flight); the upload is then
	 * often completed by a real client, resuming from it.
	 */
	private void resetPut(int trial) throws Exception {
		FileName name = pickName(trial);
		int size = pickSize();
		byte[] body = content(size, this.random.nextLong());
		byte[] previous = previousVersion(size);
		int cut = (int) pickCut(size);
		boolean follows = this.random.nextInt((size <= MIB) ? 3 : 6) == 0;
		boolean dated = !follows && this.random.nextInt(3) != 0;
		Instant modified = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(this.random.nextInt(100_000));
		CRC32C crc = new CRC32C();
		crc.update(body);
		String trailer = "CHECKSUM crc32c=" + String.format("%08x", crc.getValue());
		int trailerBytes = (cut == size && this.random.nextBoolean()) ? 1 + this.random.nextInt(TRAILER_WITHOUT_LF) : 0;
		String request = "PUT " + token(name) + " " + size + " checksum=crc32c" + (dated ? " modified=" + modified : "")
				+ (follows ? " body=follows" : "");
		countSize(size);
		String where = where(trial, "reset PUT", name, size, cut, "previous=" + previous.length + " request='" + request
				+ "'" + ((trailerBytes > 0) ? " then " + trailerBytes + " bytes of '" + trailer + "'" : ""));
		Files.write(this.remote.root().resolve(name.value()), previous);

		try (RawConnection raw = RawConnection.open(this.server.port())) {
			raw.send(request);
			if (!follows) {
				String go = raw.readLine();
				assertThat(go).as(where + ": reply to the PUT").startsWith("150 ").doesNotContain("offset=", "restart=");
			}
			raw.sendBytes(Arrays.copyOf(body, cut));
			if (trailerBytes > 0) {
				raw.sendBytes(trailer.substring(0, trailerBytes).getBytes(StandardCharsets.US_ASCII));
			}
			raw.reset();
		}
		count("reset PUT");
		probeServer(where, serverFiles(name, previous.length));
		awaitServerDone(where);
		boolean resumable = dated && size > MIB;
		long partial = checkReceiver(where, this.remote, name, previous, serverFiles(name, previous.length), resumable, -1);
		if (resumable) {
			assertThat(partial).as(where + ": bytes in the partial upload (at most those sent)").isLessThanOrEqualTo(cut);
		}

		if (resumable || this.random.nextInt(4) == 0) {
			Path source = this.local.root().resolve(name.value());
			Files.write(source, body);
			Files.setLastModifiedTime(source, FileTime.from(modified)); // the version the partial upload came from
			completePut(where, name, body, previous, Math.max(partial, 0), resumable);
		}
		cleanUp(name);
	}

	// ---------------------------------------------------------------------------------------
	// Completing a transfer after its cut-off, sometimes with a second cut-off of the resumed transfer

	private void completeGet(String where, FileName name, byte[] body, byte[] previous, long held) throws Exception {
		long partial = held;
		if (body.length > MIB && this.random.nextBoolean()) {
			long cut = pickCut(body.length - partial);
			String again = where + " | resumed from " + partial + ", cut again after " + cut;
			getThroughACut(again, name, cut);
			count("second cut, proxy GET");
			probeServer(again, serverFiles(name, body.length));
			awaitServerDone(again);
			partial = checkReceiver(again, this.local, name, previous, clientFiles(name, previous.length), true,
					partial + cut);
		}
		TransferResult result;
		try (FtpClient client = direct()) {
			result = client.get(name, this.local);
		}
		String done = where + " | completed from " + partial;
		long resumedAt = (body.length > MIB) ? partial : 0;
		assertThat(result.resumedAt()).as(done + ": resumed at").isEqualTo(resumedAt);
		count((resumedAt > 0) ? "completed, resumed" : "completed, from 0");
		assertThat(result.bytes()).as(done + ": bytes moved").isEqualTo(body.length - resumedAt);
		assertThat(result.restarted()).as(done + ": restarted").isNull();
		checkSender(done, this.local, name, body, clientFiles(name, body.length));
	}

	private void completePut(String where, FileName name, byte[] body, byte[] previous, long held, boolean resumable)
			throws Exception {
		long partial = held;
		if (body.length > MIB && this.random.nextBoolean()) {
			long cut = pickPutCut(body.length - partial);
			String again = where + " | resumed from " + partial + ", cut again after " + cut;
			putThroughACut(again, name, cut);
			count("second cut, proxy PUT");
			probeServer(again, serverFiles(name, previous.length));
			awaitServerDone(again);
			partial = checkReceiver(again, this.remote, name, previous, serverFiles(name, previous.length), true,
					partial + Math.min(cut, body.length - partial));
			resumable = true;
		}
		TransferResult result;
		try (FtpClient client = direct()) {
			result = client.put(name, this.local);
		}
		String done = where + " | completed from " + partial;
		long resumedAt = resumable ? partial : 0;
		assertThat(result.resumedAt()).as(done + ": resumed at").isEqualTo(resumedAt);
		count((resumedAt > 0) ? "completed, resumed" : "completed, from 0");
		assertThat(result.bytes()).as(done + ": bytes moved").isEqualTo(body.length - resumedAt);
		assertThat(result.restarted()).as(done + ": restarted").isNull();
		awaitServerDone(done);
		checkSender(done, this.remote, name, body, serverFiles(name, body.length));
	}

	// ---------------------------------------------------------------------------------------
	// Cutting

	private void getThroughACut(String where, FileName name, long cut) throws IOException {
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_CLIENT, "150 ", cut, Fault.CUT);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.get(name, this.local)).as(where + ": the download through the cut")
				.isInstanceOf(ConnectionLostException.class);
			assertThat(proxy.injected()).as(where + ": the proxy cut the connection").isTrue();
		}
	}

	private void putThroughACut(String where, FileName name, long cut) throws IOException {
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_SERVER, "PUT ", cut, Fault.CUT);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.put(name, this.local)).as(where + ": the upload through the cut")
				.isInstanceOf(ConnectionLostException.class);
			assertThat(proxy.injected()).as(where + ": the proxy cut the connection").isTrue();
		}
	}

	// ---------------------------------------------------------------------------------------
	// Checking

	/** A new client, straight to the server, is served while the server may still be cleaning up the cut connection. */
	private void probeServer(String where, Map<String, Long> expected) throws IOException {
		try (FtpClient client = direct()) {
			client.noop();
			RemoteListing listing = client.list();
			assertThat(listing.rejected()).as(where + ": names the server listed that are not file names").isEmpty();
			assertThat(sizes(listing.files())).as(where + ": LIST by a new client").isEqualTo(expected);
			client.get(FileName.of(PROBE_NAME), this.probe);
		}
		assertThat(this.probe.root().resolve(PROBE_NAME)).as(where + ": a small GET by a new client")
			.hasBinaryContent(this.serverKeep.get(PROBE_NAME));
	}

	/** Waits (bounded) until the server has no connection left and no temporary file. */
	private void awaitServerDone(String where) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + SETTLE.toNanos();
		while (this.server.runner().connectionCount() > 0 || temporaries(this.remote.root()) > 0) {
			if (System.nanoTime() > deadline) {
				fail(where + ": " + SETTLE.toSeconds() + " s after the cut-off the server still has "
						+ this.server.runner().connectionCount() + " connection(s), and these reserved files: "
						+ reserved(this.remote.root()));
			}
			Thread.sleep(2);
		}
	}

	/**
	 * The receiving side after a cut-off: the previous version intact, exactly the expected files
	 * visible, no temporary file, and a partial file only if {@code partialAllowed}.
	 * @param partialExact the length the partial file must have, or -1 for any
	 * @return the partial file's length, or -1 if there is none
	 */
	private long checkReceiver(String where, LocalFileStore store, FileName name, byte[] previous, Map<String, Long> visible,
			boolean partialAllowed, long partialExact) throws IOException {
		Path root = store.root();
		assertThat(root.resolve(name.value())).as(where + ": the previous version in " + root).hasBinaryContent(previous);
		checkVisible(where, store, visible);
		List<String> reserved = reserved(root);
		assertThat(reserved).as(where + ": temporary files left in " + root).noneMatch(file -> file.endsWith(".tmp"));
		if (!partialAllowed) {
			assertThat(reserved).as(where + ": hidden files left in " + root + " (no partial file for this transfer)").isEmpty();
			return -1;
		}
		String key = partialKey(name);
		assertThat(reserved).as(where + ": hidden files left in " + root + " (a partial file and its info)")
			.containsExactlyInAnyOrder(key + ".info", key + ".part");
		long length = Files.size(root.resolve(key + ".part"));
		count("partial file kept");
		if (partialExact >= 0) {
			assertThat(length).as(where + ": bytes in the partial file in " + root).isEqualTo(partialExact);
		}
		return length;
	}

	/** The side that holds {@code name} whole (a sender, or a receiver once a transfer completed). */
	private void checkSender(String where, LocalFileStore store, FileName name, byte[] body, Map<String, Long> visible)
			throws IOException {
		assertThat(store.root().resolve(name.value())).as(where + ": " + name + " in " + store.root()).hasBinaryContent(body);
		checkVisible(where, store, visible);
		assertThat(reserved(store.root())).as(where + ": hidden files left in " + store.root()).isEmpty();
	}

	private void checkVisible(String where, LocalFileStore store, Map<String, Long> visible) throws IOException {
		assertThat(sizes(store.list())).as(where + ": FileStore.list() of " + store.root()).isEqualTo(visible);
		try (Stream<Path> files = Files.list(store.root())) {
			assertThat(files.map(path -> path.getFileName().toString()).filter(file -> !file.startsWith(RESERVED)).sorted())
				.as(where + ": the directory listing of " + store.root() + " less reserved names")
				.containsExactlyElementsOf(visible.keySet());
		}
		Map<String, byte[]> keep = (store == this.remote) ? this.serverKeep : this.clientKeep;
		for (Map.Entry<String, byte[]> file : keep.entrySet()) {
			assertThat(store.root().resolve(file.getKey())).as(where + ": a file no transfer touched")
				.hasBinaryContent(file.getValue());
		}
	}

	private void assertKeptFilesIntact(String where) throws IOException {
		checkVisible(where, this.remote, serverFiles(null, 0));
		checkVisible(where, this.local, clientFiles(null, 0));
		assertThat(reserved(this.remote.root())).as(where).isEmpty();
		assertThat(reserved(this.local.root())).as(where).isEmpty();
	}

	/** Removes a trial's files from both sides, once the server is done with them. */
	private void cleanUp(FileName name) throws IOException {
		String key = partialKey(name);
		for (Path root : List.of(this.remote.root(), this.local.root())) {
			Files.deleteIfExists(root.resolve(name.value()));
			Files.deleteIfExists(root.resolve(key + ".part"));
			Files.deleteIfExists(root.resolve(key + ".info"));
		}
	}

	// ---------------------------------------------------------------------------------------
	// Picking at random

	/** Mostly ASCII names, sometimes with a space and a non-ASCII letter (escaped on the wire). */
	private FileName pickName(int trial) {
		return FileName.of(String.format((this.random.nextInt(5) == 0) ? "cut %03d ü.bin" : "cut-%03d.bin", trial));
	}

	/** A few bytes, about 64 KiB, about 1 MiB (both sides of the resume threshold), or 1.5 to 3 MiB. */
	private int pickSize() {
		int bucket = this.random.nextInt(100);
		if (bucket < 30) {
			return this.random.nextInt(17);
		}
		if (bucket < 65) {
			return 64 * 1024 - 512 + this.random.nextInt(1025);
		}
		if (bucket < 80) {
			return (this.random.nextBoolean()) ? MIB - 1 + this.random.nextInt(3) : MIB - 4096 + this.random.nextInt(8193);
		}
		return 3 * MIB / 2 + this.random.nextInt(3 * MIB / 2 + 1);
	}

	/** Where in a body of {@code size} bytes to cut: anywhere in [0, size], the edges more often. */
	private long pickCut(long size) {
		return switch (this.random.nextInt(20)) {
			case 0 -> 0;
			case 1 -> size;
			case 2 -> Math.max(0, size - 1);
			case 3 -> Math.min(1, size);
			default -> this.random.nextLong(size + 1);
		};
	}

	/** As {@link #pickCut}, and sometimes inside the CHECKSUM line that follows an upload's body. */
	private long pickPutCut(long size) {
		return (this.random.nextInt(20) == 0) ? size + 1 + this.random.nextInt(TRAILER_WITHOUT_LF) : pickCut(size);
	}

	/** The receiving side's version before the transfer: sometimes of the same size, never the same bytes (but when empty). */
	private byte[] previousVersion(int size) {
		int length = (this.random.nextInt(4) == 0) ? size : this.random.nextInt(3) == 0 ? pickSize() : this.random.nextInt(4096);
		return content(length, this.random.nextLong());
	}

	// ---------------------------------------------------------------------------------------
	// Helpers

	private String where(int trial, String kind, FileName name, int size, long cut, String more) {
		return "seed=" + this.seed + " trial=" + trial + " " + kind + " '" + name + "' size=" + size + " cut=" + cut
				+ (more.isEmpty() ? "" : " " + more) + " (replay with -Dcutoff.seed=" + SEED + ")";
	}

	private void count(String kind) {
		this.counts.merge(kind, 1, Integer::sum);
	}

	private void countSize(int size) {
		count((size <= 16) ? "size <= 16 B" : (size < MIB - 4096) ? "size ~64 KiB" : (size <= MIB + 4096) ? "size ~1 MiB"
				: "size 1.5-3 MiB");
	}

	private FtpClient direct() throws IOException {
		return FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT);
	}

	/** The server's visible files: those always there, and {@code name} of {@code size} bytes (unless null). */
	private Map<String, Long> serverFiles(FileName name, long size) {
		return files(this.serverKeep, name, size);
	}

	private Map<String, Long> clientFiles(FileName name, long size) {
		return files(this.clientKeep, name, size);
	}

	private static Map<String, Long> files(Map<String, byte[]> keep, FileName name, long size) {
		Map<String, Long> files = new TreeMap<>();
		keep.forEach((file, bytes) -> files.put(file, (long) bytes.length));
		if (name != null) {
			files.put(name.value(), size);
		}
		return files;
	}

	private static Map<String, Long> sizes(List<FileEntry> entries) {
		Map<String, Long> sizes = new TreeMap<>();
		entries.forEach(entry -> sizes.put(entry.name().value(), entry.size()));
		return sizes;
	}

	private static List<String> reserved(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(path -> path.getFileName().toString()).filter(file -> file.startsWith(RESERVED)).sorted().toList();
		}
	}

	private static long temporaries(Path directory) throws IOException {
		return reserved(directory).stream().filter(file -> file.endsWith(".tmp")).count();
	}

	/** {@code .simpleftp-partial-KEY}, KEY being the first 128 bits of the SHA-256 of the name (docs/PROTOCOL.md, "Resume"). */
	private static String partialKey(FileName name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.value().getBytes(StandardCharsets.UTF_8));
			return RESERVED + "partial-" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A name as a protocol token: a space is escaped, other UTF-8 letters go as they are. */
	private static String token(FileName name) {
		return name.value().replace("%", "%25").replace(" ", "%20").replace("=", "%3D");
	}

	private static byte[] content(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
