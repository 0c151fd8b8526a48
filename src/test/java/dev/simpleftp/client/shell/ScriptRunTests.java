package dev.simpleftp.client.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import dev.simpleftp.FakeServer;
import dev.simpleftp.ServerExtension;
import dev.simpleftp.SimpleFtpApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --script=FILE} as a script or CI job runs it: the whole application, judged by its exit code. */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(60)
class ScriptRunTests {

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	private Path clientDir;

	@BeforeEach
	void createClientDirectory() throws IOException {
		this.clientDir = this.temp.resolve("client");
		Files.createDirectories(this.clientDir);
	}

	@Test
	void aScriptWhoseCommandsAllSucceedExitsZero(CapturedOutput output) throws IOException {
		Files.writeString(this.server.directory().resolve("hello.txt"), "hello");
		Files.writeString(this.clientDir.resolve("up.txt"), "up");
		int exitCode = runScript("""
				# fetch and send one file each

				open %d
				get hello.txt
				PUT up.txt
				close
				""".formatted(this.server.port()));
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).contains("simple-ftp> open " + this.server.port(),
				"simple-ftp 127.0.0.1:" + this.server.port() + "> get hello.txt", "got hello.txt: 5 B in ",
				"put up.txt: 2 B in ", "closed connection to 127.0.0.1:" + this.server.port());
		assertThat(this.clientDir.resolve("hello.txt")).hasContent("hello");
		assertThat(this.server.directory().resolve("up.txt")).hasContent("up");
	}

	@Test
	void aScriptStopsAtTheFirstFailingCommandAndExitsNonZero(CapturedOutput output) throws IOException {
		Files.writeString(this.server.directory().resolve("later.txt"), "never fetched");
		int exitCode = runScript("""
				open %d
				get missing.txt
				get later.txt
				""".formatted(this.server.port()));
		assertThat(exitCode).isEqualTo(ClientRunner.EXIT_COMMAND_FAILED);
		assertThat(output.getErr()).contains("no such file on the server: missing.txt (use ls to list its files)", "script stopped at line 2 of ");
		assertThat(output.getOut()).doesNotContain("get later.txt");
		assertThat(this.clientDir.resolve("later.txt")).doesNotExist();
	}

	@Test
	void aBatchWithAMissingFileFailsTheScriptAfterFetchingTheRest(CapturedOutput output) throws IOException {
		Files.writeString(this.server.directory().resolve("a.txt"), "alpha");
		Files.writeString(this.server.directory().resolve("c.txt"), "charlie");
		int exitCode = runScript("""
				open %d
				get a.txt missing.txt c.txt
				get never.txt
				""".formatted(this.server.port()));
		assertThat(exitCode).isEqualTo(ClientRunner.EXIT_COMMAND_FAILED);
		assertThat(output.getOut()).contains("got a.txt: 5 B in ", "got c.txt: 7 B in ")
			.doesNotContain("missing.txt:", "got 2 of 3 files", "never.txt");
		assertThat(output.getErr()).containsSubsequence("no such file on the server: missing.txt (use ls to list its files)", "got 2 of 3 files: 12 B in ",
				" files/s)", "script stopped at line 2 of ");
		assertThat(output.getErr()).doesNotContain("quote it");
		assertThat(this.clientDir.resolve("a.txt")).hasContent("alpha");
		assertThat(this.clientDir.resolve("c.txt")).hasContent("charlie");
		assertThat(this.clientDir.resolve("missing.txt")).doesNotExist();
	}

	@Test
	void aScriptMovesFilesByPatternWithALinePerFileAndASummary(CapturedOutput output) throws IOException {
		Files.writeString(this.server.directory().resolve("one.txt"), "1");
		Files.writeString(this.server.directory().resolve("two.txt"), "22");
		Files.writeString(this.server.directory().resolve("skip.log"), "no");
		Files.writeString(this.clientDir.resolve("up-1.csv"), "a,b");
		Files.writeString(this.clientDir.resolve("up-2.csv"), "c,d");
		int exitCode = runScript("""
				open %d
				get *.txt
				put up-?.csv
				""".formatted(this.server.port()));
		assertThat(exitCode).isZero();
		assertThat(output.getOut()).containsSubsequence("got one.txt: 1 B in ", "got two.txt: 2 B in ", "got 2 files: 3 B in ",
				"put up-1.csv: 3 B in ", "put up-2.csv: 3 B in ", "put 2 files: 6 B in ");
		assertThat(output.getErr()).isEmpty();
		assertThat(this.clientDir.resolve("skip.log")).doesNotExist();
		assertThat(this.clientDir.resolve("two.txt")).hasContent("22");
		assertThat(this.server.directory().resolve("up-2.csv")).hasContent("c,d");
	}

	/**
	 * Run on a terminal that could draw a bar (an xterm whose screen the test reads), so that only
	 * the script mode keeps it off, and slowly enough that a bar would be showing.
	 */
	@Test
	void aScriptShowsNoProgressBarEvenOnARealTerminalDuringASlowTransfer(CapturedOutput output) throws Exception {
		byte[] body = new byte[4 * 1024 * 1024];
		new Random(3).nextBytes(body);
		int chunk = 256 * 1024;
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		try (FakeServer slow = new FakeServer(client -> {
			client.greet();
			client.readLine();
			client.send("150 size=" + body.length + " modified=" + FakeServer.MODIFIED + " sending\n");
			// About 0.6 s in all: well past the moment the bar would appear.
			for (int at = 0; at < body.length; at += chunk) {
				client.write(Arrays.copyOfRange(body, at, at + chunk));
				Thread.sleep(40);
			}
			client.send("226 size=" + body.length + " crc32c=" + FakeServer.crc32c(body) + " sent\n");
			client.readUntilQuit();
		})) {
			Path file = this.temp.resolve("script.txt");
			Files.writeString(file, "open %d\nget slow.bin\n".formatted(slow.port()));
			SpringApplication application = new SpringApplication(SimpleFtpApplication.class);
			application.addInitializers(context -> context.getBeanFactory().registerSingleton("xtermOnAScreen",
					(TerminalCustomizer) builder -> builder.system(false).dumb(false).type("xterm-256color")
						.streams(new ByteArrayInputStream(new byte[0]), screen)));
			assertThat(SpringApplication.exit(application.run(arguments("--script=" + file)))).isZero();
		}
		assertThat(output.getOut()).contains("got slow.bin: 4.0 MiB in ");
		assertThat(output.getOut() + output.getErr()).doesNotContain("\r", "\u001b", "%", "ETA", "[=");
		assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("slow.bin", "%");
		assertThat(this.clientDir.resolve("slow.bin")).hasBinaryContent(body);
		// Over 1 MiB it arrived into a hidden partial file, which the finished download leaves no trace of.
		try (Stream<Path> entries = Files.list(this.clientDir)) {
			assertThat(entries.map(entry -> entry.getFileName().toString())).containsExactly("slow.bin");
		}
	}

	@Test
	void aCommandThatNeedsAConnectionFailsAScript(CapturedOutput output) throws IOException {
		assertThat(runScript("get hello.txt\n")).isEqualTo(ClientRunner.EXIT_COMMAND_FAILED);
		assertThat(output.getErr()).startsWith(ClientConnection.NOT_CONNECTED + System.lineSeparator());
	}

	@Test
	void pipedCommandsAllRunAndTheExitStatusSaysOneFailed(CapturedOutput output) throws IOException {
		Files.writeString(this.server.directory().resolve("after.txt"), "still fetched");
		String commands = "open %d\nget missing.txt\nget after.txt\nquit\n".formatted(this.server.port());
		InputStream stdin = System.in;
		System.setIn(new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)));
		try {
			assertThat(run("--spring.main.banner-mode=off")).isEqualTo(ClientRunner.EXIT_COMMAND_FAILED);
		}
		finally {
			System.setIn(stdin);
		}
		assertThat(output.getErr()).contains("no such file on the server: missing.txt (use ls to list its files)");
		assertThat(output.getOut()).contains("simple-ftp 127.0.0.1:" + this.server.port() + "> get after.txt",
				"got after.txt: 13 B in ");
		assertThat(this.clientDir.resolve("after.txt")).hasContent("still fetched");
	}

	@Test
	void anUnknownOptionFailsAScriptAndFetchesNothing(CapturedOutput output) throws IOException {
		Files.writeString(this.server.directory().resolve("hello.txt"), "hello");
		assertThat(runScript("open %d\nget -o x.txt hello.txt\n".formatted(this.server.port())))
			.isEqualTo(ClientRunner.EXIT_COMMAND_FAILED);
		assertThat(output.getErr()).contains("unknown option -o for get: usage is get [--restart] NAME...");
		assertThat(this.clientDir.resolve("hello.txt")).doesNotExist();
		assertThat(this.clientDir.resolve("x.txt")).doesNotExist();
	}

	@Test
	void anUnknownCommandFailsAScript() throws IOException {
		assertThat(runScript("fetch hello.txt\n")).isEqualTo(ClientRunner.EXIT_COMMAND_FAILED);
	}

	@Test
	void quitEndsAScriptSuccessfully() throws IOException {
		assertThat(runScript("open %d\nquit\nget never.txt\n".formatted(this.server.port()))).isZero();
	}

	@Test
	void aMissingScriptIsAUsageError() {
		assertThat(run("--script=" + this.temp.resolve("no-such-script.txt"))).isEqualTo(ClientRunner.EXIT_USAGE);
	}

	private int runScript(String script) throws IOException {
		Path file = this.temp.resolve("script.txt");
		Files.writeString(file, script);
		return run("--script=" + file);
	}

	private int run(String argument) {
		ConfigurableApplicationContext context = SpringApplication.run(SimpleFtpApplication.class, arguments(argument));
		return SpringApplication.exit(context);
	}

	private String[] arguments(String argument) {
		return new String[] { "--spring.profiles.active=client", "--ftp.client.directory=" + this.clientDir,
				"--logging.file.name=target/client-tests.log", argument };
	}

}
