import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.CRC32C;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import dev.simpleftp.client.BatchResult;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.Durability;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.transport.Tls;

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
 * start-up both ways (scenario launcher; see {@link #launcherTransfers});</li>
 * <li>only with {@code --only=durable}: GET and PUT of the big file and pipelined batches of the small
 * files on a disk file system, by the client library, from a durable server and, in turns, one with
 * {@code --ftp.server.durable=false} (scenario durable; see {@link #durableCost}).</li>
 * </ol>
 * Data lives in a temporary directory (on /dev/shm when it has room), deleted at the end, also on
 * failure or Ctrl-C. Every run is written to target/bench/results-TIMESTAMP.tsv, and the output ends
 * with one {@code RESULT scenario=... value=... unit=... baseline=... ratio=...} line per figure.
 * Run it as {@code bench/run} after {@code ./mvnw -q package -DskipTests}; {@code bench/run --help}
 * lists the options.
 */
public class Bench {

	static final long KIB = 1024;

	static final long MIB = 1024 * KIB;

	static final long GIB = 1024 * MIB;

	static final String HOST = "127.0.0.1";

	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

	private static final String BIG = "big.bin";

	private static final String UPLOADED_BIG = "up.bin";

	/** The soak server's connection limit, total and per address, unless there are more clients. */
	private static final int SOAK_MAX_CONNECTIONS = 1000;

	private static final String SMALL_PREFIX = "small-";

	private static final String UPLOADED_SMALL_PREFIX = "up-small-";

	private final Options options;

	private final Path project;

	private final Path builtJar;

	private final Deadline deadline;

	private final Results results = new Results();

	private Path jar;

	private Workspace workspace;

	private Launcher launcher;

	private ServerProcess server;

	private List<String> tcpCopyLauncher;

	private double clockTicks;

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
		this.jar = snapshotJar();
		printHeader(scenarios);
		long started = System.nanoTime();
		this.workspace.makeData(this.options, Scenario.needsBigFile(scenarios), Scenario.needsSmallFiles(scenarios),
				Scenario.needsMidFiles(scenarios));
		System.out.printf(Locale.ROOT, "test data written in %.1f s%n", (System.nanoTime() - started) / 1e9);
		if (scenarios.contains(Scenario.TCP)) {
			this.tcpCopyLauncher = compileTcpCopy();
		}
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
				case CP -> copyBaseline();
				case TCP -> tcpBaseline();
				case GET -> bigTransfer(Direction.GET);
				case GET_ZERO_COPY -> zeroCopyGet();
				case PUT -> bigTransfer(Direction.PUT);
				case GET_SMALL -> smallTransfers(Direction.GET);
				case PUT_SMALL -> smallTransfers(Direction.PUT);
				case CONCURRENT -> concurrentGets();
				case SOAK -> soak();
				case IDLE -> idleConnections();
				case STARTUP -> startup();
				case CHECKSUM_COST -> checksumCost();
				case VERIFY_COST -> verifyCost();
				case TLS -> tlsCost();
				case LAUNCHER -> launcherTransfers();
				case DURABLE -> durableCost();
			}
		}
		catch (Exception ex) {
			this.results.failGroup(describe(ex), scenario.runs(this.options));
		}
	}

	// ---- scenarios -------------------------------------------------------------------------

	private void copyBaseline() throws Exception {
		Figure rate = this.results.figure("cp-" + bigLabel(), "MiB/s", Compare.TRANSFER_RATE, "cp process");
		this.results.useAsCp(rate);
		Path copy = this.workspace.dir("scratch").resolve("cp-copy.bin");
		for (int run = 1; run <= this.options.runs(); run++) {
			Outcome outcome = this.launcher.run("cp", List.of("cp", this.workspace.big().toString(), copy.toString()),
					this.deadline.cap(STEP_TIMEOUT));
			require(outcome.ok(), "cp: " + outcome.problem());
			Verify.size(copy, this.options.bigBytes());
			rate.add(run, Sizes.mibPerSecond(this.options.bigBytes(), outcome.nanos()), outcome.nanos() + " ns");
			Files.delete(copy);
		}
	}

	private void tcpBaseline() throws Exception {
		Figure transfer = this.results.figure("tcp-copy-" + bigLabel() + "-transfer", "MiB/s", Compare.TRANSFER_RATE,
				"receiver's own timing");
		Figure process = this.results.figure("tcp-copy-" + bigLabel() + "-process", "MiB/s", Compare.PROCESS_RATE,
				"receiver process, launch to exit");
		this.results.useAsTcp(transfer, process);
		Path scratch = this.workspace.dir("scratch");
		Path received = scratch.resolve("tcp-copy.bin");
		Path portFile = scratch.resolve("tcp-copy.port");
		for (int run = 1; run <= this.options.runs(); run++) {
			Files.deleteIfExists(portFile);
			Process sender = this.launcher.start(tcpCopyCommand("send", this.workspace.big().toString(), portFile.toString()),
					scratch.resolve("tcp-sender-" + run + ".log"));
			int port = awaitPortFile(portFile, sender);
			Outcome receiver = this.launcher.run("tcp-receiver",
					tcpCopyCommand("receive", HOST, Integer.toString(port), received.toString()), this.deadline.cap(STEP_TIMEOUT));
			require(receiver.ok(), "TcpCopy receive: " + receiver.problem());
			require(sender.waitFor(this.deadline.cap(STEP_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS) && sender.exitValue() == 0,
					"TcpCopy send did not finish cleanly");
			long nanos = ClientOutput.tcpCopyNanos(receiver);
			verifyArrived(received, this.workspace.big(), this.options.bigBytes(), run);
			transfer.add(run, Sizes.mibPerSecond(this.options.bigBytes(), nanos), nanos + " ns");
			process.add(run, Sizes.mibPerSecond(this.options.bigBytes(), receiver.nanos()), receiver.nanos() + " ns");
			Files.delete(received);
		}
	}

	/** GET of big.bin, or PUT of up.bin (a link to the same bytes in the client directory), with the main server. */
	private void bigTransfer(Direction direction) throws Exception {
		bigTransfer(direction, server(), direction.command() + "-" + bigLabel());
	}

	/** The get scenario's GET, from a second server that sends files with sendfile; stopped when done. */
	private void zeroCopyGet() throws Exception {
		try (ServerProcess zeroCopy = startServer(this.workspace.serverDir(), 10, "--ftp.server.zero-copy=true")) {
			System.out.printf(Locale.ROOT, "zero-copy server pid %d listening on %s:%d%n", zeroCopy.pid(), HOST, zeroCopy.port());
			bigTransfer(Direction.GET, zeroCopy, "get-zero-copy-" + bigLabel());
		}
	}

	/**
	 * Rates, and CPU seconds per GiB: the server's from /proc just before and after each client run
	 * (so also its JIT and GC threads), the client's from /usr/bin/time, JVM start-up included.
	 */
	private void bigTransfer(Direction direction, ServerProcess target, String prefix) throws Exception {
		Figure transfer = this.results.figure(prefix + "-transfer", "MiB/s", Compare.TRANSFER_RATE, "client's own timing");
		Figure process = this.results.figure(prefix + "-process", "MiB/s", Compare.PROCESS_RATE, "client process, launch to exit");
		Figure serverCpu = this.results.figure(prefix + "-server-cpu", "s/GiB", Compare.NONE, "server utime+stime per GiB moved");
		Figure clientCpu = CpuTime.canTimeProcesses() ? this.results.figure(prefix + "-client-cpu", "s/GiB", Compare.NONE,
				"client process utime+stime per GiB, JVM start-up included") : null;
		if (clientCpu == null) {
			System.out.println("  no client CPU figure: " + CpuTime.TIME + " is missing");
		}
		String name = (direction == Direction.GET) ? BIG : UPLOADED_BIG;
		Path source = direction.source(this.workspace).resolve(name);
		Path arrived = direction.destination(this.workspace).resolve(name);
		double gib = this.options.bigBytes() / (double) GIB;
		for (int run = 1; run <= this.options.runs(); run++) {
			Path cpuReport = (clientCpu != null) ? this.workspace.dir("scratch").resolve(prefix + "-" + run + ".cpu") : null;
			long ticksBefore = target.cpuTicks();
			Outcome outcome = clientScript(target, prefix, cpuReport, direction.command() + " " + name);
			long serverTicks = target.cpuTicks() - ticksBefore;
			Duration elapsed = ClientOutput.transferTime(outcome, direction.printedVerb(), name);
			verifyArrived(arrived, source, this.options.bigBytes(), run);
			transfer.add(run, Sizes.mibPerSecond(this.options.bigBytes(), elapsed.toNanos()), "client said " + Sizes.millis(elapsed));
			process.add(run, Sizes.mibPerSecond(this.options.bigBytes(), outcome.nanos()), outcome.nanos() + " ns");
			serverCpu.add(run, serverTicks / clockTicksPerSecond() / gib, serverTicks + " clock ticks");
			if (clientCpu != null) {
				double seconds = CpuTime.reportedSeconds(cpuReport);
				clientCpu.add(run, seconds / gib, Results.format(seconds) + " s user+sys");
			}
			Files.delete(arrived);
		}
	}

	/**
	 * {@code get small-*} or {@code put up-small-*}: every small file in one session. Cold: the
	 * command in a fresh client process. Warm: the same command twice in one session, timing the
	 * second (which replaces what the first moved).
	 */
	private void smallTransfers(Direction direction) throws Exception {
		String prefix = direction.command() + "-" + this.options.smallFiles() + "x" + Sizes.label(this.options.smallBytes());
		Figure transfer = this.results.figure(prefix + "-transfer", "files/s", Compare.NONE,
				"cold: client's own timing, 1st command of a fresh client");
		Figure process = this.results.figure(prefix + "-process", "files/s", Compare.NONE,
				"cold: client process, launch to exit");
		Figure warm = this.results.figure(prefix + "-transfer-warm", "files/s", Compare.NONE,
				"warm: client's own timing, 2nd of 2 in one session");
		String namePrefix = (direction == Direction.GET) ? SMALL_PREFIX : UPLOADED_SMALL_PREFIX;
		String command = direction.command() + " " + namePrefix + "*";
		for (int run = 1; run <= this.options.runs(); run++) {
			Outcome outcome = clientScript(prefix, command);
			ClientOutput.Summary summary = ClientOutput.summary(outcome, direction.printedVerb());
			checkSmallArrived(direction, summary, namePrefix, run);
			transfer.add(run, summary.done() / (summary.elapsed().toNanos() / 1e9), "client said " + Sizes.millis(summary.elapsed()));
			process.add(run, summary.done() / (outcome.nanos() / 1e9), outcome.nanos() + " ns");
			Outcome twice = clientScript(prefix + "-warm", command, command);
			List<ClientOutput.Summary> summaries = ClientOutput.summaries(twice, direction.printedVerb());
			require(summaries.size() == 2, summaries.size() + " summary lines from two '" + command + "' in one session");
			ClientOutput.Summary second = summaries.get(1);
			checkSmallArrived(direction, second, namePrefix, run);
			warm.add(run, second.done() / (second.elapsed().toNanos() / 1e9), "client said " + Sizes.millis(second.elapsed())
					+ "; 1st took " + Sizes.millis(summaries.get(0).elapsed()));
		}
	}

	/** Every small file moved and arrived (bytes checked on the first run), then deleted for the next command. */
	private void checkSmallArrived(Direction direction, ClientOutput.Summary summary, String namePrefix, int run)
			throws IOException {
		require(summary.done() == this.options.smallFiles() && summary.total() == this.options.smallFiles(),
				"the client moved " + summary.done() + " of " + summary.total() + " files; expected "
						+ this.options.smallFiles());
		List<Path> arrived = Verify.files(direction.destination(this.workspace), namePrefix, this.options.smallFiles(),
				this.options.smallBytes());
		if (run == 1) {
			Verify.sameBytes(arrived, direction.source(this.workspace));
		}
		for (Path file : arrived) {
			Files.delete(file);
		}
	}

	private void concurrentGets() throws Exception {
		String prefix = "concurrent-get-" + this.options.clients() + "x" + Sizes.label(this.options.clientFileBytes());
		Figure rate = this.results.figure(prefix, "MiB/s", Compare.TRANSFER_RATE, "all bytes / batch wall time");
		Figure p50 = this.results.figure(prefix + "-p50", "ms", Compare.NONE, "per client: connect + get");
		Figure p99 = this.results.figure(prefix + "-p99", "ms", Compare.NONE, "per client: connect + get");
		Figure failures = this.results.figure(prefix + "-failures", "count", Compare.NONE, "exceptions, wrong size or bytes");
		List<String> names = this.workspace.midNames();
		for (int run = 1; run <= this.options.runs(); run++) {
			Path base = this.workspace.dir("concurrent-" + run);
			ConcurrentGets.Batch batch = ConcurrentGets.run(HOST, server().port(), names, base, CLIENT_TIMEOUT,
					this.deadline.cap(STEP_TIMEOUT));
			int failed = batch.verify(this.workspace.serverDir(), this.options.clientFileBytes());
			long bytes = (long) (names.size() - failed) * this.options.clientFileBytes();
			rate.add(run, Sizes.mibPerSecond(bytes, batch.wallNanos()), "batch " + batch.wallNanos() + " ns");
			p50.add(run, batch.latencyMillis(0.50), "");
			p99.add(run, batch.latencyMillis(0.99), "");
			failures.add(run, failed, batch.firstFailure());
			Workspace.deleteTree(base);
		}
	}

	/**
	 * {@code --clients} clients for {@code --seconds}, each looping over random GETs and PUTs with
	 * every file checked (see {@link Soak}); then the server's memory and threads, and the WARN and
	 * ERROR lines of its console, which is kept in target/bench. A server of its own, with room for
	 * every client on one address, so that what other scenarios did does not weigh on it.
	 */
	private void soak() throws Exception {
		Options o = this.options;
		Duration length = Duration.ofSeconds(o.soakSeconds());
		// The load and its grace, and a minute to seed the files, start the server and stop it.
		Duration needed = length.plus(Soak.GRACE).plus(Duration.ofMinutes(1));
		require(this.deadline.left().compareTo(needed) >= 0, "soak needs " + needed.toSeconds() + " s and the run has "
				+ this.deadline.left().toSeconds() + " s left: raise --max-minutes or lower --seconds");
		Path serverDir = this.workspace.dir("soak-server");
		Path clientsDir = this.workspace.dir("soak-clients");
		Path console = this.project.resolve("target/bench/soak-server-" + Results.stamp() + ".log");
		Files.createDirectories(console.getParent());
		Soak.Outcome outcome;
		ServerWatch watch;
		try {
			List<Soak.SoakFile> seeded = Soak.seedServer(serverDir, o.seed());
			int maxConnections = Math.max(SOAK_MAX_CONNECTIONS, o.soakClients() + 10);
			List<String> command = List.of(o.java(), "-jar", this.jar.toString(), "--spring.profiles.active=server",
					"--ftp.server.host=" + HOST, "--ftp.server.port=0", "--ftp.server.directory=" + serverDir,
					"--ftp.server.max-connections=" + maxConnections, "--ftp.server.max-connections-per-address=" + maxConnections,
					"--ftp.server.allow-hard-links=true");
			try (ServerProcess server = ServerProcess.start(this.launcher, new ProcessBuilder(command),
					this.deadline.cap(START_TIMEOUT), console)) {
				System.out.printf(Locale.ROOT, "soak server pid %d listening on %s:%d; %d clients for %d s, seed %d%n",
						server.pid(), HOST, server.port(), o.soakClients(), o.soakSeconds(), o.seed());
				// A second to settle after start-up before the first reading.
				Thread.sleep(1000);
				watch = new ServerWatch(server);
				long ticksBefore = server.cpuTicks();
				Soak soak = new Soak(HOST, server.port(), serverDir, clientsDir, o.soakClients(), length, o.seed(), CLIENT_TIMEOUT,
						seeded);
				outcome = soak.run(watch::sample);
				watch.cpuSeconds = (server.cpuTicks() - ticksBefore) / clockTicksPerSecond();
				// The clients have closed their connections (all but any abandoned); two seconds for the server to notice.
				Thread.sleep(2000);
				watch.end(this.launcher, jcmd());
			}
		}
		finally {
			deleteNowOrAtTheEnd(clientsDir);
			deleteNowOrAtTheEnd(serverDir);
		}
		Soak.Warnings warnings = Soak.warnings(console);
		soakFigures(outcome, watch, warnings);
		printSoakSummary(outcome, watch, warnings, console);
	}

	/** A client abandoned after the grace may still be writing in its directory; the workspace goes at the end anyway. */
	private static void deleteNowOrAtTheEnd(Path dir) {
		try {
			Workspace.deleteTree(dir);
		}
		catch (IOException ex) {
			System.out.println("  " + dir + " is deleted with the workspace at the end: " + describe(ex));
		}
	}

	private void soakFigures(Soak.Outcome outcome, ServerWatch watch, Soak.Warnings warnings) {
		String clients = this.options.soakClients() + " clients";
		Soak.OpFigures get = outcome.ops().get(Soak.Op.GET);
		Soak.OpFigures put = outcome.ops().get(Soak.Op.PUT);
		single("soak-get-ops", "count", "GETs done and checked, " + clients, get.done());
		single("soak-put-ops", "count", "PUTs done and checked, " + clients, put.done());
		single("soak-connects", "count", "connections opened", outcome.ops().get(Soak.Op.CONNECT).done());
		Figure failures = this.results.figure("soak-failures", "count", Compare.NONE, "operations failed, or files wrong");
		if (outcome.failures() == 0) {
			failures.add(1, 0, "");
		}
		else {
			failures.fail(outcome.failures() + " failed (" + outcome.abandoned() + " still under way after the grace); the first: "
					+ outcome.firstFailures().get(0));
		}
		single("soak-moved", "MiB", "bytes of files moved, both ways", outcome.bytes() / (double) MIB);
		single("soak-rate", "MiB/s", "all bytes / wall time", outcome.bytes() / (double) MIB / outcome.seconds());
		single("soak-ops-per-s", "ops/s", "GETs and PUTs / wall time", outcome.transfers() / outcome.seconds());
		for (Soak.Op op : List.of(Soak.Op.GET, Soak.Op.PUT)) {
			Soak.OpFigures figures = outcome.ops().get(op);
			String name = "soak-" + op.name().toLowerCase(Locale.ROOT);
			single(name + "-p50", "ms", op + " latency, the transfer alone", figures.latencyMillis(0.50));
			single(name + "-p99", "ms", op + " latency, the transfer alone", figures.latencyMillis(0.99));
			single(name + "-max", "ms", op + " latency, the transfer alone", figures.latencyMillis(1));
		}
		single("soak-server-rss-start", "MiB", "server VmRSS before the load", watch.start.rssKib() / 1024.0);
		single("soak-server-rss-peak", "MiB", "server VmHWM: its peak VmRSS", watch.rssPeakKib / 1024.0);
		single("soak-server-rss-mapped-peak", "MiB", "server RssFile+RssShmem, the most seen (read every second)",
				watch.peak.mappedKib() / 1024.0);
		single("soak-server-rss-end", "MiB", "server VmRSS 2 s after the clients left", watch.end.rssKib() / 1024.0);
		single("soak-server-threads-start", "count", "server threads before the load", watch.start.threads());
		single("soak-server-threads-peak", "count", "server threads, the most seen (read every second)", watch.peak.threads());
		single("soak-server-threads-end", "count", "server threads 2 s after the clients left", watch.end.threads());
		single("soak-server-mappings-peak", "count", "lines of /proc/PID/maps, the most seen", watch.peak.mappings());
		if (watch.heapUsedKib >= 0) {
			single("soak-server-heap-end", "MiB", "server heap used at the end (jcmd GC.heap_info)", watch.heapUsedKib / 1024.0);
		}
		if (watch.heapLiveKib >= 0) {
			single("soak-server-heap-live-end", "MiB", "the same after a full GC (jcmd GC.run)", watch.heapLiveKib / 1024.0);
		}
		if (watch.afterGc != null) {
			single("soak-server-rss-after-gc", "MiB", "server VmRSS after a full GC (jcmd GC.run)", watch.afterGc.rssKib() / 1024.0);
		}
		single("soak-server-cpu", "s", "server utime+stime over the load", watch.cpuSeconds);
		single("soak-server-log-warnings", "count", "WARN and ERROR lines in its console", warnings.count());
	}

	private void single(String name, String unit, String note, double value) {
		this.results.figure(name, unit, Compare.NONE, note).add(1, value, "");
	}

	/** Markdown tables, for docs/RELIABILITY.md; then the first failures and warnings, if any. */
	private void printSoakSummary(Soak.Outcome outcome, ServerWatch watch, Soak.Warnings warnings, Path console) {
		System.out.println();
		System.out.printf(Locale.ROOT, "%d clients for %d s (seed %d): %d operations in %.1f s, %d failed, %.0f MiB moved, "
				+ "%.1f ops/s, %.1f MiB/s%n", this.options.soakClients(), this.options.soakSeconds(), this.options.seed(),
				outcome.transfers(), outcome.seconds(), outcome.failures(), outcome.bytes() / (double) MIB,
				outcome.transfers() / outcome.seconds(), outcome.bytes() / (double) MIB / outcome.seconds());
		System.out.println();
		System.out.println("| operation | done | failed | MiB moved | per s | p50 ms | p99 ms | max ms |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		for (Soak.Op op : Soak.Op.values()) {
			Soak.OpFigures figures = outcome.ops().get(op);
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.1f | %.1f | %.1f | %.1f |%n",
					(op == Soak.Op.CONNECT) ? "connect" : op.name(), figures.done(), figures.failed(),
					(op == Soak.Op.CONNECT) ? "-" : String.format(Locale.ROOT, "%.0f", figures.bytes() / (double) MIB),
					figures.done() / outcome.seconds(), figures.latencyMillis(0.50), figures.latencyMillis(0.99),
					figures.latencyMillis(1));
		}
		System.out.println();
		ServerWatch.Reading none = new ServerWatch.Reading(-1, -1, -1, -1);
		ServerWatch.Reading afterGc = (watch.afterGc != null) ? watch.afterGc : none;
		System.out.println("| server | before the load | peak | 2 s after the clients left | after a full GC |");
		System.out.println("|---|---|---|---|---|");
		System.out.printf(Locale.ROOT, "| resident memory (VmRSS) | %s | %s | %s | %s |%n", mib(watch.start.rssKib()),
				mib(watch.rssPeakKib), mib(watch.end.rssKib()), mib(afterGc.rssKib()));
		System.out.printf(Locale.ROOT, "| of it, mapped files (RssFile + RssShmem) | %s | %s | %s | %s |%n",
				mib(watch.start.mappedKib()), mib(watch.peak.mappedKib()), mib(watch.end.mappedKib()), mib(afterGc.mappedKib()));
		System.out.printf(Locale.ROOT, "| memory mappings (/proc/PID/maps) | %d | %d | %d | %s |%n", watch.start.mappings(),
				watch.peak.mappings(), watch.end.mappings(), count(afterGc.mappings()));
		System.out.printf(Locale.ROOT, "| threads | %d | %d | %d | %s |%n", watch.start.threads(), watch.peak.threads(),
				watch.end.threads(), count(afterGc.threads()));
		System.out.printf(Locale.ROOT, "| heap used (jcmd GC.heap_info) | | | %s of %s committed | %s |%n", mib(watch.heapUsedKib),
				mib(watch.heapCommittedKib), mib(watch.heapLiveKib));
		System.out.println("(peaks other than VmRSS's are the most seen in readings every second)");
		System.out.printf(Locale.ROOT, "%nserver CPU over the load: %.1f s; WARN/ERROR lines in its console: %d (%s)%n",
				watch.cpuSeconds, warnings.count(), console);
		if (outcome.failures() > 0) {
			System.out.println("first failures:");
			outcome.firstFailures().forEach(failure -> System.out.println("  " + failure));
		}
		if (warnings.count() > 0) {
			System.out.println("first WARN/ERROR lines:");
			warnings.first().forEach(line -> System.out.println("  " + line));
		}
	}

	/** For the soak summary: a size in KiB as MiB, or "-" for -1, no figure. */
	private static String mib(long kib) {
		return (kib < 0) ? "-" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
	}

	private static String count(long count) {
		return (count < 0) ? "-" : Long.toString(count);
	}

	/** jcmd of the JDK that runs the jars, or {@code null} if it has none (then no heap figures). */
	private Path jcmd() {
		try {
			Path jcmd = javaHome().resolve("bin/jcmd");
			return Files.isExecutable(jcmd) ? jcmd : null;
		}
		catch (IOException | BenchFailure ex) {
			return null;
		}
	}

	/** A fresh server each run, so "before" is a server that has served nothing yet. */
	private void idleConnections() throws Exception {
		int count = this.options.idleConnections();
		Figure before = this.results.figure("server-rss-idle-0", "MiB", Compare.NONE, "fresh server, no connections");
		Figure after = this.results.figure("server-rss-idle-" + count, "MiB", Compare.NONE,
				"with " + count + " idle connections");
		after.comparedWith(before);
		Figure perConnection = this.results.figure("server-rss-per-idle-connection", "KiB", Compare.NONE,
				"(after - before) / " + count);
		for (int run = 1; run <= this.options.runs(); run++) {
			// Idle connections that never send a request: the first-request timeout must not close them.
			// A second to settle after start-up, and after the connections are made, before reading.
			try (ServerProcess idle = startServer(this.workspace.dir("idle-server"), count + 200,
					"--ftp.server.first-request-timeout=1h", "--ftp.server.idle-timeout=1h")) {
				Thread.sleep(1000);
				long rssBefore = idle.rssKib();
				before.add(run, rssBefore / 1024.0, rssBefore + " KiB");
				try (IdleConnections connections = IdleConnections.open(HOST, idle.port(), count, CLIENT_TIMEOUT)) {
					Thread.sleep(1000);
					long rssAfter = idle.rssKib();
					after.add(run, rssAfter / 1024.0, rssAfter + " KiB");
					perConnection.add(run, (rssAfter - rssBefore) / (double) connections.size(), "");
				}
			}
		}
	}

	/**
	 * Each start by {@code java -jar}, and by the ./simple-ftp launcher (extracted jar plus a CDS
	 * archive or AOT cache), in turns, so that a machine busier in one part of the run than in
	 * another weighs on both alike; one untimed start of each profile by the launcher first makes
	 * its archives.
	 */
	private void startup() throws Exception {
		Figure server = this.results.figure("startup-server-listening", "ms", Compare.NONE, "launch to 'listening on' line");
		Figure client = this.results.figure("startup-client-prompt", "ms", Compare.NONE, "launch to 'simple-ftp>' prompt");
		Figure launcherServer = this.results.figure("startup-server-listening-launcher", "ms", Compare.NONE,
				"./simple-ftp server: launch to 'listening on' line");
		launcherServer.comparedWith(server);
		Figure launcherClient = this.results.figure("startup-client-prompt-launcher", "ms", Compare.NONE,
				"./simple-ftp client: launch to 'simple-ftp>' prompt");
		launcherClient.comparedWith(client);
		Path serverDir = this.workspace.dir("startup-server");
		String[] serverArguments = { "--ftp.server.host=" + HOST, "--ftp.server.port=0", "--ftp.server.directory=" + serverDir,
				"--ftp.server.max-connections=10" };
		Path clientDir = this.workspace.dir("startup-client");
		Path config = this.workspace.dir("startup-config");
		long started = System.nanoTime();
		startServer(launcherCommand("server", serverArguments)).close();
		if (TerminalClient.canRun()) {
			TerminalClient.timeToPrompt(this.launcher, launcherCommand("client", "--ftp.client.directory=" + clientDir), config,
					this.deadline.cap(START_TIMEOUT));
		}
		System.out.printf(Locale.ROOT, "  launcher warm-up (extract the jar, make the archives): %.1f s%n",
				(System.nanoTime() - started) / 1e9);
		for (int run = 1; run <= this.options.runs(); run++) {
			try (ServerProcess fresh = startServer(serverDir, 10)) {
				server.add(run, fresh.startupNanos() / 1e6, "");
			}
			try (ServerProcess fresh = startServer(launcherCommand("server", serverArguments))) {
				launcherServer.add(run, fresh.startupNanos() / 1e6, "");
			}
		}
		if (!TerminalClient.canRun()) {
			String skipped = "skipped: util-linux 'script' is not on the PATH, and the prompt needs a terminal";
			client.fail(skipped);
			launcherClient.fail(skipped);
			return;
		}
		for (int run = 1; run <= this.options.runs(); run++) {
			client.add(run, TerminalClient.timeToPrompt(this.launcher, clientCommand(clientDir), config,
					this.deadline.cap(START_TIMEOUT)) / 1e6, "");
			launcherClient.add(run, TerminalClient.timeToPrompt(this.launcher,
					launcherCommand("client", "--ftp.client.directory=" + clientDir), config, this.deadline.cap(START_TIMEOUT)) / 1e6,
					"");
		}
	}

	/**
	 * The CPU cost of the checksum itself, with no network and no other process: the big file (in
	 * memory: on tmpfs, or in the page cache just after it was written) read in this JVM the way the
	 * transfer loops read it, through a 1 MiB direct buffer, (a) as it is, (b) adding each chunk to a
	 * CRC32C, as sender and receiver do, (c) the CRC32C over FileChannel.map in 256 MiB pieces, as the
	 * zero-copy server computes it after sendfile, (d) SHA-256 over the same reads, for comparison.
	 * The four take turns in every run, the order rotated from run to run, so that a busier moment
	 * of the machine does not land on one of them only; one untimed pass of each over the first
	 * {@link ChecksumPass#WARM_UP} bytes gets their code compiled first.
	 */
	private void checksumCost() throws Exception {
		String prefix = "checksum-cost-" + bigLabel();
		Figure read = this.results.figure(prefix + "-read", "ms/GiB", Compare.NONE,
				"FileChannel.read into a 1 MiB direct buffer, nothing else");
		Map<ChecksumPass, Figure> figures = new EnumMap<>(ChecksumPass.class);
		figures.put(ChecksumPass.READ, read);
		figures.put(ChecksumPass.CRC32C_READS, this.results.figure(prefix + "-crc32c", "ms/GiB", Compare.NONE,
				"the same reads, each chunk added to a CRC32C"));
		figures.put(ChecksumPass.CRC32C_MAPPED, this.results.figure(prefix + "-crc32c-mapped", "ms/GiB", Compare.NONE,
				"CRC32C over FileChannel.map, 256 MiB pieces (zero-copy GET)"));
		figures.put(ChecksumPass.SHA256_READS, this.results.figure(prefix + "-sha256", "ms/GiB", Compare.NONE,
				"the same reads, each chunk added to a SHA-256"));
		figures.values().stream().filter(figure -> figure != read).forEach(figure -> figure.comparedWith(read));
		Figure extra = this.results.figure(prefix + "-crc32c-extra", "ms/GiB", Compare.NONE,
				"crc32c - read, per run: what CRC32C adds to the read loop");
		Path file = this.workspace.big();
		List<ChecksumPass> passes = List.of(ChecksumPass.values());
		for (ChecksumPass pass : passes) {
			pass.run(file, ChecksumPass.WARM_UP);
		}
		for (int run = 1; run <= this.options.runs(); run++) {
			Map<ChecksumPass, ChecksumPass.Timed> timed = new EnumMap<>(ChecksumPass.class);
			for (int i = 0; i < passes.size(); i++) {
				// Each pass runs in this JVM, with no child process whose timeout the deadline could cut.
				this.deadline.check();
				ChecksumPass pass = passes.get((i + run - 1) % passes.size());
				timed.put(pass, pass.run(file, Long.MAX_VALUE));
			}
			long crc = timed.get(ChecksumPass.CRC32C_READS).checksum();
			require(crc == timed.get(ChecksumPass.CRC32C_MAPPED).checksum(),
					"the CRC32C of the 1 MiB reads and of the mapped file differ");
			for (ChecksumPass pass : passes) {
				figures.get(pass).add(run, timed.get(pass).millisPerGib(), Sizes.millis(Duration.ofNanos(timed.get(pass).nanos())));
			}
			extra.add(run, timed.get(ChecksumPass.CRC32C_READS).millisPerGib() - timed.get(ChecksumPass.READ).millisPerGib(),
					String.format(Locale.ROOT, "crc32c %08x", crc));
		}
	}

	/**
	 * What verification costs a whole transfer, measured against noise that can move one transfer's
	 * time by a factor of 4: GET and PUT of the big file by this build (server and client: every
	 * transfer checked with CRC32C) and by --unverified-jar (a build of the protocol before, without
	 * checksums), each with a fresh server of its own, so that neither has had more warm-up than the
	 * other. In every run the two take turns, and which goes first swaps from run to run, so that a
	 * machine busier in one part of the run weighs on both alike; the ratio is taken per run, from the
	 * two transfers that ran side by side, and its median reported.
	 */
	private void verifyCost() throws Exception {
		if (this.options.unverifiedJar() == null) {
			// One line for the scenario, not six for figures it never had.
			this.results.failGroup("skipped: needs --unverified-jar=PATH, a build without verification to compare with",
					this.options.runs());
			return;
		}
		Map<Direction, VerifyFigures> figures = new EnumMap<>(Direction.class);
		for (Direction direction : Direction.values()) {
			figures.put(direction, VerifyFigures.of(this.results, "verify-cost-" + direction.command() + "-" + bigLabel()));
		}
		Path unverifiedJar = snapshotUnverifiedJar();
		// The unverified side gets directories of its own: the same bytes (hard links), no shared arrivals.
		Path unverifiedServerDir = this.workspace.withBig("unverified-server", BIG);
		Path unverifiedClientDir = this.workspace.withBig("unverified-client", UPLOADED_BIG);
		try (ServerProcess verifiedServer = startServer(this.jar, this.workspace.serverDir(), 10);
				ServerProcess unverifiedServer = startServer(unverifiedJar, unverifiedServerDir, 10)) {
			System.out.printf(Locale.ROOT, "verified server pid %d on port %d; unverified server (%s) pid %d on port %d%n",
					verifiedServer.pid(), verifiedServer.port(), this.options.unverifiedJar(), unverifiedServer.pid(),
					unverifiedServer.port());
			Build verified = new Build("verified", this.jar, verifiedServer, this.workspace.serverDir(), this.workspace.clientDir());
			Build unverified = new Build("unverified", unverifiedJar, unverifiedServer, unverifiedServerDir, unverifiedClientDir);
			for (int run = 1; run <= this.options.runs(); run++) {
				boolean verifiedFirst = (run % 2 == 1);
				for (Direction direction : Direction.values()) {
					Timed first = timedBigTransfer(verifiedFirst ? verified : unverified, direction, run);
					Timed second = timedBigTransfer(verifiedFirst ? unverified : verified, direction, run);
					figures.get(direction).add(run, this.options.bigBytes(), verifiedFirst ? first : second,
							verifiedFirst ? second : first, verifiedFirst);
				}
			}
		}
	}

	/**
	 * One GET or PUT of the big file by {@code build}: the client's own time, and the server's CPU
	 * seconds (steadier than wall time on a busy machine); the arrival checked, then deleted.
	 */
	private Timed timedBigTransfer(Build build, Direction direction, int run) throws Exception {
		String name = (direction == Direction.GET) ? BIG : UPLOADED_BIG;
		Path source = direction.source(build.serverDir(), build.clientDir()).resolve(name);
		Path arrived = direction.destination(build.serverDir(), build.clientDir()).resolve(name);
		long ticksBefore = build.server().cpuTicks();
		Outcome outcome = clientScript(build.server(), build.jar(), build.clientDir(),
				"verify-cost-" + direction.command() + "-" + build.name(), null, direction.command() + " " + name);
		double serverSeconds = (build.server().cpuTicks() - ticksBefore) / clockTicksPerSecond();
		Duration elapsed = ClientOutput.transferTime(outcome, direction.printedVerb(), name);
		verifyArrived(arrived, source, this.options.bigBytes(), run);
		Files.delete(arrived);
		return new Timed(elapsed, serverSeconds);
	}

	/** A transfer's time by the client's clock, and the CPU time its server spent meanwhile. */
	private record Timed(Duration elapsed, double serverSeconds) {
	}

	/** A build's server and client, and the directories they serve and use. */
	private record Build(String name, Path jar, ServerProcess server, Path serverDir, Path clientDir) {
	}

	/** verify-cost's figures for one direction: each side's rate, and their ratio per run. */
	private record VerifyFigures(Figure verified, Figure unverified, Figure ratio, Figure verifiedCpu,
			Figure unverifiedCpu) {

		static VerifyFigures of(Results results, String prefix) {
			Figure verified = results.figure(prefix + "-verified", "MiB/s", Compare.NONE,
					"this build, CRC32C-verified: client's own timing");
			Figure unverified = results.figure(prefix + "-unverified", "MiB/s", Compare.NONE,
					"--unverified-jar, in turns with it: client's own timing");
			verified.comparedWith(unverified);
			Figure ratio = results.figure(prefix + "-ratio", "x", Compare.NONE, "verified / unverified, per run side by side");
			Figure verifiedCpu = results.figure(prefix + "-verified-server-cpu", "s/GiB", Compare.NONE,
					"this build's server: utime+stime per GiB");
			Figure unverifiedCpu = results.figure(prefix + "-unverified-server-cpu", "s/GiB", Compare.NONE,
					"the unverified build's server: utime+stime per GiB");
			return new VerifyFigures(verified, unverified, ratio, verifiedCpu, unverifiedCpu);
		}

		void add(int run, long bytes, Timed verified, Timed unverified, boolean verifiedFirst) {
			double verifiedRate = Sizes.mibPerSecond(bytes, verified.elapsed().toNanos());
			double unverifiedRate = Sizes.mibPerSecond(bytes, unverified.elapsed().toNanos());
			this.verified.add(run, verifiedRate, "client said " + Sizes.millis(verified.elapsed()));
			this.unverified.add(run, unverifiedRate, "client said " + Sizes.millis(unverified.elapsed()));
			this.ratio.add(run, verifiedRate / unverifiedRate, verifiedFirst ? "verified ran first" : "unverified ran first");
			double gib = bytes / (double) GIB;
			this.verifiedCpu.add(run, verified.serverSeconds() / gib, Results.format(verified.serverSeconds()) + " s");
			this.unverifiedCpu.add(run, unverified.serverSeconds() / gib, Results.format(unverified.serverSeconds()) + " s");
		}

	}

	/**
	 * What TLS costs a whole transfer: GET and PUT of the big file by the client library in this JVM
	 * (as concurrent and soak drive it), from two servers of this jar, one with TLS from the test
	 * certificates in src/test/resources/tls and one without, serving the same directory. In every
	 * run the two take turns, and which goes first swaps from run to run, as in verify-cost; the
	 * ratio is taken per run, from the two transfers that ran side by side. A transfer's time is the
	 * get or put call alone, after connecting (and the TLS handshake). One untimed run of each comes
	 * first, so that the first timed run does not pay for compiling the code of either side (with a
	 * warm-up of 256 MiB instead, the first timed run's TLS server took some 1.5 times the CPU per GiB
	 * of the later runs). The protocol and cipher suite are read from the TLS server's log once it
	 * has stopped.
	 */
	private void tlsCost() throws Exception {
		Map<Direction, TlsFigures> figures = new EnumMap<>(Direction.class);
		for (Direction direction : Direction.values()) {
			figures.put(direction, TlsFigures.of(this.results, "tls-" + direction.command() + "-" + bigLabel()));
		}
		TestCertificates certificates = new TestCertificates(this.project);
		Path console = this.workspace.dir("logs").resolve("tls-server.log");
		Path serverDir = this.workspace.serverDir();
		// Both servers read the packaged configuration only, not application.yml in the directory they
		// start in (the project): its "ssl:" keys, with nothing but comments under them, are null in
		// YAML, and Spring Boot then binds ftp.server.ssl from that null and drops --ftp.server.ssl.bundle,
		// so the server would run without TLS. The file's values are the settings records' defaults.
		String packagedConfiguration = "--spring.config.location=classpath:/";
		List<String> tlsArguments = new ArrayList<>(List.of(packagedConfiguration));
		tlsArguments.addAll(certificates.serverArguments());
		try (ServerProcess plainServer = startServer(serverDir, 10, packagedConfiguration);
				ServerProcess tlsServer = ServerProcess.start(this.launcher,
						serverCommand(this.jar, serverDir, 10, tlsArguments.toArray(String[]::new)),
						this.deadline.cap(START_TIMEOUT), console)) {
			System.out.printf(Locale.ROOT, "TLS server pid %d on port %d; plain server pid %d on port %d%n", tlsServer.pid(),
					tlsServer.port(), plainServer.pid(), plainServer.port());
			TlsSide tls = new TlsSide("TLS", tlsServer, certificates.clientTls());
			TlsSide plain = new TlsSide("plain", plainServer, null);
			// Run 0, untimed: see above.
			for (Direction direction : Direction.values()) {
				libraryBigTransfer(tls, direction, 0);
				libraryBigTransfer(plain, direction, 0);
			}
			for (int run = 1; run <= this.options.runs(); run++) {
				boolean tlsFirst = (run % 2 == 1);
				for (Direction direction : Direction.values()) {
					LibraryTimed first = libraryBigTransfer(tlsFirst ? tls : plain, direction, run);
					LibraryTimed second = libraryBigTransfer(tlsFirst ? plain : tls, direction, run);
					figures.get(direction).add(run, this.options.bigBytes(), tlsFirst ? first : second, tlsFirst ? second : first,
							tlsFirst);
				}
			}
		}
		// A connection for each direction in every run, and in the untimed one.
		System.out.println("  " + TlsSessions.read(console).describe(2 * (this.options.runs() + 1)));
	}

	/**
	 * One GET or PUT of the big file by the client library in this JVM, on a connection of its own:
	 * the call's time, the server's CPU meanwhile, and this thread's (the client's transfer loop,
	 * without the JVM's JIT and GC threads); the arrival checked (every byte on run 1), then deleted.
	 */
	private LibraryTimed libraryBigTransfer(TlsSide side, Direction direction, int run) throws Exception {
		// In this JVM, with no child process whose timeout the deadline could cut.
		this.deadline.check();
		String name = (direction == Direction.GET) ? BIG : UPLOADED_BIG;
		Path source = direction.source(this.workspace).resolve(name);
		Path arrived = direction.destination(this.workspace).resolve(name);
		FileStore store = new FileStore(this.workspace.clientDir(), FileStore.HardLinks.ALLOWED); // as the client's own
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long bytes;
		long nanos;
		long clientCpuNanos;
		long serverTicks;
		try (FtpClient client = FtpClient.connect(HOST, side.server().port(), CLIENT_TIMEOUT, side.tls())) {
			require(client.isEncrypted() == (side.tls() != null),
					"the " + side.name() + " connection is " + (client.isEncrypted() ? "" : "not ") + "encrypted");
			long ticksBefore = side.server().cpuTicks();
			long cpuBefore = threads.getCurrentThreadCpuTime();
			long startedAt = System.nanoTime();
			TransferResult result = (direction == Direction.GET) ? client.get(FileName.of(name), store)
					: client.put(FileName.of(name), store);
			nanos = System.nanoTime() - startedAt;
			clientCpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
			serverTicks = side.server().cpuTicks() - ticksBefore;
			bytes = result.bytes();
		}
		require(bytes == this.options.bigBytes(), "the " + side.name() + " " + direction.command() + " moved " + bytes
				+ " bytes, not " + this.options.bigBytes());
		verifyArrived(arrived, source, this.options.bigBytes(), run);
		Files.delete(arrived);
		return new LibraryTimed(nanos, serverTicks / clockTicksPerSecond(), clientCpuNanos / 1e9);
	}

	/** One side of the tls scenario: a server, and the client's TLS for it, or {@code null} for none. */
	private record TlsSide(String name, ServerProcess server, Tls tls) {
	}

	/** A transfer by the client library: its time, and the CPU seconds of the server and of the client's thread. */
	private record LibraryTimed(long nanos, double serverSeconds, double clientSeconds) {
	}

	/** The tls scenario's figures for one direction: each side's rate and CPU, and the rates' ratio per run. */
	private record TlsFigures(Figure tls, Figure plain, Figure ratio, Figure tlsServerCpu, Figure plainServerCpu,
			Figure tlsClientCpu, Figure plainClientCpu) {

		static TlsFigures of(Results results, String prefix) {
			Figure tls = results.figure(prefix + "-tls", "MiB/s", Compare.NONE, "over TLS: the client library's get/put call");
			Figure plain = results.figure(prefix + "-plain", "MiB/s", Compare.NONE, "in plain text, in turns with it");
			tls.comparedWith(plain);
			Figure ratio = results.figure(prefix + "-ratio", "x", Compare.NONE, "TLS / plain, per run side by side");
			Figure tlsServerCpu = results.figure(prefix + "-tls-server-cpu", "s/GiB", Compare.NONE,
					"TLS server: utime+stime per GiB");
			Figure plainServerCpu = results.figure(prefix + "-plain-server-cpu", "s/GiB", Compare.NONE,
					"plain server: utime+stime per GiB");
			tlsServerCpu.comparedWith(plainServerCpu);
			Figure tlsClientCpu = results.figure(prefix + "-tls-client-cpu", "s/GiB", Compare.NONE,
					"client thread CPU per GiB, over TLS");
			Figure plainClientCpu = results.figure(prefix + "-plain-client-cpu", "s/GiB", Compare.NONE,
					"client thread CPU per GiB, plain");
			tlsClientCpu.comparedWith(plainClientCpu);
			return new TlsFigures(tls, plain, ratio, tlsServerCpu, plainServerCpu, tlsClientCpu, plainClientCpu);
		}

		void add(int run, long bytes, LibraryTimed tls, LibraryTimed plain, boolean tlsFirst) {
			double tlsRate = Sizes.mibPerSecond(bytes, tls.nanos());
			double plainRate = Sizes.mibPerSecond(bytes, plain.nanos());
			this.tls.add(run, tlsRate, Sizes.millis(Duration.ofNanos(tls.nanos())));
			this.plain.add(run, plainRate, Sizes.millis(Duration.ofNanos(plain.nanos())));
			this.ratio.add(run, tlsRate / plainRate, tlsFirst ? "TLS ran first" : "plain ran first");
			double gib = bytes / (double) GIB;
			this.tlsServerCpu.add(run, tls.serverSeconds() / gib, Results.format(tls.serverSeconds()) + " s");
			this.plainServerCpu.add(run, plain.serverSeconds() / gib, Results.format(plain.serverSeconds()) + " s");
			this.tlsClientCpu.add(run, tls.clientSeconds() / gib, Results.format(tls.clientSeconds()) + " s");
			this.plainClientCpu.add(run, plain.clientSeconds() / gib, Results.format(plain.clientSeconds()) + " s");
		}

	}

	/**
	 * GET and PUT of the big file, in plain text and over TLS, by {@code ./simple-ftp client
	 * --script=...} and by {@code java -jar} with the same script, each a fresh client process (so
	 * each pays for its own JIT compilation, as a user's does), from a plain and a TLS server of this
	 * jar. In every run launcher and jar take turns for each of the four, and which goes first swaps
	 * from run to run; the ratio is taken per run, from the two that ran side by side. Then the
	 * start-up, a scripted connect-and-quit and the time to the interactive prompt, by the jar, the
	 * launcher, and {@code --launcher-before} if given (an older copy of the script, on a copy of the
	 * jar of its own, so that its archives are its own), in turns. One untimed start of each launcher
	 * first makes its archive.
	 */
	private void launcherTransfers() throws Exception {
		TestCertificates certificates = new TestCertificates(this.project);
		Path clientDir = this.workspace.clientDir();
		// As in tls: the packaged configuration only, so that no application.yml in the project weighs on either side.
		String packagedConfiguration = "--spring.config.location=classpath:/";
		List<String> tlsArguments = new ArrayList<>(List.of(packagedConfiguration));
		tlsArguments.addAll(certificates.serverArguments());
		Path beforeJar = null;
		if (this.options.launcherBefore() != null) {
			beforeJar = this.workspace.dir("jar-before").resolve("simple-ftp.jar");
			Files.copy(this.jar, beforeJar, StandardCopyOption.REPLACE_EXISTING);
		}
		try (ServerProcess plainServer = startServer(this.workspace.serverDir(), 10, packagedConfiguration);
				ServerProcess tlsServer = startServer(serverCommand(this.jar, this.workspace.serverDir(), 10,
						tlsArguments.toArray(String[]::new)))) {
			System.out.printf(Locale.ROOT, "plain server pid %d on port %d; TLS server pid %d on port %d%n", plainServer.pid(),
					plainServer.port(), tlsServer.pid(), tlsServer.port());
			List<ClientVariant> clients = new ArrayList<>();
			clients.add(new ClientVariant("jar", extra -> {
				List<String> command = clientCommand(clientDir, packagedConfiguration);
				command.addAll(extra);
				return new ProcessBuilder(command);
			}));
			clients.add(new ClientVariant("launcher", extra -> launcherClient(this.project.resolve("simple-ftp"), this.jar,
					clientDir, packagedConfiguration, extra)));
			if (beforeJar != null) {
				Path before = beforeJar;
				clients.add(new ClientVariant("before", extra -> launcherClient(this.options.launcherBefore(), before, clientDir,
						packagedConfiguration, extra)));
			}
			long started = System.nanoTime();
			for (ClientVariant client : clients.subList(1, clients.size())) {
				Outcome warmUp = runClientScript(client, plainServer, "launcher-warm-up-" + client.name(), List.of());
				require(warmUp.ok(), client.name() + " client: " + warmUp.problem());
			}
			System.out.printf(Locale.ROOT, "  launcher warm-up (extract the jar, make the archives): %.1f s%n",
					(System.nanoTime() - started) / 1e9);
			launcherRates(clients.get(1), clients.get(0), plainServer, tlsServer, certificates.clientArguments());
			launcherStartup(clients, plainServer);
		}
	}

	/** The four transfers by launcher and jar in turns, {@link #launcherTransfers}'s rates and ratios. */
	private void launcherRates(ClientVariant launcher, ClientVariant jar, ServerProcess plainServer, ServerProcess tlsServer,
			List<String> tlsClientArguments) throws Exception {
		Map<String, Figure[]> figures = new LinkedHashMap<>();
		for (String security : List.of("plain", "tls")) {
			for (Direction direction : Direction.values()) {
				String prefix = "launcher-" + direction.command() + "-" + security + "-" + bigLabel();
				Figure byLauncher = this.results.figure(prefix + "-launcher", "MiB/s", Compare.NONE,
						"./simple-ftp client --script: client's own timing");
				Figure byJar = this.results.figure(prefix + "-jar", "MiB/s", Compare.NONE, "java -jar --script, in turns with it");
				byLauncher.comparedWith(byJar);
				Figure ratio = this.results.figure(prefix + "-ratio", "x", Compare.NONE, "launcher / jar, per run side by side");
				figures.put(security + direction, new Figure[] { byLauncher, byJar, ratio });
			}
		}
		for (int run = 1; run <= this.options.runs(); run++) {
			boolean launcherFirst = (run % 2 == 1);
			for (String security : List.of("plain", "tls")) {
				ServerProcess target = security.equals("tls") ? tlsServer : plainServer;
				List<String> extra = security.equals("tls") ? tlsClientArguments : List.of();
				for (Direction direction : Direction.values()) {
					ClientVariant first = launcherFirst ? launcher : jar;
					ClientVariant second = launcherFirst ? jar : launcher;
					double firstRate = scriptedBigTransfer(first, target, direction, security, extra, run);
					double secondRate = scriptedBigTransfer(second, target, direction, security, extra, run);
					double launcherRate = launcherFirst ? firstRate : secondRate;
					double jarRate = launcherFirst ? secondRate : firstRate;
					Figure[] three = figures.get(security + direction);
					three[0].add(run, launcherRate, "");
					three[1].add(run, jarRate, "");
					three[2].add(run, launcherRate / jarRate, launcherFirst ? "launcher ran first" : "jar ran first");
				}
			}
		}
	}

	/** One GET or PUT of the big file by a fresh client process on a script: its rate, by its own timing; the arrival checked. */
	private double scriptedBigTransfer(ClientVariant client, ServerProcess target, Direction direction, String security,
			List<String> extra, int run) throws Exception {
		String name = (direction == Direction.GET) ? BIG : UPLOADED_BIG;
		Path source = direction.source(this.workspace).resolve(name);
		Path arrived = direction.destination(this.workspace).resolve(name);
		Outcome outcome = runClientScript(client, target,
				"launcher-" + direction.command() + "-" + security + "-" + client.name() + "-" + run, extra,
				direction.command() + " " + name);
		Duration elapsed = ClientOutput.transferTime(outcome, direction.printedVerb(), name);
		verifyArrived(arrived, source, this.options.bigBytes(), run);
		Files.delete(arrived);
		return Sizes.mibPerSecond(this.options.bigBytes(), elapsed.toNanos());
	}

	/** Connect-and-quit on a script, and the time to the prompt, by every client variant in turns (the order rotated). */
	private void launcherStartup(List<ClientVariant> clients, ServerProcess plainServer) throws Exception {
		Map<String, Figure> connect = new LinkedHashMap<>();
		Map<String, Figure> prompt = new LinkedHashMap<>();
		for (ClientVariant client : clients) {
			connect.put(client.name(), this.results.figure("launcher-connect-quit-" + client.name(), "ms", Compare.NONE,
					client.name() + ": --script with open and quit, launch to exit"));
			prompt.put(client.name(), this.results.figure("launcher-prompt-" + client.name(), "ms", Compare.NONE,
					client.name() + ": launch to 'simple-ftp>' prompt"));
		}
		for (String name : List.of("launcher", "before")) {
			if (connect.containsKey(name)) {
				connect.get(name).comparedWith(connect.get("jar"));
				prompt.get(name).comparedWith(prompt.get("jar"));
			}
		}
		Path config = this.workspace.dir("launcher-config");
		for (int run = 1; run <= this.options.runs(); run++) {
			for (int turn = 0; turn < clients.size(); turn++) {
				ClientVariant client = clients.get((turn + run) % clients.size());
				Outcome outcome = runClientScript(client, plainServer, "launcher-connect-" + client.name() + "-" + run, List.of());
				require(outcome.ok(), client.name() + " client: " + outcome.problem());
				connect.get(client.name()).add(run, outcome.nanos() / 1e6, "");
			}
			for (int turn = 0; turn < clients.size(); turn++) {
				ClientVariant client = clients.get((turn + run) % clients.size());
				if (!TerminalClient.canRun()) {
					prompt.get(client.name()).fail("skipped: util-linux 'script' is not on the PATH, and the prompt needs a terminal");
					continue;
				}
				prompt.get(client.name()).add(run, TerminalClient.timeToPrompt(this.launcher, client.command(List.of()), config,
						this.deadline.cap(START_TIMEOUT)) / 1e6, "");
			}
		}
	}

	/** A client process on a script: open the server, the given commands, quit. */
	private Outcome runClientScript(ClientVariant client, ServerProcess target, String label, List<String> extra,
			String... commands) throws IOException, InterruptedException {
		List<String> lines = new ArrayList<>();
		lines.add("open " + HOST + " " + target.port());
		lines.addAll(List.of(commands));
		lines.add("quit");
		Path script = this.workspace.dir("scratch").resolve(label + ".script");
		Files.write(script, lines);
		List<String> arguments = new ArrayList<>(extra);
		arguments.add("--script=" + script);
		return this.launcher.run(label, client.command(arguments), this.deadline.cap(STEP_TIMEOUT));
	}

	/** {@code SCRIPT client ...} on {@code jar}, as {@link #launcherCommand} starts the project's launcher. */
	private ProcessBuilder launcherClient(Path script, Path jar, Path clientDir, String packagedConfiguration,
			List<String> extra) throws IOException {
		List<String> command = new ArrayList<>(List.of(script.toString(), "client", "--ftp.client.directory=" + clientDir,
				packagedConfiguration));
		command.addAll(extra);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA_HOME", javaHome().toString());
		builder.environment().put("SIMPLE_FTP_JAR", jar.toString());
		return builder;
	}

	/** A way to start the client: by the jar, by the launcher, or by an older launcher; its extra arguments last. */
	private record ClientVariant(String name, ClientCommand starter) {

		ProcessBuilder command(List<String> extra) throws IOException {
			return this.starter.with(extra);
		}

	}

	@FunctionalInterface
	private interface ClientCommand {

		ProcessBuilder with(List<String> extra) throws IOException;

	}

	/**
	 * What forcing every stored file to the disk costs ({@code ftp.server.durable},
	 * {@code ftp.client.durable}): GET and PUT of the big file, and of all the small files in one
	 * pipelined batch, by the client library in this JVM, from two servers of this jar, one durable
	 * (the default) and one with {@code --ftp.server.durable=false}; the client's store forces as its
	 * server does. The data is on a disk file system of its own, under target/bench in the project
	 * (fsync on the tmpfs workspace would cost nothing), each side with its own directories holding
	 * the same bytes (hard links). In every run the two take turns and which goes first swaps from
	 * run to run, as in tls; before every transfer a {@code sync}, untimed, so that neither side pays
	 * for the write-back of what the other left in the page cache. One untimed run of each first.
	 */
	private void durableCost() throws Exception {
		Path base = Files.createDirectories(this.project.resolve("target/bench"));
		Path root = Files.createTempDirectory(base, "durable-");
		try {
			String type = Files.getFileStore(root).type();
			System.out.println("  data in " + root + " (file system: " + type + ")");
			require(!type.equals("tmpfs") && !type.equals("ramfs"), root + " is on " + type + ", not a disk: fsync costs nothing there");
			Map<DurableSide.Load, DurableFigures> figures = new EnumMap<>(DurableSide.Load.class);
			for (DurableSide.Load load : DurableSide.Load.values()) {
				figures.put(load, DurableFigures.of(this.results, "durable-" + load.label(this.options), load.unit()));
			}
			List<String> smallNames = makeDurableData(root.resolve("data"));
			try (ServerProcess onServer = startServer(durableDir(root, "on-server", false), 10);
					ServerProcess offServer = startServer(durableDir(root, "off-server", false), 10, "--ftp.server.durable=false")) {
				System.out.printf(Locale.ROOT, "durable server pid %d on port %d; not durable pid %d on port %d%n", onServer.pid(),
						onServer.port(), offServer.pid(), offServer.port());
				DurableSide on = new DurableSide("durable", onServer, root.resolve("on-server"),
						durableDir(root, "on-client", true), Durability.synced(), smallNames);
				DurableSide off = new DurableSide("not durable", offServer, root.resolve("off-server"),
						durableDir(root, "off-client", true), Durability.none(), smallNames);
				for (int run = 0; run <= this.options.runs(); run++) {
					boolean onFirst = (run % 2 == 1);
					for (DurableSide.Load load : DurableSide.Load.values()) {
						double first = durableTransfer(onFirst ? on : off, load, run);
						double second = durableTransfer(onFirst ? off : on, load, run);
						if (run > 0) {
							figures.get(load).add(run, onFirst ? first : second, onFirst ? second : first, onFirst);
						}
					}
				}
			}
		}
		finally {
			Workspace.deleteTree(root);
		}
	}

	/** The big file and the small ones under {@code data}, written once and synced; returns the small ones' names. */
	private List<String> makeDurableData(Path data) throws IOException, InterruptedException {
		Files.createDirectories(data);
		long started = System.nanoTime();
		SplittableRandom random = new SplittableRandom(20261201);
		Workspace.writeRandom(data.resolve(BIG), this.options.bigBytes(), random);
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= this.options.smallFiles(); i++) {
			String name = String.format(Locale.ROOT, "%04d.bin", i);
			Workspace.writeRandom(data.resolve(name), this.options.smallBytes(), random);
			names.add(name);
		}
		sync();
		System.out.printf(Locale.ROOT, "  disk data written and synced in %.1f s%n", (System.nanoTime() - started) / 1e9);
		return names;
	}

	/**
	 * A side's server directory (big.bin, small-N) or client directory (up.bin, up-small-N), linked
	 * to the data.
	 */
	private Path durableDir(Path root, String name, boolean client) throws IOException {
		Path dir = Files.createDirectories(root.resolve(name));
		Path data = root.resolve("data");
		try (Stream<Path> files = Files.list(data)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String source = file.getFileName().toString();
				String target = source.equals(BIG) ? (client ? UPLOADED_BIG : BIG)
						: (client ? UPLOADED_SMALL_PREFIX : SMALL_PREFIX) + source;
				Workspace.link(dir.resolve(target), file);
			}
		}
		return dir;
	}

	/**
	 * One load by one side, after a sync: the client library's call alone, on a fresh connection;
	 * what arrived is checked (every byte of the big file on run 1) and deleted. Returns MiB/s for
	 * the big file, files/s for the small ones.
	 */
	private double durableTransfer(DurableSide side, DurableSide.Load load, int run) throws Exception {
		this.deadline.check();
		sync();
		FileStore local = new FileStore(side.clientDir(), FileStore.HardLinks.ALLOWED, side.clientDurability());
		Path arrivals = load.isGet() ? side.clientDir() : side.serverDir();
		List<FileName> names = load.names(side.smallNames());
		long nanos;
		try (FtpClient client = FtpClient.connect(HOST, side.server().port(), CLIENT_TIMEOUT)) {
			long startedAt = System.nanoTime();
			switch (load) {
				case GET_BIG -> client.get(names.get(0), local);
				case PUT_BIG -> client.put(names.get(0), local);
				case GET_SMALL, PUT_SMALL -> {
					BatchResult batch = load.isGet() ? client.getAll(names, local, TransferListener.NONE)
							: client.putAll(names, local, TransferListener.NONE);
					require(batch.allSucceeded(), side.name() + " " + load + ": " + batch.describe(load.isGet() ? "got" : "put"));
				}
			}
			nanos = System.nanoTime() - startedAt;
		}
		Path sources = load.isGet() ? side.serverDir() : side.clientDir();
		if (load.isBig()) {
			verifyArrived(arrivals.resolve(names.get(0).value()), sources.resolve(names.get(0).value()), this.options.bigBytes(),
					run);
			Files.delete(arrivals.resolve(names.get(0).value()));
			return Sizes.mibPerSecond(this.options.bigBytes(), nanos);
		}
		List<Path> arrived = Verify.files(arrivals, load.isGet() ? SMALL_PREFIX : UPLOADED_SMALL_PREFIX, names.size(),
				this.options.smallBytes());
		if (run == 1) {
			Verify.sameBytes(arrived, sources);
		}
		for (Path file : arrived) {
			Files.delete(file);
		}
		return names.size() / (nanos / 1e9);
	}

	/** sync(1): what is in the page cache goes to the disk, so the next transfer starts with nothing to write back. */
	private void sync() throws IOException, InterruptedException {
		Outcome outcome = this.launcher.run("sync", List.of("sync"), this.deadline.cap(STEP_TIMEOUT));
		require(outcome.ok(), "sync: " + outcome.problem());
	}

	/** One side of the durable scenario: its server, directories, and what its client's store forces. */
	private record DurableSide(String name, ServerProcess server, Path serverDir, Path clientDir,
			Durability clientDurability, List<String> smallNames) {

		/** What the durable scenario moves. */
		enum Load {

			GET_BIG, PUT_BIG, GET_SMALL, PUT_SMALL;

			boolean isGet() {
				return this == GET_BIG || this == GET_SMALL;
			}

			boolean isBig() {
				return this == GET_BIG || this == PUT_BIG;
			}

			String unit() {
				return isBig() ? "MiB/s" : "files/s";
			}

			String label(Options options) {
				String what = isBig() ? Sizes.label(options.bigBytes())
						: options.smallFiles() + "x" + Sizes.label(options.smallBytes()) + "-pipelined";
				return (isGet() ? "get-" : "put-") + what;
			}

			List<FileName> names(List<String> smallNames) {
				return switch (this) {
					case GET_BIG -> List.of(FileName.of(BIG));
					case PUT_BIG -> List.of(FileName.of(UPLOADED_BIG));
					case GET_SMALL -> smallNames.stream().map(name -> FileName.of(SMALL_PREFIX + name)).toList();
					case PUT_SMALL -> smallNames.stream().map(name -> FileName.of(UPLOADED_SMALL_PREFIX + name)).toList();
				};
			}

		}

	}

	/** The durable scenario's figures for one load: each side's rate, and their ratio per run. */
	private record DurableFigures(Figure on, Figure off, Figure ratio) {

		static DurableFigures of(Results results, String prefix, String unit) {
			Figure on = results.figure(prefix + "-on", unit, Compare.NONE, "durable (the default): the client library's call");
			Figure off = results.figure(prefix + "-off", unit, Compare.NONE, "durable=false on both sides, in turns with it");
			on.comparedWith(off);
			Figure ratio = results.figure(prefix + "-ratio", "x", Compare.NONE, "durable / not, per run side by side");
			return new DurableFigures(on, off, ratio);
		}

		void add(int run, double on, double off, boolean onFirst) {
			this.on.add(run, on, "");
			this.off.add(run, off, "");
			this.ratio.add(run, on / off, onFirst ? "durable ran first" : "not durable ran first");
		}

	}

	/**
	 * {@code ./simple-ftp PROFILE} with the JDK of {@code --java} as JAVA_HOME, on the jar snapshot
	 * (SIMPLE_FTP_JAR: no build check, its extraction and archives in the workspace).
	 */
	private ProcessBuilder launcherCommand(String profile, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.project.resolve("simple-ftp").toString(), profile));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA_HOME", javaHome().toString());
		builder.environment().put("SIMPLE_FTP_JAR", this.jar.toString());
		return builder;
	}

	/** The JDK that --java belongs to: the folder above its bin/, links followed. */
	private Path javaHome() throws IOException {
		String command = this.options.java();
		Path executable = command.contains("/") ? Path.of(command)
				: Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
					.map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst()
					.orElseThrow(() -> new BenchFailure("no " + command + " on the PATH"));
		Path bin = executable.toRealPath().getParent();
		require(bin != null && bin.getFileName().toString().equals("bin") && bin.getParent() != null,
				"cannot tell the JDK of " + command + " (expected .../bin/java)");
		return bin.getParent();
	}

	// ---- helpers ---------------------------------------------------------------------------

	/** The server for the transfer scenarios, started on first use. */
	private ServerProcess server() throws IOException {
		if (this.server == null) {
			this.server = startServer(this.workspace.serverDir(), this.options.clients() + 1100);
			System.out.printf(Locale.ROOT, "server pid %d listening on %s:%d (started in %.0f ms)%n", this.server.pid(), HOST,
					this.server.port(), this.server.startupNanos() / 1e6);
		}
		return this.server;
	}

	private ServerProcess startServer(Path directory, int maxConnections, String... extra) throws IOException {
		return startServer(this.jar, directory, maxConnections, extra);
	}

	/** A server of {@code jar}: this build's snapshot, or the build verify-cost compares it with. */
	private ServerProcess startServer(Path jar, Path directory, int maxConnections, String... extra) throws IOException {
		return startServer(serverCommand(jar, directory, maxConnections, extra));
	}

	private ProcessBuilder serverCommand(Path jar, Path directory, int maxConnections, String... extra) {
		List<String> command = new ArrayList<>(List.of(this.options.java(), "-jar", jar.toString(),
				"--spring.profiles.active=server", "--ftp.server.host=" + HOST, "--ftp.server.port=0",
				"--ftp.server.directory=" + directory, "--ftp.server.max-connections=" + maxConnections,
				// Every bench client comes from 127.0.0.1.
				"--ftp.server.max-connections-per-address=" + maxConnections,
				// The workspace shares its files' bytes between directories by hard links, on purpose.
				"--ftp.server.allow-hard-links=true"));
		command.addAll(List.of(extra));
		return new ProcessBuilder(command);
	}

	private ServerProcess startServer(ProcessBuilder command) throws IOException {
		return ServerProcess.start(this.launcher, command, this.deadline.cap(START_TIMEOUT));
	}

	private List<String> clientCommand(Path directory, String... extra) {
		return clientCommand(this.jar, directory, extra);
	}

	private List<String> clientCommand(Path jar, Path directory, String... extra) {
		List<String> command = new ArrayList<>(List.of(this.options.java(), "-jar", jar.toString(),
				"--spring.profiles.active=client", "--ftp.client.directory=" + directory));
		command.addAll(List.of(extra));
		return command;
	}

	/** Runs the client jar on a script against the main server: open, the given commands, quit. */
	private Outcome clientScript(String label, String... commands) throws IOException, InterruptedException {
		return clientScript(server(), label, null, commands);
	}

	/** The same against {@code target}; under /usr/bin/time, which writes its CPU time to {@code cpuReport}, unless null. */
	private Outcome clientScript(ServerProcess target, String label, Path cpuReport, String... commands)
			throws IOException, InterruptedException {
		return clientScript(target, this.jar, this.workspace.clientDir(), label, cpuReport, commands);
	}

	/** The same by the client of {@code jar}, in {@code clientDir}. */
	private Outcome clientScript(ServerProcess target, Path jar, Path clientDir, String label, Path cpuReport,
			String... commands) throws IOException, InterruptedException {
		List<String> lines = new ArrayList<>();
		lines.add("open " + HOST + " " + target.port());
		lines.addAll(List.of(commands));
		lines.add("quit");
		Path script = this.workspace.dir("scratch").resolve(label + ".script");
		Files.write(script, lines);
		List<String> command = clientCommand(jar, clientDir, "--script=" + script);
		return this.launcher.run(label, (cpuReport != null) ? CpuTime.timed(command, cpuReport) : command,
				this.deadline.cap(STEP_TIMEOUT));
	}

	/** {@code getconf CLK_TCK}, asked once: the unit of /proc/PID/stat's CPU times. */
	private double clockTicksPerSecond() throws IOException, InterruptedException {
		if (this.clockTicks == 0) {
			this.clockTicks = CpuTime.ticksPerSecond(this.launcher);
		}
		return this.clockTicks;
	}

	/** Size on every run; every byte on the first (outside the timed part either way). */
	private static void verifyArrived(Path arrived, Path source, long size, int run) throws IOException {
		Verify.size(arrived, size);
		if (run == 1) {
			Verify.sameBytes(arrived, source);
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

	/** The same for --unverified-jar: a copy, so that what verify-cost compares with cannot change half way. */
	private Path snapshotUnverifiedJar() throws IOException {
		Path copy = this.workspace.dir("unverified-jar").resolve("simple-ftp.jar");
		Files.copy(this.options.unverifiedJar(), copy, StandardCopyOption.REPLACE_EXISTING);
		require(Launcher.isRunnableJar(copy), this.options.unverifiedJar() + " is not a runnable jar (no Main-Class)");
		return copy;
	}

	/**
	 * Compiled once into the workspace, so that the baseline's process time is not charged the
	 * source launcher's compilation on every run; falls back to the source launcher.
	 */
	private List<String> compileTcpCopy() throws IOException {
		Path source = this.project.resolve("bench/TcpCopy.java");
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		Path classes = this.workspace.dir("tcp-copy-classes");
		if (compiler != null && compiler.run(null, null, null, "-d", classes.toString(), source.toString()) == 0) {
			return List.of(this.options.java(), "-cp", classes.toString(), "TcpCopy");
		}
		return List.of(this.options.java(), source.toString());
	}

	private List<String> tcpCopyCommand(String... arguments) {
		List<String> command = new ArrayList<>(this.tcpCopyLauncher);
		command.addAll(List.of(arguments));
		return command;
	}

	private int awaitPortFile(Path portFile, Process sender) throws Exception {
		long limit = System.nanoTime() + this.deadline.cap(START_TIMEOUT).toNanos();
		while (!Files.exists(portFile)) {
			require(sender.isAlive(), "TcpCopy send exited before listening");
			require(System.nanoTime() < limit, "TcpCopy send did not start listening in time");
			Thread.sleep(10);
		}
		return Integer.parseInt(Files.readString(portFile).strip());
	}

	private String bigLabel() {
		return Sizes.label(this.options.bigBytes());
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
		if (this.server != null) {
			this.server.close();
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

/** A scenario failed for a reason worth one line; no stack trace. */
final class BenchFailure extends RuntimeException {

	BenchFailure(String message) {
		super(message);
	}

}

/** The scenarios, in the order they run; {@code option} is the name {@code --only} takes. */
enum Scenario {

	CP("cp", "baseline: cp of the big file"),
	TCP("tcp", "baseline: the big file over plain TCP between two processes"),
	GET("get", "Simple FTP get of the big file"),
	GET_ZERO_COPY("get-zero-copy", "Simple FTP get of the big file from a server with --ftp.server.zero-copy=true"),
	PUT("put", "Simple FTP put of the big file"),
	GET_SMALL("get-small", "Simple FTP get small-* (many small files, one session)"),
	PUT_SMALL("put-small", "Simple FTP put up-small-* (many small files, one session)"),
	CONCURRENT("concurrent", "many clients at once, each getting its own file, through the client library"),
	SOAK("soak", "many clients for a while, each looping over random GETs and PUTs, every file checked"),
	IDLE("idle", "server resident memory with many idle connections"),
	STARTUP("startup", "start-up time of the server and of the interactive client"),
	CHECKSUM_COST("checksum-cost", "CPU cost of CRC32C (and SHA-256) over the big file, in this JVM, no network"),
	VERIFY_COST("verify-cost", "get and put of the big file by this build and, in turns, by --unverified-jar"),
	TLS("tls", "get and put of the big file over TLS and, in turns, in plain text, through the client library"),
	LAUNCHER("launcher", "get and put of the big file, plain and TLS, by ./simple-ftp client and, in turns, by java -jar; their start-up"),
	DURABLE("durable", "get and put of the big file and of the small files, pipelined, on a disk, durable and, in turns, not");

	private final String option;

	private final String description;

	Scenario(String option, String description) {
		this.option = option;
		this.description = description;
	}

	String option() {
		return this.option;
	}

	String description() {
		return this.description;
	}

	static Scenario named(String option) {
		return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + option + "'; known: " + names()));
	}

	static String names() {
		return Arrays.stream(values()).map(Scenario::option).collect(Collectors.joining(","));
	}

	/**
	 * All but soak (which takes a minute and more of its own), durable (minutes of writing to the
	 * disk), launcher (a dozen client processes per run), and verify-cost unless there is an unverified build to compare with; or those named plus
	 * the baselines their rates are compared with.
	 */
	static List<Scenario> selected(Set<String> only, boolean haveUnverifiedJar) {
		if (only.isEmpty()) {
			return Arrays.stream(values())
				.filter(s -> s != SOAK && s != DURABLE && s != LAUNCHER && (s != VERIFY_COST || haveUnverifiedJar))
				.toList();
		}
		EnumSet<Scenario> chosen = EnumSet.noneOf(Scenario.class);
		only.forEach(name -> chosen.add(named(name)));
		if (chosen.contains(GET) || chosen.contains(GET_ZERO_COPY) || chosen.contains(PUT) || chosen.contains(CONCURRENT)) {
			chosen.add(TCP);
		}
		if (chosen.contains(TCP)) {
			chosen.add(CP);
		}
		return List.copyOf(chosen);
	}

	/** Soak runs once: what it looks for is a failure or a leak, not a median. */
	int runs(Options options) {
		return (this == SOAK) ? 1 : options.runs();
	}

	static boolean needsBigFile(List<Scenario> scenarios) {
		return scenarios.contains(CP) || scenarios.contains(TCP) || scenarios.contains(GET) || scenarios.contains(GET_ZERO_COPY)
				|| scenarios.contains(PUT) || scenarios.contains(CHECKSUM_COST) || scenarios.contains(VERIFY_COST)
				|| scenarios.contains(TLS) || scenarios.contains(LAUNCHER);
	}

	static boolean needsSmallFiles(List<Scenario> scenarios) {
		return scenarios.contains(GET_SMALL) || scenarios.contains(PUT_SMALL);
	}

	static boolean needsMidFiles(List<Scenario> scenarios) {
		return scenarios.contains(CONCURRENT);
	}

}

/** Which way a transfer goes, as the client's command, its printed verb, and the two directories. */
enum Direction {

	GET("get", "got"), PUT("put", "put");

	private final String command;

	private final String printedVerb;

	Direction(String command, String printedVerb) {
		this.command = command;
		this.printedVerb = printedVerb;
	}

	String command() {
		return this.command;
	}

	String printedVerb() {
		return this.printedVerb;
	}

	Path source(Workspace workspace) {
		return source(workspace.serverDir(), workspace.clientDir());
	}

	Path destination(Workspace workspace) {
		return destination(workspace.serverDir(), workspace.clientDir());
	}

	Path source(Path serverDir, Path clientDir) {
		return (this == GET) ? serverDir : clientDir;
	}

	Path destination(Path serverDir, Path clientDir) {
		return (this == GET) ? clientDir : serverDir;
	}

}

/** The command line. Explicit sizes win over {@code --quick}'s, whatever their order. */
record Options(int runs, long bigBytes, int smallFiles, long smallBytes, int clients, long clientFileBytes,
		int idleConnections, int soakClients, int soakSeconds, long seed, int maxMinutes, Set<String> only, String java,
		Path unverifiedJar, Path launcherBefore) {

	static final String USAGE = """
			usage: bench/run [options]     (after ./mvnw -q package -DskipTests)
			  --runs=N              runs per scenario; figures are medians (default 3; 1 with --quick;
			                        soak runs once)
			  --quick               small sizes and 1 run, to check the harness itself
			  --only=NAME,...       run only these scenarios (the cp and tcp baselines come along when needed):
			                        %s
			                        (default: all but soak and durable, which run only when named: soak
			                        takes --seconds and up to a minute more, durable a few minutes of
			                        writing to the disk under target/bench; verify-cost only with
			                        --unverified-jar; tls is in, some 30-35 s of the whole with 1 GiB;
			                        launcher, only when named: nearly 8 minutes with 1 GiB on a busy
			                        machine, so give it --max-minutes=12)
			  --big-mib=N           size of the big file (default 1024; 64 with --quick)
			  --small-files=N       number of small files (default 1000; 100 with --quick)
			  --small-kib=N         size of each small file (default 4)
			  --clients=N           concurrent clients (default 100, soak 200; 20 with --quick)
			  --client-kib=N        size of each concurrent client's file (default 1024)
			  --idle=N              idle connections for the memory figure (default 1000; 200 with --quick)
			  --seconds=S           how long soak's clients start new operations (default 60; 10 with --quick);
			                        those still running then get 30 s more, then count as failures
			  --seed=N              seed of soak's choices: operations, sizes, contents (default 1)
			  --max-minutes=N       time limit for the whole run (default 8)
			  --java=PATH           java that runs the server and client jars (default: the one running this)
			  --unverified-jar=PATH a build without transfer verification (protocol version 2: the commit
			                        before checksums) for verify-cost to compare this build with
			  --launcher-before=PATH an older copy of the ./simple-ftp script, whose client start-up the
			                        launcher scenario measures too (e.g. git show main~1:simple-ftp)
			""".formatted(Scenario.names());

	static Options parseOrExit(String[] args) {
		try {
			return parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return null;
		}
	}

	static Options parse(String[] args) {
		Map<String, String> given = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				System.out.print(USAGE);
				System.exit(0);
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			given.put((equals < 0) ? arg.substring(2) : arg.substring(2, equals), (equals < 0) ? "" : arg.substring(equals + 1));
		}
		boolean quick = given.remove("quick") != null;
		// One --clients for both scenarios that take it, with a default of its own for each.
		Integer clients = number(given, "clients");
		Options options = new Options(number(given, "runs", quick ? 1 : 3), number(given, "big-mib", quick ? 64 : 1024) * Bench.MIB,
				number(given, "small-files", quick ? 100 : 1000), number(given, "small-kib", 4) * Bench.KIB,
				(clients != null) ? clients : quick ? 20 : 100, number(given, "client-kib", 1024) * Bench.KIB,
				number(given, "idle", quick ? 200 : 1000), (clients != null) ? clients : quick ? 20 : 200,
				number(given, "seconds", quick ? 10 : 60), seed(given.remove("seed")), number(given, "max-minutes", 8),
				scenarios(given.remove("only")), java(given.remove("java")), unverifiedJar(given.remove("unverified-jar")),
				launcherBefore(given.remove("launcher-before")));
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
		}
		return options;
	}

	private static int number(Map<String, String> given, String name, int fallback) {
		Integer number = number(given, name);
		return (number != null) ? number : fallback;
	}

	/** The option's whole number, at least 1, or {@code null} if it is not given. */
	private static Integer number(Map<String, String> given, String name) {
		String value = given.remove(name);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException("--" + name + " takes a whole number of at least 1, not '" + value + "'");
	}

	private static long seed(String value) {
		if (value == null) {
			return 1;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--seed takes a whole number, not '" + value + "'");
		}
	}

	private static Set<String> scenarios(String value) {
		if (value == null || value.isBlank()) {
			return Set.of();
		}
		Set<String> names = new LinkedHashSet<>(Arrays.asList(value.split(",")));
		names.forEach(Scenario::named);
		return names;
	}

	/** Checked here, so that a wrong path fails at once rather than after the scenarios before verify-cost. */
	private static Path unverifiedJar(String value) {
		if (value == null) {
			return null;
		}
		Path jar = Path.of(value).toAbsolutePath();
		if (value.isBlank() || !Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("--unverified-jar takes the path of a built simple-ftp.jar; no file '" + value + "'");
		}
		return jar;
	}

	private static Path launcherBefore(String value) {
		if (value == null) {
			return null;
		}
		Path script = Path.of(value).toAbsolutePath();
		if (value.isBlank() || !Files.isRegularFile(script) || !Files.isExecutable(script)) {
			throw new IllegalArgumentException("--launcher-before takes the path of an executable copy of a simple-ftp script; "
					+ "no such file '" + value + "'");
		}
		return script;
	}

	private static String java(String value) {
		if (value != null && !value.isBlank()) {
			return value;
		}
		return ProcessHandle.current().info().command().orElse("java");
	}

}

