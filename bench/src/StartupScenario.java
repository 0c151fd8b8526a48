import java.nio.file.Path;
import java.util.Locale;

/** The startup scenario: launch to the server's "listening on" line and to the client's prompt. */
final class StartupScenario {

	private final Harness harness;

	private final Options options;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	private final Launcher launcher;

	StartupScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.workspace = harness.workspace;
		this.launcher = harness.launcher;
	}

	/**
	 * Each start by {@code java -jar}, and by the ./simple-ftp launcher (extracted jar plus a CDS
	 * archive or AOT cache), in turns, so that a machine busier in one part of the run than in
	 * another weighs on both alike; one untimed start of each profile by the launcher first makes
	 * its archives.
	 */
	void run() throws Exception {
		Figure server = this.results.figure("startup-server-listening", "ms", Compare.NONE, "launch to 'listening on' line");
		Figure client = this.results.figure("startup-client-prompt", "ms", Compare.NONE, "launch to 'simple-ftp>' prompt");
		Figure launcherServer = this.results.figure("startup-server-listening-launcher", "ms", Compare.NONE,
				"./simple-ftp server: launch to 'listening on' line");
		launcherServer.comparedWith(server);
		Figure launcherClient = this.results.figure("startup-client-prompt-launcher", "ms", Compare.NONE,
				"./simple-ftp client: launch to 'simple-ftp>' prompt");
		launcherClient.comparedWith(client);
		Path serverDir = this.workspace.dir("startup-server");
		String[] serverArguments = { "--ftp.server.host=" + Bench.HOST, "--ftp.server.port=0",
				"--ftp.server.directory=" + serverDir, "--ftp.server.max-connections=10" };
		Path clientDir = this.workspace.dir("startup-client");
		Path config = this.workspace.dir("startup-config");
		long started = System.nanoTime();
		this.harness.startServer(this.harness.launcherCommand("server", serverArguments)).close();
		if (TerminalClient.canRun()) {
			TerminalClient.timeToPrompt(this.launcher,
					this.harness.launcherCommand("client", "--ftp.client.directory=" + clientDir), config, this.deadline.cap(Bench.START_TIMEOUT));
		}
		System.out.printf(Locale.ROOT, "  launcher warm-up (extract the jar, make the archives): %.1f s%n",
				(System.nanoTime() - started) / 1e9);
		for (int run = 1; run <= this.options.runs(); run++) {
			try (ServerProcess fresh = this.harness.startServer(serverDir, 10)) {
				server.add(run, fresh.startupNanos() / 1e6, "");
			}
			try (ServerProcess fresh = this.harness.startServer(this.harness.launcherCommand("server", serverArguments))) {
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
			client.add(run, TerminalClient.timeToPrompt(this.launcher, this.harness.clientCommand(clientDir), config,
					this.deadline.cap(Bench.START_TIMEOUT)) / 1e6, "");
			launcherClient.add(run, TerminalClient.timeToPrompt(this.launcher,
					this.harness.launcherCommand("client", "--ftp.client.directory=" + clientDir), config,
					this.deadline.cap(Bench.START_TIMEOUT)) / 1e6, "");
		}
	}

}
