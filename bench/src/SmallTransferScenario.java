import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The get-small and put-small scenarios: every small file in one session, cold and warm. */
final class SmallTransferScenario {

	private final Harness harness;

	private final Options options;

	private final Results results;

	private final Workspace workspace;

	SmallTransferScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.results = harness.results;
		this.workspace = harness.workspace;
	}

	/**
	 * {@code get small-*} or {@code put up-small-*}: every small file in one session. Cold: the
	 * command in a fresh client process. Warm: the same command twice in one session, timing the
	 * second (which replaces what the first moved).
	 */
	void run(Direction direction) throws Exception {
		String prefix = direction.command() + "-" + this.options.smallFiles() + "x" + Sizes.label(this.options.smallBytes());
		Figure transfer = this.results.figure(prefix + "-transfer", "files/s", Compare.NONE,
				"cold: client's own timing, 1st command of a fresh client");
		Figure process = this.results.figure(prefix + "-process", "files/s", Compare.NONE,
				"cold: client process, launch to exit");
		Figure warm = this.results.figure(prefix + "-transfer-warm", "files/s", Compare.NONE,
				"warm: client's own timing, 2nd of 2 in one session");
		String namePrefix = (direction == Direction.GET) ? Bench.SMALL_PREFIX : Bench.UPLOADED_SMALL_PREFIX;
		String command = direction.command() + " " + namePrefix + "*";
		for (int run = 1; run <= this.options.runs(); run++) {
			Outcome outcome = this.harness.clientScript(prefix, command);
			ClientOutput.Summary summary = ClientOutput.summary(outcome, direction.printedVerb());
			checkSmallArrived(direction, summary, namePrefix, run);
			transfer.add(run, summary.done() / (summary.elapsed().toNanos() / 1e9), "client said " + Sizes.millis(summary.elapsed()));
			process.add(run, summary.done() / (outcome.nanos() / 1e9), outcome.nanos() + " ns");
			Outcome twice = this.harness.clientScript(prefix + "-warm", command, command);
			List<ClientOutput.Summary> summaries = ClientOutput.summaries(twice, direction.printedVerb());
			Bench.require(summaries.size() == 2,
					summaries.size() + " summary lines from two '" + command + "' in one session");
			ClientOutput.Summary second = summaries.get(1);
			checkSmallArrived(direction, second, namePrefix, run);
			warm.add(run, second.done() / (second.elapsed().toNanos() / 1e9), "client said " + Sizes.millis(second.elapsed())
					+ "; 1st took " + Sizes.millis(summaries.get(0).elapsed()));
		}
	}

	/** Every small file moved and arrived (bytes checked on the first run), then deleted for the next command. */
	private void checkSmallArrived(Direction direction, ClientOutput.Summary summary, String namePrefix, int run)
			throws IOException {
		Bench.require(summary.done() == this.options.smallFiles() && summary.total() == this.options.smallFiles(),
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

}
