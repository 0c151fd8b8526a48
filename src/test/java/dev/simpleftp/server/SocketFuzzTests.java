package dev.simpleftp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.simpleftp.RunningServer;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.RemoteListing;
import dev.simpleftp.server.FuzzScript.Ending;
import dev.simpleftp.server.FuzzScript.Piece;
import dev.simpleftp.server.FuzzScript.ResumableUpload;
import dev.simpleftp.server.FuzzScript.Targets;
import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket fuzz test: for some 8 s, 300 connections (at most 30 at once) send the server what no
 * client should ({@link FuzzScript}: random bytes, requests cut at a random byte, uploads cut short,
 * sizes past 2^63-1, damaged lines, hundreds of lines at once, uploads it must refuse, resets),
 * reading whatever comes back, while a well-behaved {@link FtpClient} puts a file, gets it back,
 * compares it byte for byte and lists, round after round. Then:
 * <ul>
 * <li>every operation of the well-behaved client succeeded, at least {@link #MIN_ROUND_TRIPS} round
 * trips during the fuzzing, and each of its listings showed exactly the seeded files and its own;</li>
 * <li>each fuzz connection was greeted (if it read anything), never heard "internal server error",
 * and after a half-close saw the server close its side;</li>
 * <li>{@code connectionCount()} falls back to 0, and a new client is served;</li>
 * <li>the directory holds exactly the seeded files, byte for byte, and the client's last versions;
 * among the hidden {@code .simpleftp-} names, exactly the seeded partial upload and one partial per
 * resumable upload the server accepted with {@code 150} (over 1 MiB with {@code modified=}, see
 * PutHandler), holding at most the bytes sent and exactly those bytes' prefix, and no temporary file;</li>
 * <li>the server logged no ERROR (a handler that threw something other than a protocol error),
 * and no thread died of an uncaught exception.</li>
 * </ul>
 * Everything sent comes from a {@link Random} seeded by {@code -Dfuzz.seed=S} (random by default),
 * which every assertion message names; each connection's bytes depend only on the seed and its
 * index, not on what the server replied. {@code -Dfuzz.connections=N} and
 * {@code -Dfuzz.seconds=T} change the amount of fuzzing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // some 9 to 11 s on 2 cores
class SocketFuzzTests {

	private static final long SEED = Long.getLong("fuzz.seed", ThreadLocalRandom.current().nextLong());

	private static final int CONNECTIONS = Integer.getInteger("fuzz.connections", 300);

	/** Over how long the fuzz connections are started. */
	private static final Duration FUZZ_TIME = Duration.ofSeconds(Integer.getInteger("fuzz.seconds", 8));

	private static final int PARALLEL = 30;

	private static final int MIN_ROUND_TRIPS = 20;

	/** Longer than any fuzz connection may last (its pauses come to under 7 s); then it is reset, and counted as hung. */
	private static final Duration CONNECTION_LIMIT = Duration.ofSeconds(20);

	/** How long the server may take to close its side after a half-close, to answer a 150, or to clean up. */
	private static final Duration SETTLE = Duration.ofSeconds(10);

	/** How long the server may take to count a closed connection out. */
	private static final Duration COUNT_SETTLE = Duration.ofSeconds(5);

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

	private static final String RESERVED = ".simpleftp-";

	private static final String GREETING = "220 protocol=simple-ftp version=4 ";

	private static final String[] CLIENT_NAMES = { "client-a.bin", "client-b.bin", "client c ü.txt", "client-d" };

	private static final int MIB = 1024 * 1024;

	/** The name of the upload whose partial file is seeded. */
	private static final String SEEDED_PARTIAL = "seed-resume.bin";

	@TempDir
	Path temp;

	private RunningServer server;

	private Path root;

	/** Files in the server's directory before fuzzing, by name: they must never change. */
	private final Map<String, byte[]> seeded = new TreeMap<>();

	/** Hidden files seeded (a partial upload), by name: they must never change either. */
	private final Map<String, byte[]> seededHidden = new TreeMap<>();

	/** What the well-behaved client last stored under each name. */
	private final Map<String, byte[]> published = new ConcurrentHashMap<>();

	/** Partial uploads the server accepted with 150, by name. */
	private final Map<String, SentUpload> partials = new ConcurrentHashMap<>();

	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	private final ListAppender<ILoggingEvent> serverLog = new ListAppender<>();

	private final Queue<String> uncaught = new ConcurrentLinkedQueue<>();

	private Logger logger;

	private Level loggerLevel;

	private Thread.UncaughtExceptionHandler previousHandler;

	private final Map<String, Long> timings = new TreeMap<>();

	@BeforeEach
	void start() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("server"));
		Random random = new Random(SEED ^ 0x5EED);
		this.seeded.put("seed-70k.bin", bytes(random, 70_000));
		this.seeded.put("seed grüße.txt", "Grüße, unchanged\n".repeat(20).getBytes(StandardCharsets.UTF_8));
		this.seeded.put("seed-small.txt", "always here\n".getBytes(StandardCharsets.US_ASCII));
		this.seeded.put("seed-empty", new byte[0]);
		for (Map.Entry<String, byte[]> file : this.seeded.entrySet()) {
			Files.write(this.root.resolve(file.getKey()), file.getValue());
		}
		Files.createDirectories(this.root.resolve("seed-dir"));
		// A partial upload of 2000 bytes of a 3 MiB file, for PARTIAL to read (docs/PROTOCOL.md, "Resume").
		String partial = partialKey(SEEDED_PARTIAL);
		this.seededHidden.put(partial + ".part", bytes(random, 2000));
		this.seededHidden.put(partial + ".info", (3 * MIB + "\n2026-01-02T03:04:05.678Z\n").getBytes(StandardCharsets.UTF_8));
		for (Map.Entry<String, byte[]> file : this.seededHidden.entrySet()) {
			Files.write(this.root.resolve(file.getKey()), file.getValue());
		}

		this.logger = (Logger) LoggerFactory.getLogger("dev.simpleftp");
		this.loggerLevel = this.logger.getLevel();
		this.logger.setLevel(Level.INFO); // whatever an earlier test left: errors must reach the appender
		ThresholdFilter warnings = new ThresholdFilter();
		warnings.setLevel("WARN");
		warnings.start();
		this.serverLog.addFilter(warnings);
		this.serverLog.start();
		this.logger.addAppender(this.serverLog);
		this.previousHandler = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, ex) -> this.uncaught.add(thread.getName() + ": " + stackTrace(ex)));

		this.server = RunningServer.start(this.root, 200, Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
		if (this.logger != null) {
			this.logger.detachAppender(this.serverLog);
			this.logger.setLevel(this.loggerLevel);
			Thread.setDefaultUncaughtExceptionHandler(this.previousHandler);
		}
		System.out.println(getClass().getSimpleName() + " seed=" + SEED + " timings(ms)=" + this.timings + " counts="
				+ new TreeMap<>(this.counts));
	}

	@Test
	void serverSurvivesFuzzingAndKeepsServingAWellBehavedClient() throws Exception {
		long started = System.nanoTime();
		AtomicBoolean fuzzing = new AtomicBoolean();
		AtomicBoolean over = new AtomicBoolean();
		CountDownLatch warmedUp = new CountDownLatch(1);
		ExecutorService clientThread = Executors.newSingleThreadExecutor();
		Future<Integer> roundTrips = clientThread
			.submit(() -> wellBehavedClient(new Random(SEED ^ 0xC11E), warmedUp, fuzzing, over));
		warmedUp.await(2 * CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.failures).as(where("the well-behaved client's first round trip, before fuzzing")).isEmpty();
		this.timings.put("warm-up round trip", millisSince(started));
		long fuzzStarted = System.nanoTime();
		fuzzing.set(true);
		fuzz();
		fuzzing.set(false);
		over.set(true);
		this.timings.put("fuzzing", millisSince(fuzzStarted));
		int rounds = roundTrips.get(2 * CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		clientThread.shutdown();

		assertThat(this.failures).as(where("what went wrong during fuzzing")).isEmpty();
		assertThat(rounds).as(where("round trips of the well-behaved client during fuzzing")).isGreaterThanOrEqualTo(MIN_ROUND_TRIPS);
		count("round trips", rounds);

		long settling = System.nanoTime();
		assertEventually(COUNT_SETTLE, () -> this.server.runner().connectionCount() == 0,
				() -> where("connections still counted " + COUNT_SETTLE + " after every socket closed: "
						+ this.server.runner().connectionCount()));
		this.timings.put("connections back to 0", millisSince(settling));
		newClientIsServed();
		assertEventually(COUNT_SETTLE, () -> this.server.runner().connectionCount() == 0,
				() -> where("connections counted " + COUNT_SETTLE + " after the last client left: " + this.server.runner().connectionCount()));

		assertDirectoryHoldsOnlyWhatWasStored();
		assertNoErrorWasLogged();
		this.timings.put("total", millisSince(started));
	}

	// ---------------------------------------------------------------------------------------
	// The fuzz connections

	/** Starts the fuzz connections evenly over {@link #FUZZ_TIME}, at most {@link #PARALLEL} at once, and waits for them all. */
	private void fuzz() throws InterruptedException {
		Random random = new Random(SEED);
		Targets targets = new Targets(this.seeded.keySet().stream()
			.sorted((a, b) -> Integer.compare(this.seeded.get(b).length, this.seeded.get(a).length))
			.toList(), "seed-dir", SEEDED_PARTIAL);
		ExecutorService connections = Executors.newFixedThreadPool(PARALLEL);
		ExecutorService readers = Executors.newFixedThreadPool(PARALLEL);
		ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
		long start = System.nanoTime();
		long spacing = FUZZ_TIME.toNanos() / CONNECTIONS;
		try {
			for (int index = 0; index < CONNECTIONS; index++) {
				long connectionSeed = random.nextLong();
				int connection = index;
				TimeUnit.NANOSECONDS.sleep(Math.max(0, start + index * spacing - System.nanoTime()));
				connections.execute(() -> {
					FuzzScript script = null;
					try {
						script = FuzzScript.draw(connection, new Random(connectionSeed), targets);
						run(script, readers, watchdog);
					}
					catch (IOException | RuntimeException | InterruptedException ex) {
						this.failures.add(where(((script != null) ? script.describe() : "connection " + connection)
								+ ": the fuzz connection itself failed: " + stackTrace(ex)));
					}
				});
			}
			connections.shutdown();
			if (!connections.awaitTermination(CONNECTION_LIMIT.toSeconds() + FUZZ_TIME.toSeconds(), TimeUnit.SECONDS)) {
				this.failures.add(where("fuzz connections still running long after the last one started"));
			}
		}
		finally {
			connections.shutdownNow();
			readers.shutdownNow();
			watchdog.shutdownNow();
		}
	}

	private void run(FuzzScript script, ExecutorService readers, ScheduledExecutorService watchdog)
			throws IOException, InterruptedException {
		count(script.kind().toString(), 1);
		count("ending " + script.ending(), 1);
		count("lines withheld as PUT requests", script.withheld());
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 5000);
		socket.setSoTimeout((int) CONNECTION_LIMIT.toMillis());
		socket.setTcpNoDelay(true);
		AtomicBoolean hung = new AtomicBoolean();
		ScheduledFuture<?> guard = watchdog.schedule(() -> {
			hung.set(true);
			reset(socket);
		}, CONNECTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		Replies replies = new Replies();
		Future<?> reading = readers.submit(() -> replies.readFrom(socket));
		long sent = write(script, socket, replies);
		end(script, socket, reading);
		guard.cancel(false);
		try {
			reading.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			this.failures.add(where(script.describe() + ": reading the replies: " + ex));
		}
		if (hung.get()) {
			this.failures.add(where(script.describe() + ": still open after " + CONNECTION_LIMIT + "; reset"));
		}
		if (replies.first != null && !replies.first.startsWith(GREETING)) {
			this.failures.add(where(script.describe() + ": greeted with '" + replies.first + "'"));
		}
		if (!replies.internalErrors.isEmpty()) {
			this.failures.add(where(script.describe() + ": replies " + replies.internalErrors));
		}
		count("bytes sent", sent);
		count("reply bytes read", replies.bytes);
	}

	/**
	 * Writes the script's pieces, with their pauses; waits for the {@code 150} of a resumable upload.
	 * Stops at the first write that fails (the server closed: after a line too long, 10 bad requests,
	 * or a refusal it cannot skip). Returns the bytes written.
	 */
	private long write(FuzzScript script, Socket socket, Replies replies) throws InterruptedException {
		long sent = 0;
		long body = 0; // of a resumable upload: bytes written, or being written when a write failed
		boolean whole = false;
		try {
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < script.pieces().size(); i++) {
				Piece piece = script.pieces().get(i);
				if (i > script.awaitGoAheadAfter() && script.awaitGoAheadAfter() >= 0) {
					body += piece.bytes().length;
				}
				out.write(piece.bytes());
				out.flush();
				sent += piece.bytes().length;
				if (i == script.awaitGoAheadAfter() && !acceptedUpload(script, replies)) {
					return sent;
				}
				if (piece.pauseMillis() > 0) {
					Thread.sleep(piece.pauseMillis());
				}
			}
			whole = true;
		}
		catch (IOException ex) {
			count("writes refused (server closed)", 1);
		}
		if (script.upload() != null && this.partials.containsKey(script.upload().name())) {
			this.partials.put(script.upload().name(), new SentUpload(script, body, whole));
		}
		return sent;
	}

	/** Waits for the 150 of a resumable upload: then the server holds a partial file for it, whatever happens next. */
	private boolean acceptedUpload(FuzzScript script, Replies replies) throws InterruptedException {
		ResumableUpload upload = script.upload();
		String reply = replies.nextAfterGreeting(SETTLE);
		String expected = upload.restart() ? "150 restart=" : "150 send ";
		if (upload.size() >= (1L << 40) && reply != null
				&& (reply.startsWith("552 file too large") || reply.startsWith("452 insufficient space on the server"))) {
			// A terabyte or more: over ftp.server.max-file-size, or more than the disk has free. Refused
			// before any byte, so no partial file.
			count("resumable uploads refused as too large", 1);
			return false;
		}
		if (reply == null || !reply.startsWith(expected)) {
			this.failures.add(where(script.describe() + ": expected '" + expected + "...' to the upload, got '" + reply + "'"));
			return false;
		}
		this.partials.put(upload.name(), new SentUpload(script, 0, false));
		return true;
	}

	private void end(FuzzScript script, Socket socket, Future<?> reading) throws InterruptedException {
		switch (script.ending()) {
			case CLOSE -> close(socket);
			case RESET -> reset(socket);
			case HALF_CLOSE -> {
				try {
					socket.shutdownOutput();
				}
				catch (IOException ex) {
					count("half-close refused (server closed)", 1);
				}
				try {
					reading.get(SETTLE.toSeconds(), TimeUnit.SECONDS);
				}
				catch (TimeoutException ex) {
					this.failures.add(where(script.describe() + ": the server kept its side open " + SETTLE
							+ " after the peer half-closed"));
				}
				catch (ExecutionException ex) {
					this.failures.add(where(script.describe() + ": reading the replies: " + ex));
				}
				close(socket);
			}
		}
	}

	/**
	 * What a fuzz connection sent of a resumable upload's body, once the server accepted it.
	 * @param bodyBytesSent at most this many bytes reached the server
	 * @param whole whether every write succeeded, so that exactly that many did
	 */
	private record SentUpload(FuzzScript script, long bodyBytesSent, boolean whole) {
	}

	/**
	 * Reads all a connection's replies, bodies and all: the first line, any line that reports an
	 * internal error, and the first lines for a connection that waits for a {@code 150}.
	 */
	private static final class Replies {

		private static final int KEPT_LINES = 100;

		private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>(KEPT_LINES);

		private final List<String> internalErrors = new CopyOnWriteArrayList<>();

		private volatile String first;

		private volatile long bytes;

		void readFrom(Socket socket) {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			byte[] buffer = new byte[16 * 1024];
			try {
				InputStream in = socket.getInputStream();
				int read;
				while ((read = in.read(buffer)) != -1) {
					this.bytes += read;
					for (int i = 0; i < read; i++) {
						if (buffer[i] == '\n') {
							lineRead(line.toString(StandardCharsets.UTF_8));
							line.reset();
						}
						else if (line.size() < 512) {
							line.write(buffer[i]);
						}
					}
				}
			}
			catch (IOException ex) {
				// Reset, or closed by this side: the replies end here.
			}
		}

		private void lineRead(String line) {
			if (this.first == null) {
				this.first = line;
			}
			this.lines.offer(line);
			if (line.contains("internal server error")) {
				this.internalErrors.add(line);
			}
		}

		/** The first reply after the greeting, or null if none came in time. */
		String nextAfterGreeting(Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			String line;
			do {
				line = this.lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			while (line != null && line.startsWith("220 "));
			return line;
		}

	}

	// ---------------------------------------------------------------------------------------
	// The well-behaved client

	/**
	 * Puts a file, gets it back, compares it, lists, until the fuzzing is over; returns the round
	 * trips finished while it lasted. The first round, a warm-up before the fuzzing starts, is not
	 * counted. Reconnects every 10 rounds, so that it is also accepted while the server is busy.
	 * Records its first failure and stops there.
	 */
	private int wellBehavedClient(Random random, CountDownLatch warmedUp, AtomicBoolean fuzzing, AtomicBoolean over)
			throws IOException {
		LocalFileStore up = new LocalFileStore(this.temp.resolve("client-up"));
		LocalFileStore down = new LocalFileStore(this.temp.resolve("client-down"));
		int during = 0;
		String step = "connect";
		FtpClient client = null;
		try {
			for (int round = 0; !over.get(); round++) {
				if (round % 10 == 0) {
					if (client != null) {
						client.close();
					}
					step = "round " + round + ": connect";
					client = FtpClient.connect("127.0.0.1", this.server.port(), CLIENT_TIMEOUT);
				}
				FileName name = FileName.of(CLIENT_NAMES[random.nextInt(CLIENT_NAMES.length)]);
				byte[] content = bytes(random, clientFileSize(random));
				step = "round " + round + ": put '" + name + "' (" + content.length + " bytes)";
				Files.write(up.root().resolve(name.value()), content);
				assertThat(client.put(name, up).bytes()).as(where(step)).isEqualTo(content.length);
				this.published.put(name.value(), content);
				step = "round " + round + ": get '" + name + "' (" + content.length + " bytes)";
				client.get(name, down);
				assertThat(down.root().resolve(name.value())).as(where(step)).hasBinaryContent(content);
				step = "round " + round + ": list";
				RemoteListing listing = client.list();
				assertThat(listing.rejected()).as(where(step + ", names rejected")).isEmpty();
				assertThat(sizes(listing.files())).as(where(step)).isEqualTo(expectedVisible());
				if (round == 0) {
					warmedUp.countDown();
				}
				else if (fuzzing.get()) {
					during++;
				}
			}
		}
		catch (IOException | RuntimeException | AssertionError ex) {
			this.failures.add(where("the well-behaved client, " + step + ": " + stackTrace(ex)));
		}
		finally {
			warmedUp.countDown();
			if (client != null) {
				client.close();
			}
		}
		return during;
	}

	/** Mostly small, sometimes up to 512 KiB, sometimes over 1 MiB (the resumable path, on both sides). */
	private static int clientFileSize(Random random) {
		int pick = random.nextInt(10);
		return (pick < 6) ? random.nextInt(16 * 1024) : (pick < 9) ? 16 * 1024 + random.nextInt(496 * 1024)
				: MIB + 1 + random.nextInt(MIB / 2);
	}

	private void newClientIsServed() throws IOException {
		LocalFileStore up = new LocalFileStore(this.temp.resolve("after-up"));
		LocalFileStore down = new LocalFileStore(this.temp.resolve("after-down"));
		FileName name = FileName.of("after-fuzzing.bin");
		byte[] content = bytes(new Random(SEED), 100_000);
		Files.write(up.root().resolve(name.value()), content);
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), CLIENT_TIMEOUT)) {
			client.noop();
			for (Map.Entry<String, byte[]> file : this.seeded.entrySet()) {
				client.get(FileName.of(file.getKey()), down);
				assertThat(down.root().resolve(file.getKey())).as(where("a seeded file, fetched after fuzzing"))
					.hasBinaryContent(file.getValue());
			}
			client.put(name, up);
			this.published.put(name.value(), content);
			assertThat(sizes(client.list().files())).as(where("listing after fuzzing")).isEqualTo(expectedVisible());
		}
	}

	// ---------------------------------------------------------------------------------------
	// Checks of the directory and the log

	private void assertDirectoryHoldsOnlyWhatWasStored() throws IOException, InterruptedException {
		Map<String, Long> visible = expectedVisible();
		assertThat(sizes(new LocalFileStore(this.root).list())).as(where("FileStore.list() of the server's directory"))
			.isEqualTo(visible);
		List<String> plain = new ArrayList<>(visible.keySet());
		plain.add("seed-dir");
		assertThat(names(this.root).filter(name -> !name.startsWith(RESERVED)).sorted())
			.as(where("the server's directory, less the reserved names"))
			.containsExactlyInAnyOrderElementsOf(plain);
		for (Map.Entry<String, byte[]> file : this.seeded.entrySet()) {
			assertThat(this.root.resolve(file.getKey())).as(where("seeded file " + file.getKey()))
				.hasBinaryContent(file.getValue());
		}
		for (Map.Entry<String, byte[]> file : this.published.entrySet()) {
			assertThat(this.root.resolve(file.getKey())).as(where("the client's last version of " + file.getKey()))
				.hasBinaryContent(file.getValue());
		}
		assertThat(names(this.root.resolve("seed-dir"))).as(where("seed-dir")).isEmpty();

		List<String> hidden = new ArrayList<>(this.seededHidden.keySet());
		this.partials.keySet().forEach(name -> {
			hidden.add(partialKey(name) + ".part");
			hidden.add(partialKey(name) + ".info");
		});
		assertEventually(SETTLE, () -> names(this.root).filter(name -> name.startsWith(RESERVED)).sorted().toList()
			.equals(hidden.stream().sorted().toList()),
				() -> where("hidden files " + names(this.root).filter(name -> name.startsWith(RESERVED)).sorted().toList()
						+ ", expected exactly " + hidden.stream().sorted().toList() + " (the seeded partial, and those of "
						+ this.partials.size() + " resumable uploads accepted)"));
		for (Map.Entry<String, byte[]> file : this.seededHidden.entrySet()) {
			assertThat(this.root.resolve(file.getKey())).as(where("seeded partial " + file.getKey()))
				.hasBinaryContent(file.getValue());
		}
		for (SentUpload sent : this.partials.values()) {
			assertPartialHoldsWhatWasSent(sent);
		}
		count("partial uploads left by fuzzing", this.partials.size());
	}

	/**
	 * The partial file of an accepted resumable upload: its info names the declared size and time,
	 * and its bytes are a prefix of what was sent (all of them after a half-close, when the server
	 * read to the end).
	 */
	private void assertPartialHoldsWhatWasSent(SentUpload sent) throws IOException {
		ResumableUpload upload = sent.script().upload();
		String where = where(sent.script().describe() + ", " + sent.bodyBytesSent() + " bytes of body sent");
		String key = partialKey(upload.name());
		assertThat(Files.readAllLines(this.root.resolve(key + ".info"))).as(where + ": the partial's info")
			.containsExactly(Long.toString(upload.size()), upload.modified().toString(), upload.name());
		byte[] held = Files.readAllBytes(this.root.resolve(key + ".part"));
		if (sent.script().ending() == Ending.HALF_CLOSE && sent.whole()) {
			assertThat(held.length).as(where + ": bytes in the partial").isEqualTo(upload.body().length);
		}
		assertThat(held.length).as(where + ": bytes in the partial").isLessThanOrEqualTo((int) sent.bodyBytesSent());
		assertThat(held).as(where + ": the partial's bytes").isEqualTo(Arrays.copyOf(upload.body(), held.length));
	}

	private void assertNoErrorWasLogged() {
		List<ILoggingEvent> events;
		synchronized (this.serverLog) {
			events = List.copyOf(this.serverLog.list);
		}
		List<String> errors = events.stream()
			.filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()
					+ ((event.getThrowableProxy() != null) ? "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy()) : ""))
			.toList();
		count("server WARN lines", events.size() - errors.size());
		assertThat(errors).as(where("ERROR lines the server logged")).isEmpty();
		assertThat(this.uncaught).as(where("uncaught exceptions")).isEmpty();
	}

	// ---------------------------------------------------------------------------------------
	// Helpers

	/** The files a LIST must show: the seeded ones and the client's, with their sizes. */
	private Map<String, Long> expectedVisible() {
		Map<String, Long> visible = new TreeMap<>();
		this.seeded.forEach((name, bytes) -> visible.put(name, (long) bytes.length));
		this.published.forEach((name, bytes) -> visible.put(name, (long) bytes.length));
		return visible;
	}

	private static Map<String, Long> sizes(List<FileEntry> entries) {
		Map<String, Long> sizes = new TreeMap<>();
		entries.forEach(entry -> sizes.put(entry.name().value(), entry.size()));
		return sizes;
	}

	private static Stream<String> names(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(path -> path.getFileName().toString()).toList().stream();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code .simpleftp-partial-KEY}, KEY being the first 128 bits of the SHA-256 of the name (docs/PROTOCOL.md, "Resume"). */
	private static String partialKey(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return RESERVED + "partial-" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void assertEventually(Duration within, BooleanSupplier condition, Supplier<String> message)
			throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(condition.getAsBoolean()).as(message).isTrue();
	}

	private static String where(String what) {
		return "seed=" + SEED + " (replay with -Dfuzz.seed=" + SEED + "): " + what;
	}

	private void count(String what, long amount) {
		this.counts.computeIfAbsent(what, key -> new AtomicLong()).addAndGet(amount);
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already gone.
		}
	}

	/** Closes with a TCP reset rather than an orderly close, like a killed process. */
	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Already closed: nothing to reset.
		}
		close(socket);
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

	private static String stackTrace(Throwable ex) {
		StringWriter out = new StringWriter();
		ex.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

	private static byte[] bytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
