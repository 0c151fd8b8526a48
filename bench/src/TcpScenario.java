import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** The tcp baseline: the big file over one plain TCP connection between two processes (bench/TcpCopy.java). */
final class TcpScenario {

	private final Harness harness;

	private final Options options;

	private final Path project;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	private final Launcher launcher;

	private List<String> tcpCopyLauncher;

	TcpScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.project = harness.project;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.workspace = harness.workspace;
		this.launcher = harness.launcher;
	}

	void run() throws Exception {
		this.tcpCopyLauncher = compileTcpCopy();
		String prefix = "tcp-copy-" + this.harness.bigLabel();
		Figure transfer = this.results.figure(prefix + "-transfer", "MiB/s", Compare.TRANSFER_RATE, "receiver's own timing");
		Figure process = this.results.figure(prefix + "-process", "MiB/s", Compare.PROCESS_RATE,
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
					tcpCopyCommand("receive", Bench.HOST, Integer.toString(port), received.toString()),
					this.deadline.cap(Bench.STEP_TIMEOUT));
			Bench.require(receiver.ok(), "TcpCopy receive: " + receiver.problem());
			Bench.require(sender.waitFor(this.deadline.cap(Bench.STEP_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)
					&& sender.exitValue() == 0, "TcpCopy send did not finish cleanly");
			long nanos = ClientOutput.tcpCopyNanos(receiver);
			Harness.verifyArrived(received, this.workspace.big(), this.options.bigBytes(), run);
			transfer.add(run, Sizes.mibPerSecond(this.options.bigBytes(), nanos), nanos + " ns");
			process.add(run, Sizes.mibPerSecond(this.options.bigBytes(), receiver.nanos()), receiver.nanos() + " ns");
			Files.delete(received);
		}
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
		long limit = System.nanoTime() + this.deadline.cap(Bench.START_TIMEOUT).toNanos();
		while (!Files.exists(portFile)) {
			Bench.require(sender.isAlive(), "TcpCopy send exited before listening");
			Bench.require(System.nanoTime() < limit, "TcpCopy send did not start listening in time");
			Thread.sleep(10);
		}
		return Integer.parseInt(Files.readString(portFile).strip());
	}

}
