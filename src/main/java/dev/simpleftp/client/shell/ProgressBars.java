package dev.simpleftp.client.shell;

import java.io.PrintWriter;
import java.util.List;

import dev.simpleftp.storage.FileName;
import org.jline.terminal.Terminal;

/**
 * Decides whether a transfer shows a progress bar: only when the command writes straight to the
 * terminal, which the runner does only in the interactive shell (scripts and pipes get writers of
 * their own), only if that terminal can move its cursor (not a dumb one), and never with
 * {@code --quiet}.
 */
final class ProgressBars {

	private final Terminal terminal;

	private final boolean quiet;

	ProgressBars(Terminal terminal, boolean quiet) {
		this.terminal = terminal;
		this.quiet = quiet;
	}

	/** The bar for a transfer of {@code names} whose lines go to {@code out}. */
	ProgressBar start(PrintWriter out, List<FileName> names) {
		if (this.quiet || out != this.terminal.writer() || isDumb(this.terminal)) {
			return ProgressBar.hidden(out);
		}
		return new TerminalProgressBar(this.terminal, names, System::nanoTime);
	}

	private static boolean isDumb(Terminal terminal) {
		return Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
	}

}
