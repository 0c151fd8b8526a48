import java.nio.file.Path;
import java.util.List;

/** The concurrent scenario: many clients at once in this JVM (see {@link ConcurrentGets}). */
final class ConcurrentScenario {

	private final Harness harness;

	private final Options options;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	ConcurrentScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.workspace = harness.workspace;
	}

	void run() throws Exception {
		String prefix = "concurrent-get-" + this.options.clients() + "x" + Sizes.label(this.options.clientFileBytes());
		Figure rate = this.results.figure(prefix, "MiB/s", Compare.TRANSFER_RATE, "all bytes / batch wall time");
		Figure p50 = this.results.figure(prefix + "-p50", "ms", Compare.NONE, "per client: connect + get");
		Figure p99 = this.results.figure(prefix + "-p99", "ms", Compare.NONE, "per client: connect + get");
		Figure failures = this.results.figure(prefix + "-failures", "count", Compare.NONE, "exceptions, wrong size or bytes");
		List<String> names = this.workspace.midNames();
		for (int run = 1; run <= this.options.runs(); run++) {
			Path base = this.workspace.dir("concurrent-" + run);
			ConcurrentGets.Batch batch = ConcurrentGets.run(Bench.HOST, this.harness.server().port(), names, base,
					Bench.CLIENT_TIMEOUT, this.deadline.cap(Bench.STEP_TIMEOUT));
			int failed = batch.verify(this.workspace.serverDir(), this.options.clientFileBytes());
			long bytes = (long) (names.size() - failed) * this.options.clientFileBytes();
			rate.add(run, Sizes.mibPerSecond(bytes, batch.wallNanos()), "batch " + batch.wallNanos() + " ns");
			p50.add(run, batch.latencyMillis(0.50), "");
			p99.add(run, batch.latencyMillis(0.99), "");
			failures.add(run, failed, batch.firstFailure());
			Workspace.deleteTree(base);
		}
	}

}
