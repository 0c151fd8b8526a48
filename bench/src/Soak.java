import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * soak's load: clients in this JVM, each on its own connection and thread, looping over GETs and
 * PUTs of random sizes until the end, then given {@link #GRACE} to finish what they started. Every
 * file is checked byte for byte after it moved: a PUT's file where the server stores it, a GET's
 * where the client put it. Content comes from a seed ({@link SeededContent}), so it is made again
 * to check rather than kept. A client gets one of the files seeded on the server before the start,
 * or one it put itself; it keeps its newest {@link #KEPT_PER_CLIENT} uploads on the server and
 * deletes older ones, so that the disk in use stays bounded however long the run.
 */
final class Soak {

	/** How long operations still running at the end may take before they count as failures. */
	static final Duration GRACE = Duration.ofSeconds(30);

	/** The first failures shown, of however many there are. */
	private static final int FAILURES_SHOWN = 10;

	private static final long SMALL = 64 * Bench.KIB;

	private static final long MEDIUM = 4 * Bench.MIB;

	private static final long LARGE = 32 * Bench.MIB;

	private static final int SEEDED_FILES = 40;

	static final int KEPT_PER_CLIENT = 2;

	/** Before about one operation in this many, the client closes its connection and opens another. */
	static final int RECONNECT_ONE_IN = 50;

	private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

	private static final Pattern LOG_LEVEL = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) ");

	enum Op {

		GET, PUT, CONNECT

	}

	/** A file any client can make again and check: its name, the seed of its content, its size. */
	record SoakFile(String name, long seed, long size) {
	}

	/** One operation's count, failures, bytes, and the latencies of those that succeeded, sorted. */
	record OpFigures(int done, int failed, long bytes, long[] sortedNanos) {

		/** Nearest rank; 0 if none succeeded. */
		double latencyMillis(double percentile) {
			if (this.sortedNanos.length == 0) {
				return 0;
			}
			int rank = (int) Math.ceil(percentile * this.sortedNanos.length);
			return this.sortedNanos[Math.max(0, rank - 1)] / 1e6;
		}

	}

	/**
	 * What the clients did: per operation, the failures in all and the first few, wall time from the
	 * start to the last client's end, and the clients still busy when the grace ran out.
	 */
	record Outcome(Map<Op, OpFigures> ops, int failures, List<String> firstFailures, long nanos, int abandoned) {

		int transfers() {
			return this.ops.get(Op.GET).done() + this.ops.get(Op.PUT).done();
		}

		long bytes() {
			return this.ops.get(Op.GET).bytes() + this.ops.get(Op.PUT).bytes();
		}

		double seconds() {
			return this.nanos / 1e9;
		}

	}

	/** The server console's WARN and ERROR lines: how many, and the first few. */
	record Warnings(int count, List<String> first) {
	}

	final String host;

	final int port;

	final Path serverDir;

	final Path clientsDir;

	private final int clients;

	private final Duration length;

	private final long seed;

	final Duration clientTimeout;

	final List<SoakFile> seeded;

	final Tally tally = new Tally();

	volatile long startedAt;

	volatile long stopAt;

	Soak(String host, int port, Path serverDir, Path clientsDir, int clients, Duration length, long seed,
			Duration clientTimeout, List<SoakFile> seeded) {
		this.host = host;
		this.port = port;
		this.serverDir = serverDir;
		this.clientsDir = clientsDir;
		this.clients = clients;
		this.length = length;
		this.seed = seed;
		this.clientTimeout = clientTimeout;
		this.seeded = seeded;
	}

	/** Writes the files every client may get: an empty one, one of the largest size, the rest of random sizes. */
	static List<SoakFile> seedServer(Path dir, long seed) throws IOException {
		SplittableRandom random = new SplittableRandom(seed);
		ByteBuffer buffer = SeededContent.buffer();
		List<SoakFile> files = new ArrayList<>();
		for (int i = 0; i < SEEDED_FILES; i++) {
			long size = (i == 0) ? 0 : (i == 1) ? LARGE : size(random);
			SoakFile file = new SoakFile(String.format(Locale.ROOT, "seeded-%02d.bin", i), random.nextLong(), size);
			SeededContent.write(dir.resolve(file.name()), file, buffer);
			files.add(file);
		}
		return files;
	}

	/** Mostly small files, some medium, a few large: 85% up to 64 KiB, 13% up to 4 MiB, 2% up to 32 MiB. */
	static long size(SplittableRandom random) {
		int percent = random.nextInt(100);
		if (percent < 85) {
			return random.nextLong(SMALL + 1);
		}
		if (percent < 98) {
			return random.nextLong(SMALL, MEDIUM + 1);
		}
		return random.nextLong(MEDIUM, LARGE + 1);
	}

	/**
	 * Connects every client, starts them together, and waits for them to stop (at most
	 * {@link #GRACE} past the end); meanwhile reads {@code server} every second, and prints
	 * progress with its reading every ten.
	 */
	Outcome run(Supplier<String> server) throws InterruptedException {
		CountDownLatch connected = new CountDownLatch(this.clients);
		CountDownLatch go = new CountDownLatch(1);
		List<SoakClient> all = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		// Each client a stream of its own, split off in order: the same choices for the same seed, whatever the threads do.
		SplittableRandom streams = new SplittableRandom(this.seed).split();
		for (int number = 1; number <= this.clients; number++) {
			SoakClient client = new SoakClient(this, number, streams.split(), connected, go);
			Thread thread = new Thread(client, "soak-client-" + number);
			// An abandoned client must not keep the bench from exiting.
			thread.setDaemon(true);
			all.add(client);
			threads.add(thread);
			thread.start();
		}
		Bench.require(connected.await(this.clientTimeout.toSeconds() * 2, TimeUnit.SECONDS),
				"the soak clients did not connect in time");
		this.startedAt = System.nanoTime();
		this.stopAt = this.startedAt + this.length.toNanos();
		go.countDown();
		long giveUpAt = this.stopAt + GRACE.toNanos();
		long nextSample = this.startedAt + SAMPLE_EVERY.toNanos();
		long nextProgress = this.startedAt + PROGRESS_EVERY.toNanos();
		while (threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() < giveUpAt) {
			Thread.sleep(100);
			if (System.nanoTime() < nextSample) {
				continue;
			}
			String reading = server.get();
			nextSample += SAMPLE_EVERY.toNanos();
			if (System.nanoTime() >= nextProgress) {
				System.out.printf(Locale.ROOT, "  %3.0f s: %s; server %s%n", (System.nanoTime() - this.startedAt) / 1e9,
						this.tally.progress(), reading);
				nextProgress += PROGRESS_EVERY.toNanos();
			}
		}
		long nanos = System.nanoTime() - this.startedAt;
		int abandoned = (int) all.stream().filter(SoakClient::abandon).count();
		return this.tally.outcome(nanos, abandoned);
	}

	/** The WARN and ERROR lines of a console whose lines start with date, time and level. */
	static Warnings warnings(Path console) throws IOException {
		int count = 0;
		List<String> first = new ArrayList<>();
		// Lenient about bytes that are not UTF-8: this is output to read, not data.
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(console), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (LOG_LEVEL.matcher(line).find()) {
					count++;
					if (first.size() < FAILURES_SHOWN) {
						first.add(line);
					}
				}
			}
		}
		return new Warnings(count, first);
	}

	/** One operation under way: what, on which file, since when. */
	record Attempt(Op op, int client, SoakFile file, long startedAt) {
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// Left for the workspace's deletion at the end.
		}
	}

	/** Counts, bytes and latencies per operation, and the first failures; shared by every client. */
	final class Tally {

		private final Map<Op, LongList> latencies = new EnumMap<>(Op.class);

		private final Map<Op, Integer> failed = new EnumMap<>(Op.class);

		private final Map<Op, Long> bytes = new EnumMap<>(Op.class);

		private final List<String> firstFailures = new ArrayList<>();

		private int failures;

		Tally() {
			for (Op op : Op.values()) {
				this.latencies.put(op, new LongList());
				this.failed.put(op, 0);
				this.bytes.put(op, 0L);
			}
		}

		synchronized void done(Op op, long nanos, long moved) {
			this.latencies.get(op).add(nanos);
			this.bytes.merge(op, moved, Long::sum);
		}

		synchronized void fail(Attempt attempt, String why) {
			this.failed.merge(attempt.op(), 1, Integer::sum);
			this.failures++;
			if (this.firstFailures.size() < FAILURES_SHOWN) {
				SoakFile file = attempt.file();
				String what = (file != null) ? attempt.op() + " " + file.name() + " (" + file.size() + " bytes)" : "connect";
				long start = Soak.this.startedAt;
				String when = (start == 0 || attempt.startedAt() < start) ? "before the start"
						: String.format(Locale.ROOT, "started at %.1f s", (attempt.startedAt() - start) / 1e9);
				this.firstFailures.add("client " + attempt.client() + ", " + what + ", " + when + ": " + why);
			}
		}

		synchronized String progress() {
			return String.format(Locale.ROOT, "%d GETs, %d PUTs, %d failures, %.0f MiB moved", this.latencies.get(Op.GET).size(),
					this.latencies.get(Op.PUT).size(), this.failures,
					(this.bytes.get(Op.GET) + this.bytes.get(Op.PUT)) / (double) Bench.MIB);
		}

		synchronized Outcome outcome(long nanos, int abandoned) {
			Map<Op, OpFigures> ops = new EnumMap<>(Op.class);
			for (Op op : Op.values()) {
				LongList list = this.latencies.get(op);
				ops.put(op, new OpFigures(list.size(), this.failed.get(op), this.bytes.get(op), list.sorted()));
			}
			return new Outcome(ops, this.failures, List.copyOf(this.firstFailures), nanos, abandoned);
		}

	}

}
