package dev.simpleftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * The application in a child JVM, as a person or a service manager runs it: a process of its own,
 * which signals stop or kill. Started from the test's classpath, since tests run before the jar is
 * packaged, in a working directory of the test's (so that the project's {@code application.yml} is
 * not read). Standard output and error go to files there; {@link #output()} shows them in assertion
 * messages. {@link #close()} kills the process if it still runs.
 */
public final class ApplicationProcess implements AutoCloseable {

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private ApplicationProcess(Process process, Path stdout, Path stderr) {
		this.process = process;
		this.stdout = stdout;
		this.stderr = stderr;
	}

	/**
	 * Starts {@link SimpleFtpApplication} with {@code arguments}; output goes to {@code NAME.out}
	 * and {@code NAME.err} in {@code directory}, which is also the working directory.
	 */
	public static ApplicationProcess start(Path directory, String name, List<String> arguments) throws IOException {
		return start(directory, name, arguments, Map.of());
	}

	/** As {@link #start(Path, String, List)}, with {@code environment} added to this process's. */
	public static ApplicationProcess start(Path directory, String name, List<String> arguments,
			Map<String, String> environment) throws IOException {
		return start(directory, name, "256m", arguments, environment);
	}

	/** As {@link #start(Path, String, List, Map)}, with a heap of at most {@code maxHeap} ({@code -Xmx}). */
	public static ApplicationProcess start(Path directory, String name, String maxHeap, List<String> arguments,
			Map<String, String> environment) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"), SimpleFtpApplication.class.getName()));
		command.addAll(arguments);
		Path stdout = directory.resolve(name + ".out");
		Path stderr = directory.resolve(name + ".err");
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(environment);
		Process process = builder.directory(directory.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();
		process.getOutputStream().close(); // nothing on standard input
		return new ApplicationProcess(process, stdout, stderr);
	}

	public Process process() {
		return this.process;
	}

	public long pid() {
		return this.process.pid();
	}

	/** Standard output so far. */
	public String stdout() throws IOException {
		return Files.readString(this.stdout, StandardCharsets.UTF_8);
	}

	/** Standard error so far. */
	public String stderr() throws IOException {
		return Files.readString(this.stderr, StandardCharsets.UTF_8);
	}

	/** Both, for an assertion message. */
	public String output() {
		try {
			return "pid " + pid() + (this.process.isAlive() ? " (running)" : " (exit " + this.process.exitValue() + ")")
					+ ", standard output:\n" + stdout() + "standard error:\n" + stderr();
		}
		catch (IOException ex) {
			return "(output unreadable: " + ex.getMessage() + ")";
		}
	}

	/** Waits until standard output has a match of {@code pattern}; fails if the process ends first or it takes too long. */
	public Matcher awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Matcher matcher = pattern.matcher(stdout());
			if (matcher.find()) {
				return matcher;
			}
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				fail("no '%s' on the standard output of the child within %s; %s", pattern, timeout, output());
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Polls {@code condition} every millisecond (a transfer moves megabytes in that time) until it
	 * holds; fails if the process ends first or it takes too long.
	 */
	public void awaitWhileRunning(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				fail("%s: not within %s; %s", what, timeout, output());
			}
			Thread.sleep(1);
		}
	}

	/** Waits for the process to end; returns its exit status, or fails if it does not end in time. */
	public int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			fail("the child did not exit within %s; %s", timeout, output());
		}
		return this.process.exitValue();
	}

	/** SIGKILL on Linux: the process ends at once, without running any code of its own. */
	public int kill() throws InterruptedException {
		this.process.destroyForcibly();
		return awaitExit(Duration.ofSeconds(10));
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

}
