import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The interactive client on a pseudo-terminal, which it needs for its prompt: util-linux
 * {@code script -qfec COMMAND /dev/null} runs it, and its output is read until the prompt shows.
 */
final class TerminalClient {

	private static final byte[] PROMPT = "simple-ftp>".getBytes(StandardCharsets.UTF_8);

	private TerminalClient() {
	}

	/** Whether there is a terminal to run the client in: util-linux {@code script} makes one. */
	static boolean canRun() {
		return Launcher.onPath("script");
	}

	/** Nanoseconds from launch to the prompt; then types {@code quit} and waits for the exit. */
	static long timeToPrompt(Launcher launcher, List<String> command, Path configHome, Duration timeout) throws Exception {
		return timeToPrompt(launcher, new ProcessBuilder(command), configHome, timeout);
	}

	/** The same for a command with an environment of its own. */
	static long timeToPrompt(Launcher launcher, ProcessBuilder command, Path configHome, Duration timeout) throws Exception {
		// A pty made with no terminal of ours behind it is 0 columns wide, too narrow for the prompt.
		String sized = "stty cols 120 rows 40; exec " + shellQuote(command.command());
		ProcessBuilder builder = new ProcessBuilder("script", "-qfec", sized, "/dev/null");
		builder.environment().putAll(command.environment());
		builder.environment().put("TERM", "xterm");
		// Keeps the interactive client's history out of the user's ~/.config.
		builder.environment().put("XDG_CONFIG_HOME", configHome.toString());
		long startedAt = System.nanoTime();
		Process process = launcher.startPiped(builder);
		CompletableFuture<Long> prompted = new CompletableFuture<>();
		Thread reader = new Thread(() -> watchForPrompt(process.getInputStream(), startedAt, prompted), "client-terminal");
		reader.setDaemon(true);
		reader.start();
		try {
			long nanos = prompted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			quit(process);
			return nanos;
		}
		catch (TimeoutException ex) {
			throw new BenchFailure("no 'simple-ftp>' prompt within " + timeout.toSeconds() + " s");
		}
		finally {
			Launcher.stop(process, Duration.ofSeconds(5));
		}
	}

	private static void quit(Process process) throws IOException, InterruptedException {
		OutputStream keyboard = process.getOutputStream();
		keyboard.write("quit\n".getBytes(StandardCharsets.UTF_8));
		keyboard.flush();
		Bench.require(process.waitFor(30, TimeUnit.SECONDS), "the client did not leave after 'quit'");
	}

	private static void watchForPrompt(InputStream terminal, long startedAt, CompletableFuture<Long> prompted) {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = terminal.read(buffer)) >= 0) {
				seen.write(buffer, 0, read);
				if (!prompted.isDone() && contains(seen.toByteArray(), PROMPT)) {
					prompted.complete(System.nanoTime() - startedAt);
				}
			}
		}
		catch (IOException ex) {
			// The terminal closed; reported below if the prompt never came.
		}
		prompted.completeExceptionally(new BenchFailure("the client exited without a prompt; it said: "
				+ Outcome.lastLines(seen.toString(StandardCharsets.UTF_8), 4)));
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
	}

	private static String shellQuote(List<String> command) {
		return command.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
	}

}