/** Stops the run at its time limit: every step's timeout is cut to what is left. */
final class Deadline {

	private final Duration budget;

	private final long end;

	Deadline(Duration budget) {
		this.budget = budget;
		this.end = System.nanoTime() + budget.toNanos();
	}

	boolean expired() {
		return System.nanoTime() >= this.end;
	}

	/** For work in this JVM, which has no timeout to cut: fails the step once the time is up. */
	void check() {
		Bench.require(!expired(), "out of time: the whole run is limited to " + this.budget.toMinutes() + " min");
	}

	Duration left() {
		return Duration.ofNanos(Math.max(0, this.end - System.nanoTime()));
	}

	Duration cap(Duration step) {
		long left = this.end - System.nanoTime();
		Bench.require(left > 0, "out of time: the whole run is limited to " + this.budget.toMinutes() + " min");
		return Duration.ofNanos(Math.min(left, step.toNanos()));
	}

}

/**
 * The temporary directory and the test data in it: {@code server/} holds big.bin, small-NNNN.bin and
 * mid-NNN.bin; {@code client/} holds up.bin and up-small-NNNN.bin (hard links to the same bytes,
 * where the file system allows) for the uploads, and receives the downloads.
 */
final class Workspace {

	private final Path root;

	private final List<String> midNames = new ArrayList<>();

