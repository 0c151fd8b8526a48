import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server jar running in the background: its port and start-up time come from its log line
 * {@code ServerRunner: listening on HOST:PORT, ...}; its console is read by a thread of its own, and
 * copied to a file when asked.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern LISTENING = Pattern.compile("ServerRunner: listening on \\S+:(\\d+)");

	private static final Pattern STATUS_NUMBER = Pattern.compile("(\\w+):\\s+(\\d+)(?: kB)?");

	private final Process process;

	private final Thread reader;

	private final int port;

	private final long startupNanos;

	private ServerProcess(Process process, Thread reader, int port, long startupNanos) {
		this.process = process;
		this.reader = reader;
		this.port = port;
		this.startupNanos = startupNanos;
	}

	static ServerProcess start(Launcher launcher, ProcessBuilder command, Duration timeout) throws IOException {
		return start(launcher, command, timeout, null);
	}

	/**
	 * The same, with every console line also written to {@code console}, unless null; the file is
	 * whole once {@link #close} returns.
	 */
	static ServerProcess start(Launcher launcher, ProcessBuilder command, Duration timeout, Path console) throws IOException {
		long startedAt = System.nanoTime();
		Process process = launcher.startPiped(command);
		CompletableFuture<long[]> listening = new CompletableFuture<>();
		Thread reader = new Thread(() -> readConsole(process, startedAt, listening, console), "server-console-" + process.pid());
		reader.setDaemon(true);
		reader.start();
		try {
			long[] portAndNanos = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return new ServerProcess(process, reader, (int) portAndNanos[0], portAndNanos[1]);
		}
		catch (TimeoutException | ExecutionException | InterruptedException ex) {
			Launcher.stop(process, Duration.ofSeconds(5));
			String why = (ex instanceof TimeoutException) ? "no 'listening on' line within " + timeout.toSeconds() + " s"
					: (ex.getCause() != null) ? ex.getCause().getMessage() : ex.toString();
			throw new BenchFailure("the server did not start: " + why);
		}
	}

	/** Reads the console to the end (so the server never blocks on a full pipe), watching for the port. */
	private static void readConsole(Process process, long startedAt, CompletableFuture<long[]> listening, Path copyTo) {
		Deque<String> last = new ArrayDeque<>();
		try (BufferedReader console = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
				Writer copy = (copyTo != null) ? Files.newBufferedWriter(copyTo) : Writer.nullWriter()) {
			String line;
			while ((line = console.readLine()) != null) {
				copy.write(line);
				copy.write('\n');
				Matcher matcher = LISTENING.matcher(line);
				if (!listening.isDone() && matcher.find()) {
					listening.complete(new long[] { Long.parseLong(matcher.group(1)), System.nanoTime() - startedAt });
				}
				last.addLast(line);
				if (last.size() > 8) {
					last.removeFirst();
				}
			}
		}
		catch (IOException ex) {
			// The process is gone; reported below.
		}
		listening.completeExceptionally(new IOException("it exited first; its last lines: " + String.join(" | ", last)));
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	long startupNanos() {
		return this.startupNanos;
	}

	/** VmRSS from /proc (Linux), in KiB. */
	long rssKib() throws IOException {
		Long rss = status().get("VmRSS");
		Bench.require(rss != null, "no VmRSS line in /proc/" + pid() + "/status");
		return rss;
	}

	/** The numbers of /proc/PID/status (Linux) by name: VmRSS, VmHWM, RssFile... in KiB, Threads as a count. */
	Map<String, Long> status() throws IOException {
		Path status = Path.of("/proc", Long.toString(pid()), "status");
		Bench.require(Files.exists(status), "no " + status + ": memory and threads are read from /proc (Linux only)");
		Map<String, Long> numbers = new LinkedHashMap<>();
		for (String line : Files.readAllLines(status)) {
			Matcher matcher = STATUS_NUMBER.matcher(line);
			if (matcher.matches()) {
				numbers.put(matcher.group(1), Long.parseLong(matcher.group(2)));
			}
		}
		return numbers;
	}

	/** The lines of /proc/PID/maps: the memory mappings the process has. */
	long mappings() throws IOException {
		try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid()), "maps"))) {
			return lines.count();
		}
	}

	/** utime + stime so far, in clock ticks (Linux). */
	long cpuTicks() throws IOException {
		return CpuTime.ticks(this.process.pid());
	}

	/**
	 * SIGTERM: the server stops gracefully (shutdown-timeout 10 s by default), else it is killed;
	 * then its console is read to the end.
	 */
	@Override
	public void close() {
		Launcher.stop(this.process, Duration.ofSeconds(20));
		try {
			this.reader.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
