package dev.simpleftp.client.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.simpleftp.storage.FileName;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a transfer gets a progress bar: the interactive shell on a real terminal, and nowhere else. */
class ProgressBarsTests {

	private static final List<FileName> NAMES = List.of(FileName.of("big.bin"));

	@Test
	void theInteractiveShellOnARealTerminalGetsABar() throws IOException {
		try (Terminal terminal = xterm()) {
			assertThat(new ProgressBars(terminal, false).start(terminal.writer(), NAMES))
				.isInstanceOf(TerminalProgressBar.class);
		}
	}

	@Test
	void withQuietThereIsNoBar() throws IOException {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		try (Terminal terminal = xterm(screen)) {
			assertHidden(new ProgressBars(terminal, true).start(terminal.writer(), NAMES), terminal, screen);
		}
	}

	@Test
	void aDumbTerminalGetsNoBar() throws IOException {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), screen)) {
			assertHidden(new ProgressBars(terminal, false).start(terminal.writer(), NAMES), terminal, screen);
		}
	}

	@Test
	void aScriptWritingToItsOwnStreamGetsNoBarEvenOnARealTerminal() throws IOException {
		StringWriter script = new StringWriter();
		try (Terminal terminal = xterm()) {
			ProgressBar bar = new ProgressBars(terminal, false).start(new PrintWriter(script), NAMES);
			assertThat(bar).isNotInstanceOf(TerminalProgressBar.class);
			bar.printAbove("got big.bin: 1.0 MiB in 400 ms (2.5 MiB/s)");
			bar.close();
		}
		assertThat(script).hasToString("got big.bin: 1.0 MiB in 400 ms (2.5 MiB/s)" + System.lineSeparator());
	}

	/** A bar that is not there: lines are printed as they come, and nothing else. */
	private static void assertHidden(ProgressBar bar, Terminal terminal, ByteArrayOutputStream screen) {
		assertThat(bar).isNotInstanceOf(TerminalProgressBar.class);
		bar.moved(FileName.of("big.bin"), 1, 2);
		bar.printAbove("got big.bin: 2 B in 400 ms (5 B/s)");
		bar.close();
		terminal.flush();
		assertThat(screen.toString(StandardCharsets.UTF_8)).isIn("got big.bin: 2 B in 400 ms (5 B/s)\n",
				"got big.bin: 2 B in 400 ms (5 B/s)\r\n");
	}

	private static Terminal xterm() throws IOException {
		return xterm(new ByteArrayOutputStream());
	}

	private static Terminal xterm(ByteArrayOutputStream screen) throws IOException {
		return new ExternalTerminal("test", "xterm-256color", new ByteArrayInputStream(new byte[0]), screen,
				StandardCharsets.UTF_8);
	}

}