	private Workspace(Path root) {
		this.root = root;
	}

	/** Under /dev/shm when it exists and has room, so the disk is not what is measured; else java.io.tmpdir. */
	static Workspace create(long bytesNeeded) throws IOException {
		Path shm = Path.of("/dev/shm");
		Path base = Path.of(System.getProperty("java.io.tmpdir"));
		if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() > bytesNeeded) {
			base = shm;
		}
		else if (Files.getFileStore(base).getUsableSpace() < bytesNeeded) {
			throw new BenchFailure("not enough room for the test data (" + Sizes.human(bytesNeeded) + ") in " + base);
		}
		return new Workspace(Files.createTempDirectory(base, "simple-ftp-bench-"));
	}

	Path root() {
		return this.root;
	}

	Path serverDir() {
		return dir("server");
	}

	Path clientDir() {
		return dir("client");
	}

	Path big() {
		return serverDir().resolve("big.bin");
	}

	List<String> midNames() {
		return this.midNames;
	}

	Path dir(String name) {
		Path dir = this.root.resolve(name);
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void makeData(Options options, boolean big, boolean small, boolean mid) throws IOException {
		SplittableRandom random = new SplittableRandom(20240601);
		if (big) {
			writeRandom(big(), options.bigBytes(), random);
			link(clientDir().resolve("up.bin"), big());
		}
		for (int i = 1; small && i <= options.smallFiles(); i++) {
			String number = String.format(Locale.ROOT, "%04d.bin", i);
			Path file = serverDir().resolve("small-" + number);
			writeRandom(file, options.smallBytes(), random);
			link(clientDir().resolve("up-small-" + number), file);
		}
		for (int i = 1; mid && i <= options.clients(); i++) {
			String name = String.format(Locale.ROOT, "mid-%03d.bin", i);
			writeRandom(serverDir().resolve(name), options.clientFileBytes(), random);
			this.midNames.add(name);
		}
	}

	static void writeRandom(Path file, long size, SplittableRandom random) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size + 7, Bench.MIB));
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			long left = size;
			while (left > 0) {
				buffer.clear();
				while (buffer.remaining() >= Long.BYTES) {
					buffer.putLong(random.nextLong());
				}
				buffer.flip().limit((int) Math.min(buffer.limit(), left));
				while (buffer.hasRemaining()) {
					left -= out.write(buffer);
				}
			}
		}
	}

	/** Directory {@code name} with the big file in it as {@code fileName} (the same bytes, linked where possible). */
	Path withBig(String name, String fileName) throws IOException {
		Path dir = dir(name);
		Path file = dir.resolve(fileName);
		if (!Files.exists(file)) {
			link(file, big());
		}
		return dir;
	}

	static void link(Path link, Path existing) throws IOException {
		try {
			Files.createLink(link, existing);
		}
		catch (UnsupportedOperationException | IOException ex) {
			Files.copy(existing, link);
		}
	}

	void delete() {
		try {
			deleteTree(this.root);
		}
		catch (IOException ex) {
			System.err.println("could not delete " + this.root + ": " + ex.getMessage());
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}

/** Checks on what arrived, all made outside the timed part. */
final class Verify {

	private Verify() {
	}

	static void size(Path file, long expected) throws IOException {
		Bench.require(Files.isRegularFile(file), "nothing arrived at " + file);
		long size = Files.size(file);
		Bench.require(size == expected, file.getFileName() + " arrived with " + size + " bytes, not " + expected);
	}

	/** Each file against the file of the same name in {@code sources}. */
	static void sameBytes(List<Path> files, Path sources) throws IOException {
		for (Path file : files) {
			sameBytes(file, sources.resolve(file.getFileName().toString()));
		}
	}

	static void sameBytes(Path file, Path source) throws IOException {
		Bench.require(Files.mismatch(file, source) == -1, file + " differs from " + source);
	}

	/** The files in {@code dir} whose names start with {@code prefix}: exactly {@code count}, each of {@code size} bytes. */
	static List<Path> files(Path dir, String prefix, int count, long size) throws IOException {
		List<Path> files;
		try (Stream<Path> listing = Files.list(dir)) {
			files = listing.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
		}
		Bench.require(files.size() == count, files.size() + " files named " + prefix + "* in " + dir + ", not " + count);
		for (Path file : files) {
			size(file, size);
		}
		return files;
	}

}

/** What a finished child process did. */
record Outcome(int exit, long nanos, String out, String err, boolean timedOut) {

	boolean ok() {
		return !this.timedOut && this.exit == 0;
	}

	String problem() {
		if (this.timedOut) {
			return "timed out after " + this.nanos / 1_000_000_000 + " s";
		}
		String said = this.err.isBlank() ? this.out : this.err;
		return "exit status " + this.exit + ": " + lastLines(said, 6);
	}

	static String lastLines(String text, int count) {
		List<String> lines = text.strip().lines().toList();
		return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
	}

}

/** Starts child processes, remembers them, and stops whatever is left at the end. */
final class Launcher {

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	private static volatile boolean stopping;

	private final Path workingDirectory;

	private final Path logs;

	private int launched;

	Launcher(Path workingDirectory, Path logs) {
		this.workingDirectory = workingDirectory;
		this.logs = logs;
	}

	/** Runs a command to the end (or its timeout), its output in files so nothing blocks; timed from launch to exit. */
	Outcome run(String label, List<String> command, Duration timeout) throws IOException, InterruptedException {
		return run(label, new ProcessBuilder(command), timeout);
	}

	/** The same for a command with an environment of its own. */
	Outcome run(String label, ProcessBuilder command, Duration timeout) throws IOException, InterruptedException {
		int number = ++this.launched;
		Path out = this.logs.resolve(label + "-" + number + ".out");
		Path err = this.logs.resolve(label + "-" + number + ".err");
		ProcessBuilder builder = command.directory(this.workingDirectory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		long startedAt = System.nanoTime();
		Process process = register(builder.start());
		boolean finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
		long nanos = System.nanoTime() - startedAt;
		if (!finished) {
			stop(process, Duration.ofSeconds(5));
		}
		started.remove(process);
		return new Outcome(finished ? process.exitValue() : -1, nanos, text(out), text(err), !finished);
	}

	/** Lenient about bytes that are not UTF-8: this is output to read, not data. */
	private static String text(Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}

	/** Starts a command in the background, stdout and stderr to {@code log}. */
	Process start(List<String> command, Path log) throws IOException {
		return register(builder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
	}

	/** Starts a command whose output (stderr merged in) the caller reads through the pipe. */
	Process startPiped(ProcessBuilder builder) throws IOException {
		return register(builder.directory(this.workingDirectory.toFile()).redirectErrorStream(true).start());
	}

	private ProcessBuilder builder(List<String> command) {
		return new ProcessBuilder(command).directory(this.workingDirectory.toFile());
	}

	/** Added before the check, and stopAll sets the flag before it looks: a process started as the bench stops is stopped too. */
	private static Process register(Process process) {
		started.add(process);
		if (stopping) {
			stop(process, Duration.ofSeconds(5));
			throw new BenchFailure("the bench is stopping");
		}
		return process;
	}

	/** SIGTERM (a graceful stop for the server), then SIGKILL if it is still there after {@code grace}. */
	static void stop(Process process, Duration grace) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		started.remove(process);
	}

	static void stopAll() {
		stopping = true;
		for (Process process : List.copyOf(started)) {
			stop(process, Duration.ofSeconds(15));
		}
	}

	static boolean isRunnableJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean onPath(String program) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
	}

}

/**
 * A server jar running in the background: its port and start-up time come from its log line
 * {@code ServerRunner: listening on HOST:PORT, ...}; its console is read by a thread of its own, and
 * copied to a file when asked.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("ServerRunner: listening on \\S+:(\\d+)");

	private static final Pattern STATUS_NUMBER = Pattern.compile("(\\w+):\\s+(\\d+)(?: kB)?");

	private final Process process;

	private final Thread reader;

	private final int port;

	private final long startupNanos;

	private ServerProcess(Process process, Thread reader, int port, long startupNanos) {
		this.process = process;
		this.reader = reader;
		this.port = port;
		this.startupNanos = startupNanos;
	}

	static ServerProcess start(Launcher launcher, ProcessBuilder command, Duration timeout) throws IOException {
		return start(launcher, command, timeout, null);
	}

	/**
	 * The same, with every console line also written to {@code console}, unless null; the file is
	 * whole once {@link #close} returns.
	 */
	static ServerProcess start(Launcher launcher, ProcessBuilder command, Duration timeout, Path console) throws IOException {
		long startedAt = System.nanoTime();
		Process process = launcher.startPiped(command);
		CompletableFuture<long[]> listening = new CompletableFuture<>();
		Thread reader = new Thread(() -> readConsole(process, startedAt, listening, console), "server-console-" + process.pid());
		reader.setDaemon(true);
		reader.start();
		try {
			long[] portAndNanos = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new ServerProcess(process, reader, (int) portAndNanos[0], portAndNanos[1]);
		}
		catch (TimeoutException | ExecutionException | InterruptedException ex) {
			Launcher.stop(process, Duration.ofSeconds(5));
			String why = (ex instanceof TimeoutException) ? "no 'listening on' line within " + timeout.toSeconds() + " s"
					: (ex.getCause() != null) ? ex.getCause().getMessage() : ex.toString();
			throw new BenchFailure("the server did not start: " + why);
		}
	}

	/** Reads the console to the end (so the server never blocks on a full pipe), watching for the port. */
	private static void readConsole(Process process, long startedAt, CompletableFuture<long[]> listening, Path copyTo) {
		Deque<String> last = new ArrayDeque<>();
		try (BufferedReader console = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				Writer copy = (copyTo != null) ? Files.newBufferedWriter(copyTo) : Writer.nullWriter()) {
			String line;
			while ((line = console.readLine()) != null) {
				copy.write(line);
				copy.write('\n');
				Matcher matcher = LISTENING.matcher(line);
				if (!listening.isDone() && matcher.find()) {
					listening.complete(new long[] { Long.parseLong(matcher.group(1)), System.nanoTime() - startedAt });
				}
				last.addLast(line);
				if (last.size() > 8) {
					last.removeFirst();
				}
			}
		}
		catch (IOException ex) {
			// The process is gone; reported below.
		}
		listening.completeExceptionally(new IOException("it exited first; its last lines: " + String.join(" | ", last)));
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	long startupNanos() {
		return this.startupNanos;
	}

	/** VmRSS from /proc (Linux), in KiB. */
	long rssKib() throws IOException {
		Long rss = status().get("VmRSS");
		Bench.require(rss != null, "no VmRSS line in /proc/" + pid() + "/status");
		return rss;
	}

	/** The numbers of /proc/PID/status (Linux) by name: VmRSS, VmHWM, RssFile... in KiB, Threads as a count. */
	Map<String, Long> status() throws IOException {
		Path status = Path.of("/proc", Long.toString(pid()), "status");
		Bench.require(Files.exists(status), "no " + status + ": memory and threads are read from /proc (Linux only)");
		Map<String, Long> numbers = new LinkedHashMap<>();
		for (String line : Files.readAllLines(status)) {
			Matcher matcher = STATUS_NUMBER.matcher(line);
			if (matcher.matches()) {
				numbers.put(matcher.group(1), Long.parseLong(matcher.group(2)));
			}
		}
		return numbers;
	}

	/** The lines of /proc/PID/maps: the memory mappings the process has. */
	long mappings() throws IOException {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid()), "maps"))) {
			return lines.count();
		}
	}

	/** utime + stime so far, in clock ticks (Linux). */
	long cpuTicks() throws IOException {
		return CpuTime.ticks(this.process.pid());
	}

	/**
	 * SIGTERM: the server stops gracefully (shutdown-timeout 10 s by default), else it is killed;
	 * then its console is read to the end.
	 */
	@Override
	public void close() {
		Launcher.stop(this.process, Duration.ofSeconds(20));
		try {
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

/** CPU time (user + system) of a process: from /proc/PID/stat while it runs, or from GNU time for a whole child. */
final class CpuTime {

	static final Path TIME = Path.of("/usr/bin/time");

	/** What Linux uses nearly everywhere; only when getconf cannot say. */
	private static final double USUAL_TICKS_PER_SECOND = 100;

	private CpuTime() {
	}

	/** Fields 14 (utime) and 15 (stime) of /proc/PID/stat, counted after the ")" that ends field 2, the command name. */
	static long ticks(long pid) throws IOException {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		Bench.require(Files.exists(stat), "no " + stat + ": CPU time is read from /proc (Linux only)");
		String line = Files.readString(stat);
		String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
		// fields[0] is field 3 (state), so field N is fields[N - 3].
		return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
	}

	static double ticksPerSecond(Launcher launcher) throws IOException, InterruptedException {
		Outcome outcome = launcher.run("getconf", List.of("getconf", "CLK_TCK"), Duration.ofSeconds(10));
		try {
			if (outcome.ok()) {
				return Double.parseDouble(outcome.out().strip());
			}
		}
		catch (NumberFormatException ex) {
			// Falls back below.
		}
		System.out.println("  getconf CLK_TCK did not answer; assuming " + USUAL_TICKS_PER_SECOND + " clock ticks per second");
		return USUAL_TICKS_PER_SECOND;
	}

	static boolean canTimeProcesses() {
		return Files.isExecutable(TIME);
	}

	/** The command under GNU time, which writes "USER SYS" seconds to {@code report} when it ends. */
	static List<String> timed(List<String> command, Path report) {
		List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S", "-o", report.toString()));
		timed.addAll(command);
		return timed;
	}

	/** User + system seconds from the report's last line (a line before it says if the command failed). */
	static double reportedSeconds(Path report) throws IOException {
		Bench.require(Files.isRegularFile(report), TIME + " wrote no report to " + report);
		List<String> lines = Files.readAllLines(report);
		String[] times = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).strip().split("\\s+");
		Bench.require(times.length == 2, "unexpected " + TIME + " report: " + String.join(" | ", lines));
		return Double.parseDouble(times[0]) + Double.parseDouble(times[1]);
	}

}

/** Reads the client's stdout: the line of one transfer, or the summary of a multi-file command. */
final class ClientOutput {

	private static final String SIZE = "[\\d.]+ [KMGT]?i?B";

	private static final String TIME = "(\\d+) ms|(\\d+(?:\\.\\d+)?) s";

	private static final Pattern SUMMARY = Pattern.compile("^(got|put) (?:(\\d+) of )?(\\d+) files?: " + SIZE + " in (?:"
			+ TIME + ") \\(", Pattern.MULTILINE);

	private static final Pattern TCP_COPY = Pattern.compile("received (\\d+) bytes in (\\d+) ns");

	private ClientOutput() {
	}

	record Summary(int done, int total, Duration elapsed) {
	}

	/** From {@code got big.bin: 1.0 GiB in 2.17 s (471.0 MiB/s)}, the 2.17 s. */
	static Duration transferTime(Outcome outcome, String verb, String name) {
		Bench.require(outcome.ok(), "the client failed, " + outcome.problem());
		Pattern line = Pattern.compile("^" + verb + " " + Pattern.quote(name) + ": " + SIZE + " in (?:" + TIME + ") \\(",
				Pattern.MULTILINE);
		Matcher matcher = line.matcher(outcome.out());
		Bench.require(matcher.find(), "no '" + verb + " " + name + ": SIZE in TIME (RATE)' line in the client's output: "
				+ Outcome.lastLines(outcome.out(), 4));
		return time(matcher, 1);
	}

	/**
	 * From {@code got 1000 files: 3.9 MiB in 184 ms (21.2 MiB/s, 5435 files/s)} or
	 * {@code got 999 of 1000 files: ...}: files moved, files asked for, and the time.
	 */
	static Summary summary(Outcome outcome, String verb) {
		return summaries(outcome, verb).get(0);
	}

	/** Every such summary, in order; at least one. */
	static List<Summary> summaries(Outcome outcome, String verb) {
		List<Summary> summaries = new ArrayList<>();
		Matcher matcher = SUMMARY.matcher(outcome.out());
		while (matcher.find()) {
			if (matcher.group(1).equals(verb)) {
				int total = Integer.parseInt(matcher.group(3));
				int done = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : total;
				summaries.add(new Summary(done, total, time(matcher, 4)));
			}
		}
		if (summaries.isEmpty()) {
			Bench.require(outcome.ok(), "the client failed, " + outcome.problem());
			throw new BenchFailure("no '" + verb + " N files: SIZE in TIME (...)' summary line in the client's output: "
					+ Outcome.lastLines(outcome.out(), 4));
		}
		return summaries;
	}

	static long tcpCopyNanos(Outcome receiver) {
		Matcher matcher = TCP_COPY.matcher(receiver.out());
		Bench.require(matcher.find(), "TcpCopy receive printed no 'received N bytes in N ns': " + receiver.out());
		return Long.parseLong(matcher.group(2));
	}

	/** {@code N ms} or {@code N.NN s}, from the two groups starting at {@code group}. */
	private static Duration time(Matcher matcher, int group) {
		if (matcher.group(group) != null) {
			return Duration.ofMillis(Long.parseLong(matcher.group(group)));
		}
		return Duration.ofNanos(Math.round(Double.parseDouble(matcher.group(group + 1)) * 1e9));
	}

}

/** Many clients in this JVM, released together by a latch, each on its own connection and directory. */
final class ConcurrentGets {

	private ConcurrentGets() {
	}

	record Attempt(String name, Path directory, long nanos, long bytes, Exception failure) {
	}

	record Batch(long wallNanos, List<Attempt> attempts) {

		/** Failures: exceptions, and files of the wrong size or bytes; checked after the clock stopped. */
		int verify(Path sources, long size) throws IOException {
			int failed = 0;
			for (Attempt attempt : this.attempts) {
				Path file = attempt.directory().resolve(attempt.name());
				boolean good = attempt.failure() == null && attempt.bytes() == size && Files.isRegularFile(file)
						&& Files.size(file) == size && Files.mismatch(file, sources.resolve(attempt.name())) == -1;
				failed += good ? 0 : 1;
			}
			return failed;
		}

		/** Nearest-rank percentile of the clients' latencies. */
		double latencyMillis(double percentile) {
			long[] sorted = this.attempts.stream().mapToLong(Attempt::nanos).sorted().toArray();
			int rank = (int) Math.ceil(percentile * sorted.length);
			return sorted[Math.max(0, rank - 1)] / 1e6;
		}

		String firstFailure() {
			return this.attempts.stream().filter(a -> a.failure() != null).findFirst()
				.map(a -> a.name() + ": " + Bench.describe(a.failure())).orElse("");
		}

	}

	static Batch run(String host, int port, List<String> names, Path base, Duration clientTimeout, Duration batchTimeout)
			throws Exception {
		CountDownLatch ready = new CountDownLatch(names.size());
		CountDownLatch go = new CountDownLatch(1);
		Attempt[] attempts = new Attempt[names.size()];
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			int index = i;
			FileStore store = new FileStore(base.resolve(String.format(Locale.ROOT, "c-%03d", i + 1)), FileStore.HardLinks.ALLOWED);
			Thread thread = new Thread(() -> attempts[index] = getOne(host, port, names.get(index), store, clientTimeout, ready, go),
					"bench-client-" + (i + 1));
			threads.add(thread);
			thread.start();
		}
		ready.await();
		long startedAt = System.nanoTime();
		go.countDown();
		long limit = startedAt + batchTimeout.toNanos();
		for (Thread thread : threads) {
			thread.join(Math.max(1, (limit - System.nanoTime()) / 1_000_000));
			Bench.require(!thread.isAlive(), "a client was still running after " + batchTimeout.toSeconds() + " s");
		}
		return new Batch(System.nanoTime() - startedAt, List.of(attempts));
	}

	/** Latency: connect and get; saying goodbye comes after the clock stops. */
	private static Attempt getOne(String host, int port, String name, FileStore store, Duration timeout, CountDownLatch ready,
			CountDownLatch go) {
		ready.countDown();
		try {
			go.await();
		}
		catch (InterruptedException ex) {
			return new Attempt(name, store.root(), 0, 0, ex);
		}
		long startedAt = System.nanoTime();
		try (FtpClient client = FtpClient.connect(host, port, timeout)) {
			TransferResult result = client.get(FileName.of(name), store);
			return new Attempt(name, store.root(), System.nanoTime() - startedAt, result.bytes(), null);
		}
		catch (Exception ex) {
			return new Attempt(name, store.root(), System.nanoTime() - startedAt, 0, ex);
		}
	}

}

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

	private static final int KEPT_PER_CLIENT = 2;

	/** Before about one operation in this many, the client closes its connection and opens another. */
	private static final int RECONNECT_ONE_IN = 50;

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

	private final String host;

	private final int port;

	private final Path serverDir;

	private final Path clientsDir;

	private final int clients;

	private final Duration length;

	private final long seed;

	private final Duration clientTimeout;

	private final List<SoakFile> seeded;

	private final Tally tally = new Tally();

	private volatile long startedAt;

	private volatile long stopAt;

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
		List<Client> all = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		// Each client a stream of its own, split off in order: the same choices for the same seed, whatever the threads do.
		SplittableRandom streams = new SplittableRandom(this.seed).split();
		for (int number = 1; number <= this.clients; number++) {
			Client client = new Client(number, streams.split(), connected, go);
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
		int abandoned = (int) all.stream().filter(Client::abandon).count();
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
	private record Attempt(Op op, int client, SoakFile file, long startedAt) {
	}

	/** One client's loop, on a thread of its own, with a directory of its own. */
	private final class Client implements Runnable {

		private final int number;

		private final SplittableRandom random;

		private final CountDownLatch connected;

		private final CountDownLatch go;

		/** Its uploads still on the server, oldest first. */
		private final List<SoakFile> kept = new ArrayList<>();

		/** Set while an operation is under way; whoever clears it, the client or {@link #abandon}, counts the operation. */
		private final AtomicReference<Attempt> inFlight = new AtomicReference<>();

		private final ByteBuffer expected = SeededContent.buffer();

		private final ByteBuffer actual = SeededContent.buffer();

		private FileStore store;

		private FtpClient connection;

		private int operations;

		Client(int number, SplittableRandom random, CountDownLatch connected, CountDownLatch go) {
			this.number = number;
			this.random = random;
			this.connected = connected;
			this.go = go;
		}

		@Override
		public void run() {
			try {
				this.store = new FileStore(Soak.this.clientsDir.resolve(String.format(Locale.ROOT, "c-%03d", this.number)),
						FileStore.HardLinks.ALLOWED);
				connect();
			}
			catch (IOException ex) {
				Soak.this.tally.fail(new Attempt(Op.CONNECT, this.number, null, System.nanoTime()), Bench.describe(ex));
			}
			finally {
				this.connected.countDown();
			}
			try {
				this.go.await();
				while (this.store != null && System.nanoTime() < Soak.this.stopAt) {
					step();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				disconnect();
			}
		}

		private void step() throws InterruptedException {
			if (this.connection != null && this.random.nextInt(RECONNECT_ONE_IN) == 0) {
				disconnect();
			}
			if (this.connection == null) {
				if (!connect()) {
					// Not a tight loop of failing connects.
					Thread.sleep(100);
				}
				return;
			}
			if (this.random.nextBoolean()) {
				put();
			}
			else {
				get();
			}
		}

		private boolean connect() {
			Attempt attempt = begin(Op.CONNECT, null);
			try {
				long startedAt = System.nanoTime();
				this.connection = FtpClient.connect(Soak.this.host, Soak.this.port, Soak.this.clientTimeout);
				succeed(attempt, System.nanoTime() - startedAt, 0);
				return true;
			}
			catch (IOException | RuntimeException ex) {
				fail(attempt, Bench.describe(ex));
				return false;
			}
		}

		/** A fresh file under a name of its own, checked where the server stores it. */
		private void put() {
			String name = String.format(Locale.ROOT, "c%03d-%06d.bin", this.number, ++this.operations);
			SoakFile file = new SoakFile(name, this.random.nextLong(), size(this.random));
			Path local = this.store.root().resolve(name);
			Attempt attempt = begin(Op.PUT, file);
			try {
				SeededContent.write(local, file, this.expected);
				long startedAt = System.nanoTime();
				TransferResult result = this.connection.put(FileName.of(name), this.store);
				long nanos = System.nanoTime() - startedAt;
				String problem = check(Soak.this.serverDir.resolve(name), file, result);
				if (problem != null) {
					fail(attempt, "on the server it " + problem);
					return;
				}
				succeed(attempt, nanos, result.bytes());
				keep(file);
			}
			catch (IOException | RuntimeException ex) {
				failed(attempt, ex);
			}
			finally {
				deleteQuietly(local);
			}
		}

		/** A seeded file, or half the time (when there is one) a file this client put, checked where it arrived. */
		private void get() {
			boolean own = !this.kept.isEmpty() && this.random.nextBoolean();
			List<SoakFile> from = own ? this.kept : Soak.this.seeded;
			SoakFile file = from.get(this.random.nextInt(from.size()));
			Path local = this.store.root().resolve(file.name());
			Attempt attempt = begin(Op.GET, file);
			try {
				long startedAt = System.nanoTime();
				TransferResult result = this.connection.get(FileName.of(file.name()), this.store);
				long nanos = System.nanoTime() - startedAt;
				String problem = check(local, file, result);
				if (problem != null) {
					fail(attempt, "what arrived " + problem);
					return;
				}
				succeed(attempt, nanos, result.bytes());
			}
			catch (IOException | RuntimeException ex) {
				failed(attempt, ex);
			}
			finally {
				deleteQuietly(local);
			}
		}

		private String check(Path arrived, SoakFile file, TransferResult result) throws IOException {
			if (result.bytes() != file.size()) {
				return "was said to be " + result.bytes() + " bytes, not " + file.size();
			}
			return SeededContent.mismatch(arrived, file, this.expected, this.actual);
		}

		private void keep(SoakFile file) {
			this.kept.add(file);
			if (this.kept.size() > KEPT_PER_CLIENT) {
				deleteQuietly(Soak.this.serverDir.resolve(this.kept.remove(0).name()));
			}
		}

		private Attempt begin(Op op, SoakFile file) {
			Attempt attempt = new Attempt(op, this.number, file, System.nanoTime());
			this.inFlight.set(attempt);
			return attempt;
		}

		private void succeed(Attempt attempt, long nanos, long bytes) {
			if (this.inFlight.compareAndSet(attempt, null)) {
				Soak.this.tally.done(attempt.op(), nanos, bytes);
			}
		}

		private void fail(Attempt attempt, String why) {
			if (this.inFlight.compareAndSet(attempt, null)) {
				Soak.this.tally.fail(attempt, why);
			}
		}

		/** A failure; after one that closed the connection, the next step opens another. */
		private void failed(Attempt attempt, Exception ex) {
			fail(attempt, Bench.describe(ex));
			if (!this.connection.isOpen()) {
				disconnect();
			}
		}

		/** Counts what is still under way as failed, if anything; true if it was. */
		boolean abandon() {
			Attempt attempt = this.inFlight.getAndSet(null);
			if (attempt == null) {
				return false;
			}
			Soak.this.tally.fail(attempt, "still under way " + GRACE.toSeconds() + " s after the end");
			return true;
		}

		private void disconnect() {
			if (this.connection != null) {
				this.connection.close();
				this.connection = null;
			}
		}

	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// Left for the workspace's deletion at the end.
		}
	}

	/** Counts, bytes and latencies per operation, and the first failures; shared by every client. */
	private final class Tally {

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

/**
 * What soak reads of its server: /proc before the load, every second during it, at the end, and
 * after a full GC; the heap from jcmd at the end, when the JDK has it. Mapped files are read apart
 * from the rest of the resident memory: the server maps files to checksum them, and a mapping lasts
 * until the garbage collector frees its buffer.
 */
final class ServerWatch {

	/**
	 * Committed and used, from {@code total 258048K, used 26585K} (Java 17) or
	 * {@code total reserved 6172672K, committed 393216K, used 12421K} (Java 25).
	 */
	private static final Pattern HEAP = Pattern.compile("heap\\s+total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");

	/** One reading: resident memory, the part of it that is mapped files, threads, memory mappings. */
	record Reading(long rssKib, long mappedKib, long threads, long mappings) {

		static Reading of(ServerProcess server) throws IOException {
			Map<String, Long> status = server.status();
			Bench.require(status.containsKey("VmRSS") && status.containsKey("Threads"), "no VmRSS or Threads in /proc/PID/status");
			long mapped = status.getOrDefault("RssFile", 0L) + status.getOrDefault("RssShmem", 0L);
			return new Reading(status.get("VmRSS"), mapped, status.get("Threads"), server.mappings());
		}

		Reading max(Reading other) {
			return new Reading(Math.max(this.rssKib, other.rssKib), Math.max(this.mappedKib, other.mappedKib),
					Math.max(this.threads, other.threads), Math.max(this.mappings, other.mappings));
		}

	}

	private final ServerProcess server;

	final Reading start;

	/** The most of each seen, read by read, so not all at one moment. */
	Reading peak;

	/** VmHWM: the true peak of the resident memory, not only of the readings. */
	long rssPeakKib;

	Reading end;

	Reading afterGc;

	/** Each -1 when there is no figure: no jcmd, or an answer not understood. */
	long heapUsedKib = -1;

	long heapCommittedKib = -1;

	long heapLiveKib = -1;

	double cpuSeconds;

	ServerWatch(ServerProcess server) throws IOException {
		this.server = server;
		this.start = Reading.of(server);
		this.peak = this.start;
	}

	/** One reading, for the progress line; the peaks are kept. */
	String sample() {
		try {
			Reading now = Reading.of(this.server);
			this.peak = this.peak.max(now);
			return String.format(Locale.ROOT, "RSS %.0f MiB (mapped files %.0f MiB), %d threads, %d mappings", now.rssKib() / 1024.0,
					now.mappedKib() / 1024.0, now.threads(), now.mappings());
		}
		catch (IOException | BenchFailure ex) {
			return "not readable: " + ex.getMessage();
		}
	}

	/**
	 * The readings at the end; by {@code jcmd}, unless it is null, the heap, then a full GC
	 * (GC.run) and the heap and /proc again.
	 */
	void end(Launcher launcher, Path jcmd) throws IOException, InterruptedException {
		this.end = Reading.of(this.server);
		this.peak = this.peak.max(this.end);
		this.rssPeakKib = this.server.status().getOrDefault("VmHWM", this.peak.rssKib());
		if (jcmd == null) {
			return;
		}
		long[] heap = heapKib(launcher, jcmd);
		this.heapCommittedKib = heap[0];
		this.heapUsedKib = heap[1];
		if (jcmd(launcher, jcmd, "GC.run").ok()) {
			this.heapLiveKib = heapKib(launcher, jcmd)[1];
			this.afterGc = Reading.of(this.server);
		}
	}

	/** Committed and used, or -1 and -1. */
	private long[] heapKib(Launcher launcher, Path jcmd) throws IOException, InterruptedException {
		Outcome outcome = jcmd(launcher, jcmd, "GC.heap_info");
		Matcher matcher = HEAP.matcher(outcome.out());
		if (!outcome.ok() || !matcher.find()) {
			return new long[] { -1, -1 };
		}
		return new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) };
	}

	private Outcome jcmd(Launcher launcher, Path jcmd, String command) throws IOException, InterruptedException {
		return launcher.run("jcmd", List.of(jcmd.toString(), Long.toString(this.server.pid()), command), Duration.ofSeconds(30));
	}

}

