package dev.simpleftp.client.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.simpleftp.ClientShellTest;
import dev.simpleftp.ServerExtension;
import dev.simpleftp.ThrottledProxy;
import dev.simpleftp.transfer.Throughput;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C in the interactive shell, typed as the byte 0x03 into the terminal the shell reads (a JLine
 * terminal on streams, whose line discipline raises the INT signal as a tty's does): during a
 * transfer it stops the transfer, says what is kept, and returns to the prompt still connected; at
 * the prompt it clears the line. Ctrl-D and quit leave. Transfers go through a throttled proxy so
 * that they are still in flight when Ctrl-C comes.
 */
@ClientShellTest
class CtrlCTests {

	private static final int MiB = 1024 * 1024;

	private static final byte CTRL_C = 3;

	private static final byte CTRL_D = 4;

	private static final Pattern ESCAPES = Pattern.compile("\u001b(\\[[0-9;?]*[A-Za-z]|[=>])");

	@TempDir
	static Path temp;

	@RegisterExtension
	static final ServerExtension server = ServerExtension.in(() -> temp.resolve("server"));

	@DynamicPropertySource
	static void clientDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.client.directory", () -> temp.resolve("client").toString());
	}

	@Autowired
	ClientConnection connection;

	@Autowired
	CommandParser parser;

	@Autowired
	CommandRegistry registry;

	@Autowired
	PromptProvider prompt;

	private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

	private PipedOutputStream keyboard;

	private Terminal terminal;

	private ClientRunner runner;

	private Thread shell;

	private int seen;

	@BeforeEach
	void startShell() throws Exception {
		this.keyboard = new PipedOutputStream();
		PipedInputStream typed = new PipedInputStream(this.keyboard);
		// Not TerminalBuilder's streams(): that puts a pseudo-terminal in between, whose line
		// discipline signals a process group, not this JVM. JLine's own line discipline raises INT.
		this.terminal = new ExternalTerminal("keyboard", "xterm", typed, this.screen, StandardCharsets.UTF_8);
		this.terminal.setSize(new Size(200, 50));
		LineReader reader = LineReaderBuilder.builder().terminal(this.terminal).build();
		this.runner = new ClientRunner(reader, this.prompt, this.parser, this.registry, this.connection, true);
		this.shell = new Thread(() -> this.runner.run(new DefaultApplicationArguments()), "shell-under-test");
		this.shell.start();
		awaitOnScreen("simple-ftp> ");
	}

	@AfterEach
	void stopShell() throws Exception {
		this.connection.close();
		this.keyboard.close(); // the end of input ends the shell, as Ctrl-D does
		this.shell.join(5000);
		this.terminal.close();
		for (Path directory : new Path[] { clientDir(), server.directory() }) {
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	@Test
	void ctrlCDuringGetKeepsThePartialSaysSoAndAFollowingGetResumes() throws Exception {
		byte[] content = random(6 * MiB, 1);
		Files.write(server.directory().resolve("big.bin"), content);
		try (ThrottledProxy proxy = new ThrottledProxy(server.port(), 2 * MiB)) {
			type("open " + proxy.port() + "\r");
			awaitOnScreen("connected to 127.0.0.1:" + proxy.port());
			type("get big.bin\r");
			awaitUntil(() -> partialSize(clientDir()) > MiB, "a partial download of over 1 MiB");
			press(CTRL_C);
			String line = awaitOnScreen("interrupted: big.bin, [0-9.]+ MiB of 6.0 MiB kept; get big.bin again to resume");
			awaitOnScreen("simple-ftp 127.0.0.1:" + proxy.port() + "> ");
			assertThat(this.shell.isAlive()).isTrue();
			assertThat(clientDir().resolve("big.bin")).doesNotExist();
			long kept = partialSize(clientDir());
			assertThat(kept).isGreaterThan(MiB).isLessThan(content.length);
			assertThat(line).contains(Throughput.size(kept) + " of");

			type("status\r");
			awaitOnScreen("connected to 127.0.0.1:" + proxy.port() + ", protocol version");
			type("get big.bin\r");
			awaitOnScreen("got big.bin: .* resumed after [0-9.]+ MiB");
			assertThat(clientDir().resolve("big.bin")).hasBinaryContent(content);
			assertThat(partialSize(clientDir())).isEqualTo(-1);
		}
	}

	@Test
	void ctrlCDuringPutLeavesThePartialOnTheServerAndAFollowingPutResumes() throws Exception {
		// Larger than the download: the client's socket buffers can hold megabytes the server has not read yet.
		byte[] content = random(12 * MiB, 2);
		Files.write(clientDir().resolve("up.bin"), content);
		try (ThrottledProxy proxy = new ThrottledProxy(server.port(), Long.MAX_VALUE, 4 * MiB)) {
			type("open " + proxy.port() + "\r");
			awaitOnScreen("connected to 127.0.0.1:" + proxy.port());
			type("put up.bin\r");
			awaitUntil(() -> partialSize(server.directory()) > MiB, "a partial upload of over 1 MiB on the server");
			press(CTRL_C);
			awaitOnScreen("interrupted: up.bin, [0-9.]+ MiB of 12.0 MiB sent, kept by the server; put up.bin again to resume");
			awaitOnScreen("simple-ftp 127.0.0.1:" + proxy.port() + "> ");
			awaitPartialReleased(server.directory());
			assertThat(server.directory().resolve("up.bin")).doesNotExist();
			assertThat(partialSize(server.directory())).isGreaterThan(MiB).isLessThan(content.length);

			type("ls\r");
			awaitOnScreen("no files on the server|\\d+ files?, ");
			type("put up.bin\r");
			awaitOnScreen("put up.bin: .* resumed after [0-9.]+ MiB");
			assertThat(server.directory().resolve("up.bin")).hasBinaryContent(content);
		}
	}

	@Test
	void ctrlCStopsTheRestOfABatchAndSaysHowFarItGot() throws Exception {
		Files.write(server.directory().resolve("first.bin"), random(10_000, 3));
		Files.write(server.directory().resolve("second.bin"), random(6 * MiB, 4));
		Files.write(server.directory().resolve("third.bin"), random(10_000, 5));
		try (ThrottledProxy proxy = new ThrottledProxy(server.port(), 2 * MiB)) {
			type("open " + proxy.port() + "\r");
			awaitOnScreen("connected to 127.0.0.1:" + proxy.port());
			type("get first.bin second.bin third.bin\r");
			awaitUntil(() -> partialSize(clientDir()) > MiB, "a partial download of over 1 MiB");
			press(CTRL_C);
			awaitOnScreen("interrupted: second.bin, [0-9.]+ MiB of 6.0 MiB kept, 1 of 3 files done, 1 not started;"
					+ " get second.bin again to resume");
			awaitOnScreen("simple-ftp 127.0.0.1:" + proxy.port() + "> ");
			assertThat(clientDir().resolve("first.bin")).hasSize(10_000);
			assertThat(clientDir().resolve("second.bin")).doesNotExist();
			assertThat(clientDir().resolve("third.bin")).doesNotExist();
			assertThat(this.connection.isConnected()).isTrue();
		}
	}

	@Test
	void ctrlCDuringASmallFileSaysNothingIsKept() throws Exception {
		Files.write(server.directory().resolve("small.bin"), random(900 * 1024, 6));
		try (ThrottledProxy proxy = new ThrottledProxy(server.port(), 200 * 1024)) {
			type("open " + proxy.port() + "\r");
			awaitOnScreen("connected to 127.0.0.1:" + proxy.port());
			type("get small.bin\r");
			awaitUntil(() -> temporarySize(clientDir()) > 100 * 1024, "a temporary download under way");
			press(CTRL_C);
			awaitOnScreen("interrupted: small.bin, nothing kept \\(a file of 1.0 MiB or less is sent again whole\\);"
					+ " get small.bin again\\s");
			awaitOnScreen("simple-ftp 127.0.0.1:" + proxy.port() + "> ");
			assertThat(clientDir().resolve("small.bin")).doesNotExist();
			assertThat(partialSize(clientDir())).isEqualTo(-1);
			assertThat(this.connection.isConnected()).isTrue();
		}
	}

	@Test
	void ctrlCAtThePromptClearsTheLineAndTheShellGoesOnTillCtrlD() throws Exception {
		type("get abc");
		awaitOnScreen("get abc");
		press(CTRL_C);
		// As a person does: the next line is typed once the new prompt shows.
		awaitOnScreen("\\^C\n*simple-ftp> ");
		type("lpwd\r");
		awaitOnScreen("\n" + Pattern.quote(clientDir().toString()) + "\n");
		awaitOnScreen("simple-ftp> ");
		assertThat(stripped()).doesNotContain("abclpwd").doesNotContain("not connected").doesNotContain("abc:");
		press(CTRL_D);
		this.shell.join(5000);
		assertThat(this.shell.isAlive()).isFalse();
		assertThat(this.runner.getExitCode()).isZero();
	}

	@Test
	void aLineCutByCtrlCIsNotRunWhenTheNextLineFollowsAtOnce() throws Exception {
		type("get abc");
		awaitOnScreen("get abc");
		// Without waiting for the prompt: the next line may reach the reader before it has seen the interrupt.
		press(CTRL_C);
		type("lpwd\r");
		type("status\r");
		awaitOnScreen("\nnot connected: use open PORT");
		awaitOnScreen("simple-ftp> ");
		assertThat(stripped()).doesNotContain("you are not connected").doesNotContain("abclpwd:");
		assertThat(this.shell.isAlive()).isTrue();
	}

	@Test
	void ctrlDAtThePromptLeaves() throws Exception {
		assertThat(this.shell.isAlive()).isTrue();
		press(CTRL_D);
		this.shell.join(5000);
		assertThat(this.shell.isAlive()).isFalse();
	}

	@Test
	@DirtiesContext // the client's state now says quit
	void quitLeaves() throws Exception {
		type("quit\r");
		awaitOnScreen("bye");
		this.shell.join(5000);
		assertThat(this.shell.isAlive()).isFalse();
	}

	private void type(String text) throws IOException {
		this.keyboard.write(text.getBytes(StandardCharsets.UTF_8));
		this.keyboard.flush();
	}

	private void press(byte key) throws IOException {
		this.keyboard.write(key);
		this.keyboard.flush();
	}

	/** Waits until what the shell printed since the last match matches {@code regex}; returns the line it is on. */
	private String awaitOnScreen(String regex) throws InterruptedException {
		Pattern pattern = Pattern.compile(regex);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			String text = stripped();
			Matcher matcher = pattern.matcher(text);
			if (matcher.find(Math.min(this.seen, text.length()))) {
				this.seen = matcher.end();
				int start = text.lastIndexOf('\n', matcher.start()) + 1;
				int end = text.indexOf('\n', matcher.end());
				return text.substring(start, (end < 0) ? text.length() : end);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("never shown: " + regex + "\nscreen:\n" + stripped().substring(Math.min(this.seen,
				stripped().length())));
	}

	private String stripped() {
		return ESCAPES.matcher(this.screen.toString(StandardCharsets.UTF_8)).replaceAll("").replace("\r", "");
	}

	private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("never happened: " + what);
			}
			Thread.sleep(10);
		}
	}

	/** The server notices the cut-off on its own time: wait until its session has let go of the partial file. */
	private static void awaitPartialReleased(Path directory) throws Exception {
		awaitUntil(() -> {
			Path part = hidden(directory, ".part");
			if (part == null) {
				return false;
			}
			try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
				return lock != null;
			}
			catch (IOException | OverlappingFileLockException ex) {
				return false; // held in this JVM: the server's session is still on it
			}
		}, "the server let go of its partial file");
	}

	private Path clientDir() {
		return this.connection.local().root();
	}

	/** The size of the one hidden partial file in {@code directory}, or -1 if there is none. */
	private static long partialSize(Path directory) {
		return sizeOf(hidden(directory, ".part"));
	}

	private static long temporarySize(Path directory) {
		return sizeOf(hidden(directory, ".tmp"));
	}

	private static long sizeOf(Path file) {
		try {
			return (file != null) ? Files.size(file) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static Path hidden(Path directory, String suffix) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(path -> path.getFileName().toString().startsWith(".simpleftp-")
					&& path.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
