import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The get, put and get-zero-copy scenarios: the big file by the client jar run as a whole process. */
final class BigTransferScenario {

	private final Harness harness;

	private final Options options;

	private final Results results;

	private final Workspace workspace;

	BigTransferScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.results = harness.results;
		this.workspace = harness.workspace;
	}

	/** GET of big.bin, or PUT of up.bin (a link to the same bytes in the client directory), with the main server. */
	void bigTransfer(Direction direction) throws Exception {
		bigTransfer(direction, this.harness.server(), direction.command() + "-" + this.harness.bigLabel());
	}

	/** The get scenario's GET, from a second server that sends files with sendfile; stopped when done. */
	void zeroCopyGet() throws Exception {
		try (ServerProcess zeroCopy = this.harness.startServer(this.workspace.serverDir(), 10,
				"--ftp.server.zero-copy=true")) {
			System.out.printf(Locale.ROOT, "zero-copy server pid %d listening on %s:%d%n", zeroCopy.pid(), Bench.HOST,
					zeroCopy.port());
			bigTransfer(Direction.GET, zeroCopy, "get-zero-copy-" + this.harness.bigLabel());
		}
	}

	/**
	 * Rates, and CPU seconds per GiB: the server's from /proc just before and after each client run
	 * (so also its JIT and GC threads), the client's from /usr/bin/time, JVM start-up included.
	 */
	void bigTransfer(Direction direction, ServerProcess target, String prefix) throws Exception {
		Figure transfer = this.results.figure(prefix + "-transfer", "MiB/s", Compare.TRANSFER_RATE, "client's own timing");
		Figure process = this.results.figure(prefix + "-process", "MiB/s", Compare.PROCESS_RATE, "client process, launch to exit");
		Figure serverCpu = this.results.figure(prefix + "-server-cpu", "s/GiB", Compare.NONE, "server utime+stime per GiB moved");
		Figure clientCpu = CpuTime.canTimeProcesses() ? this.results.figure(prefix + "-client-cpu", "s/GiB", Compare.NONE,
				"client process utime+stime per GiB, JVM start-up included") : null;
		if (clientCpu == null) {
			System.out.println("  no client CPU figure: " + CpuTime.TIME + " is missing");
		}
		String name = (direction == Direction.GET) ? Bench.BIG : Bench.UPLOADED_BIG;
		Path source = direction.source(this.workspace).resolve(name);
		Path arrived = direction.destination(this.workspace).resolve(name);
		double gib = this.options.bigBytes() / (double) Bench.GIB;
		for (int run = 1; run <= this.options.runs(); run++) {
			Path cpuReport = (clientCpu != null) ? this.workspace.dir("scratch").resolve(prefix + "-" + run + ".cpu") : null;
			long ticksBefore = target.cpuTicks();
			Outcome outcome = this.harness.clientScript(target, prefix, cpuReport, direction.command() + " " + name);
			long serverTicks = target.cpuTicks() - ticksBefore;
			Duration elapsed = ClientOutput.transferTime(outcome, direction.printedVerb(), name);
			Harness.verifyArrived(arrived, source, this.options.bigBytes(), run);
			transfer.add(run, Sizes.mibPerSecond(this.options.bigBytes(), elapsed.toNanos()), "client said " + Sizes.millis(elapsed));
			process.add(run, Sizes.mibPerSecond(this.options.bigBytes(), outcome.nanos()), outcome.nanos() + " ns");
			serverCpu.add(run, serverTicks / this.harness.clockTicksPerSecond() / gib, serverTicks + " clock ticks");
			if (clientCpu != null) {
				double seconds = CpuTime.reportedSeconds(cpuReport);
				clientCpu.add(run, seconds / gib, Results.format(seconds) + " s user+sys");
			}
			Files.delete(arrived);
		}
	}

}