/** A growing array of longs, without a box for each. */
final class LongList {

	private long[] values = new long[1024];

	private int size;

	void add(long value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = value;
	}

	int size() {
		return this.size;
	}

	long[] sorted() {
		long[] copy = Arrays.copyOf(this.values, this.size);
		Arrays.sort(copy);
		return copy;
	}

}

/**
 * File content made from a seed and a size: the longs of a {@link SplittableRandom} of that seed,
 * cut at the size. Written and checked one buffer at a time, so that neither needs the file in
 * memory.
 */
final class SeededContent {

	/** A multiple of 8, so that every buffer but the last holds whole longs. */
	private static final int CHUNK = 64 * 1024;

	private SeededContent() {
	}

	static ByteBuffer buffer() {
		return ByteBuffer.allocate(CHUNK);
	}

	/** Writes {@code content} to {@code file}, replacing any file of that name. */
	static void write(Path file, Soak.SoakFile content, ByteBuffer buffer) throws IOException {
		SplittableRandom random = new SplittableRandom(content.seed());
		try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.WRITE)) {
			long left = content.size();
			while (left > 0) {
				fill(buffer, random, left);
				left -= buffer.remaining();
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
			}
		}
	}

	/** How {@code file} differs from {@code content}, or {@code null} if it holds exactly that. */
	static String mismatch(Path file, Soak.SoakFile content, ByteBuffer expected, ByteBuffer actual) throws IOException {
		if (!Files.isRegularFile(file)) {
			return "is missing";
		}
		long size = Files.size(file);
		if (size != content.size()) {
			return "has " + size + " bytes, not " + content.size();
		}
		SplittableRandom random = new SplittableRandom(content.seed());
		try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
			long position = 0;
			while (position < size) {
				fill(expected, random, size - position);
				actual.clear().limit(expected.remaining());
				while (actual.hasRemaining()) {
					if (in.read(actual) < 0) {
						return "ends at byte " + (position + actual.position()) + ", before " + size;
					}
				}
				actual.flip();
				int at = actual.mismatch(expected);
				if (at >= 0) {
					return "differs from what was sent from byte " + (position + at) + " of " + size;
				}
				position += expected.remaining();
			}
		}
		return null;
	}

	/** The next {@code left} bytes, or a buffer's worth, ready to read. */
	private static void fill(ByteBuffer buffer, SplittableRandom random, long left) {
		int length = (int) Math.min(buffer.capacity(), left);
		buffer.clear();
		while (buffer.position() + Long.BYTES <= length) {
			buffer.putLong(random.nextLong());
		}
		if (buffer.position() < length) {
			long last = random.nextLong();
			while (buffer.position() < length) {
				buffer.put((byte) last);
				last >>>= 8;
			}
		}
		buffer.flip();
	}

}

