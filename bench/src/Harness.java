import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What every scenario shares: the options, the run's deadline and results, the workspace, the
 * snapshot of the jar, the processes started, and the main server for the transfer scenarios
 * (started on first use); and the commands that start a server or a client of the jar.
 */
final class Harness {

	final Options options;

	final Path project;

	final Deadline deadline;

	final Results results;

	final Workspace workspace;

	final Launcher launcher;

	/** The snapshot of the built jar that every server and client of this run is started from. */
	final Path jar;

	private ServerProcess server;

	private double clockTicks;

	Harness(Options options, Path project, Deadline deadline, Results results, Workspace workspace, Launcher launcher,
			Path jar) {
		this.options = options;
		this.project = project;
		this.deadline = deadline;
		this.results = results;
		this.workspace = workspace;
		this.launcher = launcher;
		this.jar = jar;
	}

	/** The server for the transfer scenarios, started on first use. */
	ServerProcess server() throws IOException {
		if (this.server == null) {
			this.server = startServer(this.workspace.serverDir(), this.options.clients() + 1100);
			System.out.printf(Locale.ROOT, "server pid %d listening on %s:%d (started in %.0f ms)%n", this.server.pid(),
					Bench.HOST, this.server.port(), this.server.startupNanos() / 1e6);
		}
		return this.server;
	}

	ServerProcess startServer(Path directory, int maxConnections, String... extra) throws IOException {
		return startServer(this.jar, directory, maxConnections, extra);
	}

	/** A server of {@code jar}: this build's snapshot, or the build verify-cost compares it with. */
	ServerProcess startServer(Path jar, Path directory, int maxConnections, String... extra) throws IOException {
		return startServer(serverCommand(jar, directory, maxConnections, extra));
	}

	ProcessBuilder serverCommand(Path jar, Path directory, int maxConnections, String... extra) {
		List<String> command = new ArrayList<>(List.of(this.options.java(), "-jar", jar.toString(),
				"--spring.profiles.active=server", "--ftp.server.host=" + Bench.HOST, "--ftp.server.port=0",
				"--ftp.server.directory=" + directory, "--ftp.server.max-connections=" + maxConnections,
				// Every bench client comes from 127.0.0.1.
				"--ftp.server.max-connections-per-address=" + maxConnections,
				// The workspace shares its files' bytes between directories by hard links, on purpose.
				"--ftp.server.allow-hard-links=true"));
		command.addAll(List.of(extra));
		return new ProcessBuilder(command);
	}

	ServerProcess startServer(ProcessBuilder command) throws IOException {
		return ServerProcess.start(this.launcher, command, this.deadline.cap(Bench.START_TIMEOUT));
	}

	List<String> clientCommand(Path directory, String... extra) {
		return clientCommand(this.jar, directory, extra);
	}

	List<String> clientCommand(Path jar, Path directory, String... extra) {
		List<String> command = new ArrayList<>(List.of(this.options.java(), "-jar", jar.toString(),
				"--spring.profiles.active=client", "--ftp.client.directory=" + directory));
		command.addAll(List.of(extra));
		return command;
	}

	/** Runs the client jar on a script against the main server: open, the given commands, quit. */
	Outcome clientScript(String label, String... commands) throws IOException, InterruptedException {
		return clientScript(server(), label, null, commands);
	}

	/** The same against {@code target}; under /usr/bin/time, which writes its CPU time to {@code cpuReport}, unless null. */
	Outcome clientScript(ServerProcess target, String label, Path cpuReport, String... commands)
			throws IOException, InterruptedException {
		return clientScript(target, this.jar, this.workspace.clientDir(), label, cpuReport, commands);
	}

	/** The same by the client of {@code jar}, in {@code clientDir}. */
	Outcome clientScript(ServerProcess target, Path jar, Path clientDir, String label, Path cpuReport,
			String... commands) throws IOException, InterruptedException {
		List<String> lines = new ArrayList<>();
		lines.add("open " + Bench.HOST + " " + target.port());
		lines.addAll(List.of(commands));
		lines.add("quit");
		Path script = this.workspace.dir("scratch").resolve(label + ".script");
		Files.write(script, lines);
		List<String> command = clientCommand(jar, clientDir, "--script=" + script);
		return this.launcher.run(label, (cpuReport != null) ? CpuTime.timed(command, cpuReport) : command,
				this.deadline.cap(Bench.STEP_TIMEOUT));
	}

	/** {@code getconf CLK_TCK}, asked once: the unit of /proc/PID/stat's CPU times. */
	double clockTicksPerSecond() throws IOException, InterruptedException {
		if (this.clockTicks == 0) {
			this.clockTicks = CpuTime.ticksPerSecond(this.launcher);
		}
		return this.clockTicks;
	}

	/** Size on every run; every byte on the first (outside the timed part either way). */
	static void verifyArrived(Path arrived, Path source, long size, int run) throws IOException {
		Verify.size(arrived, size);
		if (run == 1) {
			Verify.sameBytes(arrived, source);
		}
	}

	/**
	 * {@code ./simple-ftp PROFILE} with the JDK of {@code --java} as JAVA_HOME, on the jar snapshot
	 * (SIMPLE_FTP_JAR: no build check, its extraction and archives in the workspace).
	 */
	ProcessBuilder launcherCommand(String profile, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(this.project.resolve("simple-ftp").toString(), profile));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("JAVA_HOME", javaHome().toString());
		builder.environment().put("SIMPLE_FTP_JAR", this.jar.toString());
		return builder;
	}

	/** The JDK that --java belongs to: the folder above its bin/, links followed. */
	Path javaHome() throws IOException {
		String command = this.options.java();
		Path executable = command.contains("/") ? Path.of(command)
				: Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
					.map(dir -> Path.of(dir, command)).filter(Files::isExecutable).findFirst()
					.orElseThrow(() -> new BenchFailure("no " + command + " on the PATH"));
		Path bin = executable.toRealPath().getParent();
		Bench.require(bin != null && bin.getFileName().toString().equals("bin") && bin.getParent() != null,
				"cannot tell the JDK of " + command + " (expected .../bin/java)");
		return bin.getParent();
	}

	/** jcmd of the JDK that runs the jars, or {@code null} if it has none (then no heap figures). */
	Path jcmd() {
		try {
			Path jcmd = javaHome().resolve("bin/jcmd");
			return Files.isExecutable(jcmd) ? jcmd : null;
		}
		catch (IOException | BenchFailure ex) {
			return null;
		}
	}

	String bigLabel() {
		return Sizes.label(this.options.bigBytes());
	}

	/** Stops the main server, if it was started. */
	void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

}
