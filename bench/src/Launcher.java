import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Starts child processes, remembers them, and stops whatever is left at the end. */
final class Launcher {

	private static final Set<Process> started = ConcurrentHashMap.newKeySet();

	private static volatile boolean stopping;

	private final Path workingDirectory;

	private final Path logs;

	private int launched;

	Launcher(Path workingDirectory, Path logs) {
		this.workingDirectory = workingDirectory;
		this.logs = logs;
	}

	/** Runs a command to the end (or its timeout), its output in files so nothing blocks; timed from launch to exit. */
	Outcome run(String label, List<String> command, Duration timeout) throws IOException, InterruptedException {
		return run(label, new ProcessBuilder(command), timeout);
	}

	/** The same for a command with an environment of its own. */
	Outcome run(String label, ProcessBuilder command, Duration timeout) throws IOException, InterruptedException {
		int number = ++this.launched;
		Path out = this.logs.resolve(label + "-" + number + ".out");
		Path err = this.logs.resolve(label + "-" + number + ".err");
		ProcessBuilder builder = command.directory(this.workingDirectory.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		long startedAt = System.nanoTime();
		Process process = register(builder.start());
		boolean finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
		long nanos = System.nanoTime() - startedAt;
		if (!finished) {
			stop(process, Duration.ofSeconds(5));
		}
		started.remove(process);
		return new Outcome(finished ? process.exitValue() : -1, nanos, text(out), text(err), !finished);
	}

	/** Lenient about bytes that are not UTF-8: this is output to read, not data. */
	private static String text(Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}

	/** Starts a command in the background, stdout and stderr to {@code log}. */
	Process start(List<String> command, Path log) throws IOException {
		return register(builder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
	}

	/** Starts a command whose output (stderr merged in) the caller reads through the pipe. */
	Process startPiped(ProcessBuilder builder) throws IOException {
		return register(builder.directory(this.workingDirectory.toFile()).redirectErrorStream(true).start());
	}

	private ProcessBuilder builder(List<String> command) {
		return new ProcessBuilder(command).directory(this.workingDirectory.toFile());
	}

	/** Added before the check, and stopAll sets the flag before it looks: a process started as the bench stops is stopped too. */
	private static Process register(Process process) {
		started.add(process);
		if (stopping) {
			stop(process, Duration.ofSeconds(5));
			throw new BenchFailure("the bench is stopping");
		}
		return process;
	}

	/** SIGTERM (a graceful stop for the server), then SIGKILL if it is still there after {@code grace}. */
	static void stop(Process process, Duration grace) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		started.remove(process);
	}

	static void stopAll() {
		stopping = true;
		for (Process process : List.copyOf(started)) {
			stop(process, Duration.ofSeconds(15));
		}
	}

	static boolean isRunnableJar(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			Manifest manifest = file.getManifest();
			return manifest != null && manifest.getMainAttributes().getValue("Main-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean onPath(String program) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Arrays.stream(path.split(java.io.File.pathSeparator))
			.anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
	}

}
