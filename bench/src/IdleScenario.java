/** The idle scenario: the server's resident memory with many idle connections, and without. */
final class IdleScenario {

	private final Harness harness;

	private final Options options;

	private final Results results;

	private final Workspace workspace;

	IdleScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.results = harness.results;
		this.workspace = harness.workspace;
	}

	/** A fresh server each run, so "before" is a server that has served nothing yet. */
	void run() throws Exception {
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
			try (ServerProcess idle = this.harness.startServer(this.workspace.dir("idle-server"), count + 200,
					"--ftp.server.first-request-timeout=1h", "--ftp.server.idle-timeout=1h")) {
				Thread.sleep(1000);
				long rssBefore = idle.rssKib();
				before.add(run, rssBefore / 1024.0, rssBefore + " KiB");
				try (IdleConnections connections = IdleConnections.open(Bench.HOST, idle.port(), count,
						Bench.CLIENT_TIMEOUT)) {
					Thread.sleep(1000);
					long rssAfter = idle.rssKib();
					after.add(run, rssAfter / 1024.0, rssAfter + " KiB");
					perConnection.add(run, (rssAfter - rssBefore) / (double) connections.size(), "");
				}
			}
		}
	}

}