/**
 * checksum-cost's four ways over a file, each timed in this JVM: read as the transfer loops read it,
 * through a 1 MiB direct buffer, with or without a checksum fed from the buffer; or the CRC32C over
 * the file mapped in 256 MiB pieces, as the zero-copy server computes it after sendfile.
 */
enum ChecksumPass {

	/** (a) The reads alone: what the others are compared with. */
	READ,
	/** (b) Each chunk added to a CRC32C after it is read, as sender and receiver do. */
	CRC32C_READS,
	/** (c) The zero-copy server's CRC32C: no reads, the file mapped. */
	CRC32C_MAPPED,
	/** (d) Each chunk added to a SHA-256 (the HASH command's digest), for comparison. */
	SHA256_READS;

	/** Enough for the loops to be compiled, and for the intrinsics behind CRC32C and SHA-256 to be in use. */
	static final long WARM_UP = 64 * Bench.MIB;

	private static final int BUFFER = (int) Bench.MIB;

	private static final long MAPPING = 256 * Bench.MIB;

	/** What one pass did: bytes, time, and its checksum (0 for READ), used by the caller so no work can be dropped. */
	record Timed(long bytes, long nanos, long checksum) {

		double millisPerGib() {
			return (this.nanos / 1e6) / (this.bytes / (double) Bench.GIB);
		}

	}

