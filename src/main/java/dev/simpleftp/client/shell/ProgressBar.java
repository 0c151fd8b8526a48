package dev.simpleftp.client.shell;

import java.io.PrintWriter;

import dev.simpleftp.client.TransferListener;
import dev.simpleftp.storage.FileName;

/**
 * What a transfer command shows while its files move: on a real terminal a bar redrawn in place
 * ({@link TerminalProgressBar}), anywhere else nothing but the lines the command prints.
 */
interface ProgressBar extends AutoCloseable {

	/** No bar: lines go straight to {@code out}, as in a script or a pipe. */
	static ProgressBar hidden(PrintWriter out) {
		return new ProgressBar() {
			@Override
			public void moved(FileName name, long done, long size) {
			}

			@Override
			public void printAbove(String line) {
				out.println(line);
				out.flush();
			}

			@Override
			public void close() {
			}
		};
	}

	/** Bytes of a file have moved; see {@link TransferListener#moved}. */
	void moved(FileName name, long done, long size);

	/** A file resumes with {@code alreadyThere} bytes; see {@link TransferListener#resumed}. */
	default void resumed(FileName name, long alreadyThere, long size) {
	}

	/** Prints a line of the command's output, so that it does not mix with the bar. */
	void printAbove(String line);

	/** Takes the bar off the screen, leaving the cursor where the command's result goes. */
	@Override
	void close();

}
