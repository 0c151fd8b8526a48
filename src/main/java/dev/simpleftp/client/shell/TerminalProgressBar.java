package dev.simpleftp.client.shell;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.simpleftp.client.TransferListener;
import dev.simpleftp.storage.FileName;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * A transfer's {@link ProgressLine}, kept up to date in place on the terminal's current line by
 * JLine's {@link Display}, which rewrites only what changed, and moved below any line the command
 * prints meanwhile. Nothing is drawn for a transfer that
 * ends within {@link #QUIET_START}; after that the line is redrawn at most every {@link #REDRAW},
 * and only when its text changes, at the terminal's width of the moment. Called on the thread that
 * runs the transfer, as {@link TransferListener} is.
 */
final class TerminalProgressBar implements ProgressBar {

	static final Duration QUIET_START = Duration.ofMillis(300);

	static final Duration REDRAW = Duration.ofMillis(100);

	private static final int FALLBACK_COLUMNS = 80;

	private final Terminal terminal;

	private final Map<FileName, Integer> positions = new HashMap<>();

	private final int count;

	private final LongSupplier nanoClock;

	private final long started;

	private FileName current;

	private int index;

	private long done;

	private long size;

	private long moved;

	private long drawnAt;

	/** The text on the screen, or empty when the bar is not showing. */
	private String shown = "";

	/** Draws in place on the terminal's current line; a fresh one for each width. */
	private Display display;

	private int columns;

	TerminalProgressBar(Terminal terminal, List<FileName> names, LongSupplier nanoClock) {
		this.terminal = terminal;
		for (int i = names.size() - 1; i >= 0; i--) {
			this.positions.put(names.get(i), i + 1);
		}
		this.count = names.size();
		this.nanoClock = nanoClock;
		this.started = nanoClock.getAsLong();
		this.drawnAt = this.started - REDRAW.toNanos();
	}

	/** The bytes already there count towards the file's progress, not towards the rate. */
	@Override
	public void resumed(FileName name, long alreadyThere, long size) {
		moved(name, 0, size);
		this.done = alreadyThere;
	}

	@Override
	public void moved(FileName name, long done, long size) {
		if (!name.equals(this.current)) {
			this.current = name;
			this.index = this.positions.getOrDefault(name, this.index + 1);
			this.done = 0;
		}
		this.moved += done - this.done;
		this.done = done;
		this.size = size;
		long now = this.nanoClock.getAsLong();
		if (now - this.started >= QUIET_START.toNanos() && now - this.drawnAt >= REDRAW.toNanos()) {
			draw(now);
			this.terminal.flush();
		}
	}

	/** Sent to the terminal in one piece, so that the bar does not flicker. */
	@Override
	public void printAbove(String line) {
		boolean showing = !this.shown.isEmpty();
		erase();
		this.terminal.writer().println(line);
		if (showing) {
			draw(this.nanoClock.getAsLong());
		}
		this.terminal.flush();
	}

	@Override
	public void close() {
		erase();
		this.terminal.flush();
	}

	/** Draws the line, leaving the last column free: writing there makes some terminals wrap. */
	private void draw(long now) {
		this.drawnAt = now;
		int width = width();
		String text = new ProgressLine(this.current.value(), this.index, this.count, this.done, this.size, this.moved,
				Duration.ofNanos(now - this.started)).render(width - 1);
		if (!text.equals(this.shown)) {
			show(text);
		}
	}

	private void show(String text) {
		this.display.update(List.of(new AttributedString(text)), -1, false);
		this.shown = text;
	}

	/** Clears the line the bar is on and puts the cursor at its start. */
	private void erase() {
		width();
		if (!this.shown.isEmpty()) {
			this.display.update(List.of(), 0, false);
			this.shown = "";
		}
	}

	/** The terminal's width of the moment; after a resize, the bar has been cleared. */
	private int width() {
		int width = this.terminal.getWidth();
		width = (width > 0) ? width : FALLBACK_COLUMNS;
		if (width != this.columns) {
			if (!this.shown.isEmpty()) {
				clearRewrapped(width);
			}
			this.columns = width;
			this.display = new Display(this.terminal, false);
			this.display.resize(Math.max(this.terminal.getHeight(), 1), width);
		}
		return width;
	}

	/**
	 * Clears the bar after a resize. A narrower terminal has rewrapped it onto several rows, as most
	 * terminals do and as JLine's line reader assumes, with the cursor at its end on the last.
	 */
	private void clearRewrapped(int width) {
		int rowsAbove = (ProgressLine.columns(this.shown) - 1) / width;
		this.terminal.puts(Capability.carriage_return);
		if (rowsAbove > 0) {
			this.terminal.puts(Capability.parm_up_cursor, rowsAbove);
		}
		this.terminal.puts(Capability.clr_eos);
		this.shown = "";
	}

}