	/** Over the first {@code limit} bytes of {@code file}, or all of it. */
	Timed run(Path file, long limit) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = Math.min(limit, channel.size());
			long startedAt = System.nanoTime();
			long checksum = switch (this) {
				case READ -> {
					read(channel, size, buffer, chunk -> {
					});
					yield 0;
				}
				case CRC32C_READS -> {
					CRC32C crc = new CRC32C();
					read(channel, size, buffer, crc::update);
					yield crc.getValue();
				}
				case CRC32C_MAPPED -> mapped(channel, size);
				case SHA256_READS -> {
					MessageDigest sha256 = sha256();
					read(channel, size, buffer, sha256::update);
					yield ByteBuffer.wrap(sha256.digest()).getLong();
				}
			};
			return new Timed(size, System.nanoTime() - startedAt, checksum);
		}
	}

	/** Each chunk to {@code sink} as a view of its own, the buffer's position left alone, as Checksums.update does. */
	private static void read(FileChannel channel, long size, ByteBuffer buffer, Consumer<ByteBuffer> sink) throws IOException {
		long position = 0;
		while (position < size) {
			buffer.clear().limit((int) Math.min(BUFFER, size - position));
			int read = channel.read(buffer);
			Bench.require(read >= 0, "the file ended at " + position + " bytes, before " + size);
			position += read;
			buffer.flip();
			sink.accept(buffer.duplicate());
		}
	}

	private static long mapped(FileChannel channel, long size) throws IOException {
		CRC32C crc = new CRC32C();
		for (long position = 0; position < size; position += MAPPING) {
			MappedByteBuffer piece = channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(MAPPING, size - position));
			crc.update(piece);
		}
		return crc.getValue();
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new BenchFailure("this JVM has no SHA-256: " + ex.getMessage());
		}
	}

}

