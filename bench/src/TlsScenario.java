import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;

import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;

/** The tls scenario: the big file by the client library over TLS and, in turns, in plain text. */
final class TlsScenario {

	private final Harness harness;

	private final Options options;

	private final Path project;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	private final Launcher launcher;

	private final Path jar;

	TlsScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.project = harness.project;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.workspace = harness.workspace;
		this.launcher = harness.launcher;
		this.jar = harness.jar;
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
	void run() throws Exception {
		Map<Direction, TlsFigures> figures = new EnumMap<>(Direction.class);
		for (Direction direction : Direction.values()) {
			figures.put(direction,
					TlsFigures.of(this.results, "tls-" + direction.command() + "-" + this.harness.bigLabel()));
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
		try (ServerProcess plainServer = this.harness.startServer(serverDir, 10, packagedConfiguration);
				ServerProcess tlsServer = ServerProcess.start(this.launcher,
						this.harness.serverCommand(this.jar, serverDir, 10, tlsArguments.toArray(String[]::new)),
						this.deadline.cap(Bench.START_TIMEOUT), console)) {
			System.out.printf(Locale.ROOT, "TLS server pid %d on port %d; plain server pid %d on port %d%n", tlsServer.pid(),
					tlsServer.port(), plainServer.pid(), plainServer.port());
			TlsSide tls = new TlsSide("TLS", tlsServer, certificates.clientContext());
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
		String name = (direction == Direction.GET) ? Bench.BIG : Bench.UPLOADED_BIG;
		Path source = direction.source(this.workspace).resolve(name);
		Path arrived = direction.destination(this.workspace).resolve(name);
		LocalFileStore store = MainClasses.clientStore(this.workspace.clientDir());
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long bytes;
		long nanos;
		long clientCpuNanos;
		long serverTicks;
		try (FtpClient client = MainClasses.connect(Bench.HOST, side.server().port(), Bench.CLIENT_TIMEOUT, side.tls())) {
			Bench.require(client.isEncrypted() == (side.tls() != null),
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
		Bench.require(bytes == this.options.bigBytes(), "the " + side.name() + " " + direction.command() + " moved " + bytes
				+ " bytes, not " + this.options.bigBytes());
		Harness.verifyArrived(arrived, source, this.options.bigBytes(), run);
		Files.delete(arrived);
		return new LibraryTimed(nanos, serverTicks / this.harness.clockTicksPerSecond(), clientCpuNanos / 1e9);
	}

	/** One side of the tls scenario: a server, and the client's TLS for it, or {@code null} for none. */
	private record TlsSide(String name, ServerProcess server, SSLContext tls) {
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
			double gib = bytes / (double) Bench.GIB;
			this.tlsServerCpu.add(run, tls.serverSeconds() / gib, Results.format(tls.serverSeconds()) + " s");
			this.plainServerCpu.add(run, plain.serverSeconds() / gib, Results.format(plain.serverSeconds()) + " s");
			this.tlsClientCpu.add(run, tls.clientSeconds() / gib, Results.format(tls.clientSeconds()) + " s");
			this.plainClientCpu.add(run, plain.clientSeconds() / gib, Results.format(plain.clientSeconds()) + " s");
		}

	}

}
