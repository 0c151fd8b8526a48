import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The cp baseline: the big file copied by {@code cp} on the same file system, the disk/memory ceiling. */
final class CpScenario {

	private final Harness harness;

	private final Options options;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	private final Launcher launcher;

	CpScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.workspace = harness.workspace;
		this.launcher = harness.launcher;
	}

	void run() throws Exception {
		Figure rate = this.results.figure("cp-" + this.harness.bigLabel(), "MiB/s", Compare.TRANSFER_RATE, "cp process");
		this.results.useAsCp(rate);
		Path copy = this.workspace.dir("scratch").resolve("cp-copy.bin");
		for (int run = 1; run <= this.options.runs(); run++) {
			Outcome outcome = this.launcher.run("cp", List.of("cp", this.workspace.big().toString(), copy.toString()),
					this.deadline.cap(Bench.STEP_TIMEOUT));
			Bench.require(outcome.ok(), "cp: " + outcome.problem());
			Verify.size(copy, this.options.bigBytes());
			rate.add(run, Sizes.mibPerSecond(this.options.bigBytes(), outcome.nanos()), outcome.nanos() + " ns");
			Files.delete(copy);
		}
	}

}