/**
 * The test certificates of src/test/resources/tls (see its README): the arguments that give a server
 * its certificate and key as a Spring Boot PEM SSL bundle, and the client's side, trusting their CA.
 * The client's side is built with the JDK alone, since the bench runs on target/classes without
 * Spring Boot on its class path; like the client's SSL bundle, it trusts the CA and nothing else,
 * and the client checks that the server's certificate names 127.0.0.1.
 */
final class TestCertificates {

	private static final String BUNDLE = "bench";

	private final Path dir;

	TestCertificates(Path project) {
		this.dir = project.resolve("src/test/resources/tls");
	}

	List<String> serverArguments() {
		String bundle = "--spring.ssl.bundle.pem." + BUNDLE + ".keystore.";
		return List.of("--ftp.server.ssl.bundle=" + BUNDLE, bundle + "certificate=" + existing("server.pem"),
				bundle + "private-key=" + existing("server.key"));
	}

	/** For a client process: a bundle that trusts the test CA, as README's TLS section configures one. */
	List<String> clientArguments() {
		return List.of("--ftp.client.ssl.bundle=" + BUNDLE + "-ca",
				"--spring.ssl.bundle.pem." + BUNDLE + "-ca.truststore.certificate=" + existing("ca.pem"));
	}

	Tls clientTls() throws IOException {
		Path ca = existing("ca.pem");
		try (InputStream pem = Files.newInputStream(ca)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int number = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
				trusted.setCertificateEntry("ca-" + ++number, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return new Tls(context, null, null);
		}
		catch (GeneralSecurityException ex) {
			throw new BenchFailure("cannot trust " + ca + ": " + ex.getMessage());
		}
	}

	private Path existing(String name) {
		Path file = this.dir.resolve(name);
		Bench.require(Files.isRegularFile(file), "missing " + file + ": the tls scenario uses the test certificates");
		return file;
	}

}

/** The protocol and cipher suite of each TLS connection, counted from the server's log lines {@code TLS on: PROTOCOL CIPHER}. */
record TlsSessions(Map<String, Integer> counts) {

