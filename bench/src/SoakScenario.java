import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The soak scenario: the load of {@link Soak} against a server of its own, and what it did to the server. */
final class SoakScenario {

	/** The soak server's connection limit, total and per address, unless there are more clients. */
	private static final int SOAK_MAX_CONNECTIONS = 1000;

	private final Harness harness;

	private final Options options;

	private final Path project;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	private final Launcher launcher;

	private final Path jar;

	SoakScenario(Harness harness) {
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
	 * {@code --clients} clients for {@code --seconds}, each looping over random GETs and PUTs with
	 * every file checked (see {@link Soak}); then the server's memory and threads, and the WARN and
	 * ERROR lines of its console, which is kept in target/bench. A server of its own, with room for
	 * every client on one address, so that what other scenarios did does not weigh on it.
	 */
	void run() throws Exception {
		Options o = this.options;
		Duration length = Duration.ofSeconds(o.soakSeconds());
		// The load and its grace, and a minute to seed the files, start the server and stop it.
		Duration needed = length.plus(Soak.GRACE).plus(Duration.ofMinutes(1));
		Bench.require(this.deadline.left().compareTo(needed) >= 0, "soak needs " + needed.toSeconds() + " s and the run has "
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
					"--ftp.server.host=" + Bench.HOST, "--ftp.server.port=0", "--ftp.server.directory=" + serverDir,
					"--ftp.server.max-connections=" + maxConnections, "--ftp.server.max-connections-per-address=" + maxConnections,
					"--ftp.server.allow-hard-links=true");
			try (ServerProcess server = ServerProcess.start(this.launcher, new ProcessBuilder(command),
					this.deadline.cap(Bench.START_TIMEOUT), console)) {
				System.out.printf(Locale.ROOT, "soak server pid %d listening on %s:%d; %d clients for %d s, seed %d%n",
						server.pid(), Bench.HOST, server.port(), o.soakClients(), o.soakSeconds(), o.seed());
				// A second to settle after start-up before the first reading.
				Thread.sleep(1000);
				watch = new ServerWatch(server);
				long ticksBefore = server.cpuTicks();
				Soak soak = new Soak(Bench.HOST, server.port(), serverDir, clientsDir, o.soakClients(), length, o.seed(),
						Bench.CLIENT_TIMEOUT, seeded);
				outcome = soak.run(watch::sample);
				watch.cpuSeconds = (server.cpuTicks() - ticksBefore) / this.harness.clockTicksPerSecond();
				// The clients have closed their connections (all but any abandoned); two seconds for the server to notice.
				Thread.sleep(2000);
				watch.end(this.launcher, this.harness.jcmd());
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
			System.out.println("  " + dir + " is deleted with the workspace at the end: " + Bench.describe(ex));
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
		single("soak-moved", "MiB", "bytes of files moved, both ways", outcome.bytes() / (double) Bench.MIB);
		single("soak-rate", "MiB/s", "all bytes / wall time", outcome.bytes() / (double) Bench.MIB / outcome.seconds());
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
				outcome.transfers(), outcome.seconds(), outcome.failures(), outcome.bytes() / (double) Bench.MIB,
				outcome.transfers() / outcome.seconds(), outcome.bytes() / (double) Bench.MIB / outcome.seconds());
		System.out.println();
		System.out.println("| operation | done | failed | MiB moved | per s | p50 ms | p99 ms | max ms |");
		System.out.println("|---|---|---|---|---|---|---|---|");
		for (Soak.Op op : Soak.Op.values()) {
			Soak.OpFigures figures = outcome.ops().get(op);
			System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %.1f | %.1f | %.1f | %.1f |%n",
					(op == Soak.Op.CONNECT) ? "connect" : op.name(), figures.done(), figures.failed(),
					(op == Soak.Op.CONNECT) ? "-" : String.format(Locale.ROOT, "%.0f", figures.bytes() / (double) Bench.MIB),
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

}
