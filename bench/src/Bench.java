import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.stream.Collectors;

/**
 * Measures Simple FTP on this machine against two baselines, all in one run, and prints medians of
 * {@code --runs} runs with their ratio to the baselines:
 * <ol>
 * <li>{@code cp} of a big random file (1 GiB) on the same file system: the disk/memory ceiling;</li>
 * <li>the same file over one plain TCP connection between two processes (bench/TcpCopy.java): the
 * ceiling for anything that moves bytes over a socket;</li>
 * <li>Simple FTP {@code get} and {@code put} of the big file, by the client jar run as a whole
 * process with {@code --script}: the client's own transfer time and the process's wall time; and
 * the CPU time (user + system) per GiB moved of the server, read from /proc before and after each
 * client run, and of the client process, from {@code /usr/bin/time} when it is there;</li>
 * <li>the same {@code get} from a second server started with {@code --ftp.server.zero-copy=true},
 * which sends the file with sendfile instead of through its buffer (scenario get-zero-copy);</li>
 * <li>{@code get small-*} and {@code put up-small-*} of 1000 files of 4 KiB in one session: files/s,
 * cold (the first command of a fresh client process) and warm (the second of two such commands in
 * one session);</li>
 * <li>100 clients at once, in this JVM through the client library, each getting its own 1 MiB file:
 * aggregate MiB/s and p50/p99 latency per client;</li>
 * <li>only with {@code --only=soak}: 200 clients in this JVM for 60 s, each looping over GETs and PUTs
 * of random sizes with every file checked, and the server's memory, threads and log warnings
 * (scenario soak; see {@link Soak});</li>
 * <li>the server's resident memory with 1000 idle connections, and without;</li>
 * <li>start-up: launch to the client's interactive prompt, and launch to the server's
 * "listening on" log line; by {@code java -jar}, and by the {@code ./simple-ftp} launcher (after
 * one untimed start of each that makes its class-data archive);</li>
 * <li>what the CRC32C that verifies every transfer costs the CPU alone: the big file read in this JVM
 * through a 1 MiB buffer with and without it, by mapping, and with SHA-256 for comparison
 * (scenario checksum-cost);</li>
 * <li>with {@code --unverified-jar}: GET and PUT of the big file by this build and by a build without
 * verification, in turns within each run (scenario verify-cost; not run without that option);</li>
 * <li>GET and PUT of the big file by the client library in this JVM from a server with TLS (the test
 * certificates) and, in turns within each run, from one without: rates, their ratio, server and
 * client CPU per GiB, and the protocol and cipher suite the server logged (scenario tls);</li>
 * <li>only with {@code --only=launcher}: GET and PUT of the big file, plain and over TLS, by
 * {@code ./simple-ftp client --script} and, in turns, by {@code java -jar}, and the client's
 * start-up both ways (scenario launcher; see {@link LauncherScenario});</li>
 * <li>only with {@code --only=durable}: GET and PUT of the big file and pipelined batches of the small
 * files on a disk file system, by the client library, from a durable server and, in turns, one with
 * {@code --ftp.server.durable=false} (scenario durable; see {@link DurableScenario}).</li>
 * </ol>
 * Data lives in a temporary directory (on /dev/shm when it has room), deleted at the end, also on
 * failure or Ctrl-C. Every run is written to target/bench/results-TIMESTAMP.tsv, and the output ends
 * with one {@code RESULT scenario=... value=... unit=... baseline=... ratio=...} line per figure.
 * Each scenario is a class of its own ({@code CpScenario} to {@code DurableScenario}); what they share
 * is {@link Harness}. Run it as {@code bench/run} after {@code ./mvnw -q package -DskipTests};
 * {@code bench/run --help} lists the options.
 */
public class Bench {

	static final long KIB = 1024;

	static final long MIB = 1024 * KIB;

	static final long GIB = 1024 * MIB;

	static final String HOST = "127.0.0.1";

	static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

	static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	static final String BIG = "big.bin";

