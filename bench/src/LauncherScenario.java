import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The launcher scenario: {@code ./simple-ftp client} against {@code java -jar}, transfers and start-up. */
final class LauncherScenario {

	private final Harness harness;

	private final Options options;

	private final Path project;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	private final Launcher launcher;

	private final Path jar;

	LauncherScenario(Harness harness) {
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
	void run() throws Exception {
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
		try (ServerProcess plainServer = this.harness.startServer(this.workspace.serverDir(), 10, packagedConfiguration);
				ServerProcess tlsServer = this.harness.startServer(this.harness.serverCommand(this.jar, this.workspace.serverDir(), 10,
						tlsArguments.toArray(String[]::new)))) {
			System.out.printf(Locale.ROOT, "plain server pid %d on port %d; TLS server pid %d on port %d%n", plainServer.pid(),
					plainServer.port(), tlsServer.pid(), tlsServer.port());
			List<ClientVariant> clients = new ArrayList<>();
			clients.add(new ClientVariant("jar", extra -> {
				List<String> command = this.harness.clientCommand(clientDir, packagedConfiguration);
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
				Bench.require(warmUp.ok(), client.name() + " client: " + warmUp.problem());
			}
			System.out.printf(Locale.ROOT, "  launcher warm-up (extract the jar, make the archives): %.1f s%n",
					(System.nanoTime() - started) / 1e9);
			launcherRates(clients.get(1), clients.get(0), plainServer, tlsServer, certificates.clientArguments());
			launcherStartup(clients, plainServer);
		}
	}

	/** The four transfers by launcher and jar in turns, {@link #run}'s rates and ratios. */
	private void launcherRates(ClientVariant launcher, ClientVariant jar, ServerProcess plainServer, ServerProcess tlsServer,
			List<String> tlsClientArguments) throws Exception {
		Map<String, Figure[]> figures = new LinkedHashMap<>();
		for (String security : List.of("plain", "tls")) {
			for (Direction direction : Direction.values()) {
				String prefix = "launcher-" + direction.command() + "-" + security + "-" + this.harness.bigLabel();
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
		String name = (direction == Direction.GET) ? Bench.BIG : Bench.UPLOADED_BIG;
		Path source = direction.source(this.workspace).resolve(name);
		Path arrived = direction.destination(this.workspace).resolve(name);
		Outcome outcome = runClientScript(client, target,
				"launcher-" + direction.command() + "-" + security + "-" + client.name() + "-" + run, extra,
				direction.command() + " " + name);
		Duration elapsed = ClientOutput.transferTime(outcome, direction.printedVerb(), name);
		Harness.verifyArrived(arrived, source, this.options.bigBytes(), run);
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
				Bench.require(outcome.ok(), client.name() + " client: " + outcome.problem());
				connect.get(client.name()).add(run, outcome.nanos() / 1e6, "");
			}
			for (int turn = 0; turn < clients.size(); turn++) {
				ClientVariant client = clients.get((turn + run) % clients.size());
				if (!TerminalClient.canRun()) {
					prompt.get(client.name()).fail("skipped: util-linux 'script' is not on the PATH, and the prompt needs a terminal");
					continue;
				}
				prompt.get(client.name()).add(run, TerminalClient.timeToPrompt(this.launcher, client.command(List.of()), config,
						this.deadline.cap(Bench.START_TIMEOUT)) / 1e6, "");
			}
		}
	}

	/** A client process on a script: open the server, the given commands, quit. */
	private Outcome runClientScript(ClientVariant client, ServerProcess target, String label, List<String> extra,
			String... commands) throws IOException, InterruptedException {
		List<String> lines = new ArrayList<>();
		lines.add("open " + Bench.HOST + " " + target.port());
		lines.addAll(List.of(commands));
		lines.add("quit");
		Path script = this.workspace.dir("scratch").resolve(label + ".script");
		Files.write(script, lines);
		List<String> arguments = new ArrayList<>(extra);
		arguments.add("--script=" + script);
		return this.launcher.run(label, client.command(arguments), this.deadline.cap(Bench.STEP_TIMEOUT));
	}

	/** {@code SCRIPT client ...} on {@code jar}, as {@link #launcherCommand} starts the project's launcher. */
	private ProcessBuilder launcherClient(Path script, Path jar, Path clientDir, String packagedConfiguration,
			List<String> extra) throws IOException {
		List<String> command = new ArrayList<>(List.of(script.toString(), "client", "--ftp.client.directory=" + clientDir,
				packagedConfiguration));
		command.addAll(extra);
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA_HOME", this.harness.javaHome().toString());
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

}