	private static final Pattern TLS_ON = Pattern.compile("TLS on: (\\S+) (\\S+)");

	static TlsSessions read(Path console) throws IOException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		// Lenient about bytes that are not UTF-8: this is output to read, not data.
		for (String line : new String(Files.readAllBytes(console), StandardCharsets.UTF_8).lines().toList()) {
			Matcher matcher = TLS_ON.matcher(line);
			if (matcher.find()) {
				counts.merge(matcher.group(1) + " " + matcher.group(2), 1, Integer::sum);
			}
		}
		return new TlsSessions(counts);
	}

	String describe(int connections) {
		if (this.counts.isEmpty()) {
			return "the TLS server logged no 'TLS on:' line: protocol and cipher suite unknown";
		}
		return "TLS, from the server's log: " + this.counts.entrySet().stream()
			.map(entry -> entry.getKey() + " on " + entry.getValue() + " of " + connections + " connections")
			.collect(Collectors.joining("; "));
	}

}

/** Plain sockets that connect, read the greeting, and then say nothing until closed. */
final class IdleConnections implements AutoCloseable {

	private final List<Socket> sockets = new ArrayList<>();

	int size() {
		return this.sockets.size();
	}

	static IdleConnections open(String host, int port, int count, Duration timeout) throws IOException {
		IdleConnections connections = new IdleConnections();
		try {
			for (int i = 1; i <= count; i++) {
				Socket socket = new Socket();
				connections.sockets.add(socket);
				socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
				socket.setSoTimeout((int) timeout.toMillis());
				String greeting = readLine(socket.getInputStream());
				Bench.require(greeting.startsWith("220 "), "idle connection " + i + " was greeted with '" + greeting + "'");
			}
			return connections;
		}
		catch (IOException | RuntimeException ex) {
			connections.close();
			throw ex;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.write(b);
		}
		return line.toString(StandardCharsets.UTF_8).strip();
	}

	@Override
	public void close() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing either way.
			}
		}
	}

}

/**
 * The interactive client on a pseudo-terminal, which it needs for its prompt: util-linux
 * {@code script -qfec COMMAND /dev/null} runs it, and its output is read until the prompt shows.
 */
final class TerminalClient {

	private static final byte[] PROMPT = "simple-ftp>".getBytes(StandardCharsets.UTF_8);

	private TerminalClient() {
	}

	/** Whether there is a terminal to run the client in: util-linux {@code script} makes one. */
	static boolean canRun() {
		return Launcher.onPath("script");
	}

	/** Nanoseconds from launch to the prompt; then types {@code quit} and waits for the exit. */
	static long timeToPrompt(Launcher launcher, List<String> command, Path configHome, Duration timeout) throws Exception {
		return timeToPrompt(launcher, new ProcessBuilder(command), configHome, timeout);
	}

	/** The same for a command with an environment of its own. */
	static long timeToPrompt(Launcher launcher, ProcessBuilder command, Path configHome, Duration timeout) throws Exception {
		// A pty made with no terminal of ours behind it is 0 columns wide, too narrow for the prompt.
		String sized = "stty cols 120 rows 40; exec " + shellQuote(command.command());
		ProcessBuilder builder = new ProcessBuilder("script", "-qfec", sized, "/dev/null");
		builder.environment().putAll(command.environment());
		builder.environment().put("TERM", "xterm");
		// Keeps the interactive client's history out of the user's ~/.config.
		builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
		long startedAt = System.nanoTime();
		Process process = launcher.startPiped(builder);
		CompletableFuture<Long> prompted = new CompletableFuture<>();
		Thread reader = new Thread(() -> watchForPrompt(process.getInputStream(), startedAt, prompted), "client-terminal");
		reader.setDaemon(true);
		reader.start();
		try {
			long nanos = prompted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			quit(process);
			return nanos;
		}
		catch (TimeoutException ex) {
			throw new BenchFailure("no 'simple-ftp>' prompt within " + timeout.toSeconds() + " s");
		}
		finally {
			Launcher.stop(process, Duration.ofSeconds(5));
		}
	}

	private static void quit(Process process) throws IOException, InterruptedException {
		OutputStream keyboard = process.getOutputStream();
		keyboard.write("quit\n".getBytes(StandardCharsets.UTF_8));
		keyboard.flush();
		Bench.require(process.waitFor(30, TimeUnit.SECONDS), "the client did not leave after 'quit'");
	}

	private static void watchForPrompt(InputStream terminal, long startedAt, CompletableFuture<Long> prompted) {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = terminal.read(buffer)) >= 0) {
				seen.write(buffer, 0, read);
				if (!prompted.isDone() && contains(seen.toByteArray(), PROMPT)) {
					prompted.complete(System.nanoTime() - startedAt);
				}
			}
		}
		catch (IOException ex) {
			// The terminal closed; reported below if the prompt never came.
		}
		prompted.completeExceptionally(new BenchFailure("the client exited without a prompt; it said: "
				+ Outcome.lastLines(seen.toString(StandardCharsets.UTF_8), 4)));
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
	}

	private static String shellQuote(List<String> command) {
		return command.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
	}

}

/** Sizes and rates as labels and numbers. */
final class Sizes {

	private Sizes() {
	}

	static double mibPerSecond(long bytes, long nanos) {
		return (bytes / (double) Bench.MIB) / (nanos / 1e9);
	}

	/** For scenario names: 1gib, 64mib, 4kib. */
	static String label(long bytes) {
		return human(bytes).replace(" ", "").toLowerCase(Locale.ROOT);
	}

	static String human(long bytes) {
		if (bytes % Bench.GIB == 0) {
			return bytes / Bench.GIB + " GiB";
		}
		if (bytes % Bench.MIB == 0) {
			return bytes / Bench.MIB + " MiB";
		}
		if (bytes % Bench.KIB == 0) {
			return bytes / Bench.KIB + " KiB";
		}
		return bytes + " B";
	}

	static String millis(Duration duration) {
		return duration.toMillis() + " ms";
	}

}

/** How a figure is compared with the baselines. */
enum Compare {

	/** A rate from the transfer's own timing: against cp, and against the TCP copy's own timing. */
	TRANSFER_RATE,
	/** A rate from a whole process's wall time: against cp, and against the TCP receiver's process time. */
	PROCESS_RATE,
	/** No rate: against the figure given by {@link Figure#comparedWith}, if any, else nothing (baseline=0 ratio=0). */
	NONE

}

/** One figure: its value on every run, or why it failed. */
final class Figure {

	final String name;

	final String unit;

	final Compare compare;

	final String note;

	final String group;

	final List<Double> values = new ArrayList<>();

	final List<String> details = new ArrayList<>();

	Figure baseline;

	String failure;

	Figure(String name, String unit, Compare compare, String note, String group) {
		this.name = name;
		this.unit = unit;
		this.compare = compare;
		this.note = note;
		this.group = group;
	}

	void add(int run, double value, String detail) {
		this.values.add(value);
		this.details.add(detail);
		System.out.printf(Locale.ROOT, "  %-34s run %d: %s %s%s%n", this.name, run, Results.format(value), this.unit,
				detail.isEmpty() ? "" : "  (" + detail + ")");
	}

	void fail(String why) {
		if (this.failure == null) {
			this.failure = why;
			System.out.println("  " + this.name + " FAILED: " + why);
		}
	}

	void comparedWith(Figure other) {
		this.baseline = other;
	}

	boolean ok() {
		return this.failure == null && !this.values.isEmpty();
	}

	double median() {
		if (!ok()) {
			return Double.NaN;
		}
		double[] sorted = this.values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}

/**
 * Every figure of the run, and the report: the table, the raw TSV and the RESULT lines. A rate's
 * RESULT baseline is cp's rate; an idle-memory figure's is the server's memory without
 * connections; a start-up time through the launcher has the same by {@code java -jar}; files/s,
 * latencies, counts, CPU seconds and the plain start-up times have no baseline that means much
 * (cp copies one file, not a thousand; nothing else starts a JVM the same way), so theirs is
 * baseline=0 ratio=0.
 */
final class Results {

	private final Map<String, Figure> figures = new LinkedHashMap<>();

	private String group = "";

	private String aborted;

	private Figure cp;

	private Figure tcpTransfer;

	private Figure tcpProcess;

	void beginGroup(String group) {
		this.group = group;
	}

	Figure figure(String name, String unit, Compare compare, String note) {
		Figure figure = new Figure(name, unit, compare, note, this.group);
		this.figures.put(name, figure);
		return figure;
	}

	void useAsCp(Figure figure) {
		this.cp = figure;
	}

	void useAsTcp(Figure transfer, Figure process) {
		this.tcpTransfer = transfer;
		this.tcpProcess = process;
	}

	/**
	 * Marks the current scenario's figures that have not got all their runs failed; one stands in
	 * for a scenario that failed before making any.
	 */
	void failGroup(String why, int runs) {
		List<Figure> inGroup = this.figures.values().stream().filter(f -> f.group.equals(this.group)).toList();
		if (inGroup.isEmpty()) {
			figure(this.group, "-", Compare.NONE, "").fail(why);
		}
		inGroup.stream().filter(figure -> figure.values.size() < runs).forEach(figure -> figure.fail(why));
	}

	void abort(String why) {
		this.aborted = why;
		System.out.println(why);
	}

	boolean anyFailed() {
		return this.aborted != null || this.figures.values().stream().anyMatch(f -> !f.ok());
	}

	void printTable(PrintStream out) {
		String row = "%-36s %10s %-8s %7s %7s  %-24s %s%n";
		out.printf(row, "scenario", "median", "unit", "vs cp", "vs tcp", "runs", "what / RESULT baseline");
		for (Figure figure : this.figures.values()) {
			if (!figure.ok()) {
				out.printf("%-36s FAILED: %s%n", figure.name, figure.failure);
				continue;
			}
			out.printf(row, figure.name, format(figure.median()), figure.unit, ratioText(figure, this.cp),
					ratioText(figure, tcpFor(figure)), runs(figure), figure.note + "; baseline: " + baselineName(figure));
		}
		if (this.aborted != null) {
			out.println(this.aborted);
		}
	}

	void printResultLines(PrintStream out) {
		for (Figure figure : this.figures.values()) {
			if (!figure.ok()) {
				out.printf("FAILED scenario=%s reason=\"%s\"%n", figure.name, figure.failure.replace('"', '\''));
				continue;
			}
			Figure baseline = baselineOf(figure);
			double base = (baseline != null && baseline.ok()) ? baseline.median() : 0;
			double ratio = (base != 0) ? figure.median() / base : 0;
			out.printf(Locale.ROOT, "RESULT scenario=%s value=%s unit=%s baseline=%s ratio=%s%n", figure.name,
					format(figure.median()), figure.unit, format(base), formatRatio(ratio));
		}
	}

	/** One row per run of every figure, plus one per failure. */
	Path writeTsv(Path directory) throws IOException {
		Files.createDirectories(directory);
		Path file = directory.resolve("results-" + stamp() + ".tsv");
		try (Writer writer = Files.newBufferedWriter(file)) {
			writer.write("scenario\trun\tvalue\tunit\tdetail\n");
			for (Figure figure : this.figures.values()) {
				for (int i = 0; i < figure.values.size(); i++) {
					writer.write(String.join("\t", figure.name, Integer.toString(i + 1), format(figure.values.get(i)), figure.unit,
							figure.details.get(i).replace('\t', ' ')) + "\n");
				}
				if (figure.failure != null) {
					writer.write(String.join("\t", figure.name, "-", "FAILED", figure.unit, figure.failure.replace('\t', ' ')) + "\n");
				}
			}
		}
		return file;
	}

	/** For file names: the time now, to the second. */
	static String stamp() {
		return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
	}

	private Figure baselineOf(Figure figure) {
		return (figure.compare == Compare.NONE) ? figure.baseline : this.cp;
	}

	private String baselineName(Figure figure) {
		Figure baseline = baselineOf(figure);
		return (baseline != null) ? baseline.name : "none (0)";
	}

	private Figure tcpFor(Figure figure) {
		return switch (figure.compare) {
			case TRANSFER_RATE -> this.tcpTransfer;
			case PROCESS_RATE -> this.tcpProcess;
			case NONE -> null;
		};
	}

	private static String ratioText(Figure figure, Figure baseline) {
		if (figure.compare == Compare.NONE || baseline == null || !baseline.ok()) {
			return "-";
		}
		return formatRatio(figure.median() / baseline.median());
	}

	private static String runs(Figure figure) {
		return figure.values.stream().map(Results::format).collect(Collectors.joining(" "));
	}

	static String format(double value) {
		double size = Math.abs(value);
		String pattern = (size >= 100 || value == Math.rint(value)) ? "%.1f" : (size >= 1) ? "%.2f" : "%.3f";
		return String.format(Locale.ROOT, pattern, value);
	}

	static String formatRatio(double ratio) {
		return String.format(Locale.ROOT, (ratio >= 0.1 || ratio == 0) ? "%.2f" : "%.4f", ratio);
	}

}