	static final String UPLOADED_BIG = "up.bin";

	static final String SMALL_PREFIX = "small-";

	static final String UPLOADED_SMALL_PREFIX = "up-small-";

	private final Options options;

	private final Path project;

	private final Path builtJar;

	private final Deadline deadline;

	private final Results results = new Results();

	private Workspace workspace;

	private Launcher launcher;

	private Harness harness;

	private boolean cleanedUp;

	Bench(Options options, Path project) {
		this.options = options;
		this.project = project;
		this.builtJar = project.resolve("target/simple-ftp.jar");
		this.deadline = new Deadline(Duration.ofMinutes(options.maxMinutes()));
	}

	public static void main(String[] args) {
		Options options = Options.parseOrExit(args);
		int status = new Bench(options, Path.of("").toAbsolutePath()).run();
		System.exit(status);
	}

	/** Runs the selected scenarios, cleans up, prints the report; 0 if every scenario succeeded. */
	int run() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "bench-cleanup"));
		List<Scenario> scenarios = Scenario.selected(this.options.only(), this.options.unverifiedJar() != null);
		try {
			prepare(scenarios);
			for (Scenario scenario : scenarios) {
				runScenario(scenario);
			}
		}
		catch (Exception ex) {
			this.results.abort("the bench itself failed: " + describe(ex));
			if (!(ex instanceof BenchFailure)) {
				ex.printStackTrace();
			}
		}
		finally {
			cleanUp();
		}
		report();
		return this.results.anyFailed() ? 1 : 0;
	}

	private void prepare(List<Scenario> scenarios) throws IOException, InterruptedException {
		require(Files.isRegularFile(this.builtJar), "missing " + this.builtJar + ": run ./mvnw -q package -DskipTests");
		this.workspace = Workspace.create(bytesNeeded(scenarios));
		this.launcher = new Launcher(this.project, this.workspace.dir("logs"));
		this.harness = new Harness(this.options, this.project, this.deadline, this.results, this.workspace, this.launcher,
				snapshotJar());
		printHeader(scenarios);
		long started = System.nanoTime();
		this.workspace.makeData(this.options, Scenario.needsBigFile(scenarios), Scenario.needsSmallFiles(scenarios),
				Scenario.needsMidFiles(scenarios));
		System.out.printf(Locale.ROOT, "test data written in %.1f s%n", (System.nanoTime() - started) / 1e9);
	}

	private long bytesNeeded(List<Scenario> scenarios) {
		Options o = this.options;
		long big = Scenario.needsBigFile(scenarios) ? 3 * o.bigBytes() : 0;
		long small = Scenario.needsSmallFiles(scenarios) ? 3L * o.smallFiles() * Math.max(o.smallBytes(), 4 * KIB) : 0;
		long mid = Scenario.needsMidFiles(scenarios) ? 2L * o.clients() * o.clientFileBytes() : 0;
		// What soak has on disk at once: most of its files are small; this allows each client 16 MiB.
		long soak = scenarios.contains(Scenario.SOAK) ? o.soakClients() * 16 * MIB : 0;
		return big + small + mid + soak + 256 * MIB;
	}

	private void printHeader(List<Scenario> scenarios) {
		Options o = this.options;
		System.out.printf("Simple FTP bench, %s, %d cores, bench JVM %s, jars run by %s%n",
				LocalDateTime.now().withNano(0), Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"), o.java());
		System.out.printf("data in %s; big file %s, %d x %s small, %d clients x %s, %d idle connections; %d run(s); "
				+ "scenarios %s; time limit %d min%n", this.workspace.root(), Sizes.human(o.bigBytes()), o.smallFiles(),
				Sizes.human(o.smallBytes()), o.clients(), Sizes.human(o.clientFileBytes()), o.idleConnections(),
				o.runs(), scenarios.stream().map(Scenario::option).collect(Collectors.joining(",")), o.maxMinutes());
		if (o.unverifiedJar() != null) {
			System.out.println("unverified build for verify-cost: " + o.unverifiedJar());
		}
		if (scenarios.contains(Scenario.SOAK)) {
			System.out.printf("soak: %d clients for %d s, seed %d%n", o.soakClients(), o.soakSeconds(), o.seed());
		}
	}

	private void runScenario(Scenario scenario) {
		System.out.println();
		System.out.println("== " + scenario.option() + ": " + scenario.description());
		this.results.beginGroup(scenario.option());
		if (this.deadline.expired()) {
			this.results.failGroup("skipped: the run's time limit (--max-minutes=" + this.options.maxMinutes() + ") is used up",
					scenario.runs(this.options));
			return;
		}
		try {
			switch (scenario) {
				case CP -> new CpScenario(this.harness).run();
				case TCP -> new TcpScenario(this.harness).run();
				case GET -> new BigTransferScenario(this.harness).bigTransfer(Direction.GET);
				case GET_ZERO_COPY -> new BigTransferScenario(this.harness).zeroCopyGet();
				case PUT -> new BigTransferScenario(this.harness).bigTransfer(Direction.PUT);
				case GET_SMALL -> new SmallTransferScenario(this.harness).run(Direction.GET);
				case PUT_SMALL -> new SmallTransferScenario(this.harness).run(Direction.PUT);
				case CONCURRENT -> new ConcurrentScenario(this.harness).run();
				case SOAK -> new SoakScenario(this.harness).run();
				case IDLE -> new IdleScenario(this.harness).run();
				case STARTUP -> new StartupScenario(this.harness).run();
				case CHECKSUM_COST -> new ChecksumCostScenario(this.harness).run();
				case VERIFY_COST -> new VerifyCostScenario(this.harness).run();
				case TLS -> new TlsScenario(this.harness).run();
				case LAUNCHER -> new LauncherScenario(this.harness).run();
				case DURABLE -> new DurableScenario(this.harness).run();
			}
		}
		catch (Exception ex) {
			this.results.failGroup(describe(ex), scenario.runs(this.options));
		}
	}

	/**
	 * A copy of the jar in the workspace, so that a rebuild during the run does not change what is
	 * measured half way; a jar being written right now has no manifest yet, so that is waited for.
	 */
	private Path snapshotJar() throws IOException, InterruptedException {
		long limit = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!Launcher.isRunnableJar(this.builtJar)) {
			require(System.nanoTime() < limit, this.builtJar + " has no Main-Class: is a build still writing it? "
					+ "Rerun after ./mvnw -q package -DskipTests");
			Thread.sleep(2000);
		}
		Path copy = this.workspace.dir("jar").resolve("simple-ftp.jar");
		Files.copy(this.builtJar, copy);
		require(Launcher.isRunnableJar(copy), "the jar changed while it was copied; rerun");
		return copy;
	}

	private void report() {
		Path tsv = null;
		try {
			tsv = this.results.writeTsv(this.project.resolve("target/bench"));
		}
		catch (IOException ex) {
			System.err.println("could not write the results file: " + ex.getMessage());
		}
		System.out.println();
		this.results.printTable(System.out);
		if (tsv != null) {
			System.out.println("every run: " + tsv);
		}
		this.results.printResultLines(System.out);
	}

	/** Stops every process this bench started and deletes the workspace; runs once, also on Ctrl-C. */
	private synchronized void cleanUp() {
		if (this.cleanedUp) {
			return;
		}
		this.cleanedUp = true;
		if (this.harness != null) {
			this.harness.close();
		}
		Launcher.stopAll();
		if (this.workspace != null) {
			this.workspace.delete();
		}
	}

	static void require(boolean condition, String failure) {
		if (!condition) {
			throw new BenchFailure(failure);
		}
	}

	static String describe(Throwable ex) {
		if (ex instanceof BenchFailure) {
			return ex.getMessage();
		}
		return ex.getClass().getSimpleName() + (ex.getMessage() != null ? ": " + ex.getMessage() : "");
	}

}
