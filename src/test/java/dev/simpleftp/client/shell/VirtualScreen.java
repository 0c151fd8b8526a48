package dev.simpleftp.client.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Just enough of an xterm to read back what a person would see: printable text, CR, LF, backspace,
 * and the cursor-movement, clear-to-end-of-line or -screen, insert and delete sequences that JLine
 * sends for {@code xterm-256color}. Text that reaches the right margin wraps, and
 * {@link #resize} rewraps long rows the way tmux and most terminals do.
 */
final class VirtualScreen {

	private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));

	private int width;

	private int row;

	private int column;

	VirtualScreen(int width) {
		this.width = width;
	}

	/** Plays terminal output onto the screen. */
	void play(String output) {
		for (int i = 0; i < output.length(); i++) {
			char c = output.charAt(i);
			if (c == '\u001b') {
				i = escape(output, i);
			}
			else if (c == '\r') {
				this.column = 0;
			}
			else if (c == '\n') {
				down(1);
			}
			else if (c == '\b') {
				this.column = Math.max(0, this.column - 1);
			}
			else {
				put(c);
			}
		}
	}

	/** A narrower screen: each row longer than {@code columns} continues on the rows below it. */
	void resize(int columns) {
		List<StringBuilder> rewrapped = new ArrayList<>();
		int cursorRow = 0;
		int cursorColumn = 0;
		for (int r = 0; r < this.rows.size(); r++) {
			String text = this.rows.get(r).toString();
			int first = rewrapped.size();
			for (int at = 0; at == 0 || at < text.length(); at += columns) {
				rewrapped.add(new StringBuilder(text.substring(at, Math.min(text.length(), at + columns))));
			}
			if (r == this.row) {
				int wrappedRow = Math.min(this.column / columns, rewrapped.size() - 1 - first);
				cursorRow = first + wrappedRow;
				cursorColumn = this.column - wrappedRow * columns;
			}
		}
		this.rows.clear();
		this.rows.addAll(rewrapped);
		this.width = columns;
		this.row = cursorRow;
		this.column = cursorColumn;
	}

	/** The rows with text on them, trailing spaces dropped. */
	List<String> lines() {
		return this.rows.stream().map(text -> text.toString().stripTrailing()).filter(text -> !text.isEmpty())
			.collect(Collectors.toList());
	}

	/** Where the cursor is: {row, column}. */
	int[] cursor() {
		return new int[] { this.row, this.column };
	}

	private int escape(String output, int start) {
		if (output.charAt(start + 1) != '[') {
			throw new IllegalArgumentException("unexpected escape sequence at " + output.substring(start));
		}
		int end = start + 2;
		while (Character.isDigit(output.charAt(end))) {
			end++;
		}
		int count = (end > start + 2) ? Integer.parseInt(output.substring(start + 2, end)) : 1;
		StringBuilder line = current();
		switch (output.charAt(end)) {
			case 'A' -> this.row = Math.max(0, this.row - count);
			case 'B' -> down(count);
			case 'C' -> this.column = Math.min(this.width - 1, this.column + count);
			case 'D' -> this.column = Math.max(0, this.column - count);
			case 'K' -> line.setLength(Math.min(line.length(), this.column));
			case 'J' -> {
				line.setLength(Math.min(line.length(), this.column));
				this.rows.subList(this.row + 1, this.rows.size()).clear();
			}
			case '@' -> {
				line.insert(Math.min(line.length(), this.column), " ".repeat(count));
				line.setLength(Math.min(line.length(), this.width));
			}
			case 'P' -> line.delete(Math.min(line.length(), this.column), Math.min(line.length(), this.column + count));
			default -> throw new IllegalArgumentException("unexpected escape sequence " + output.substring(start, end + 1));
		}
		return end;
	}

	private void put(char c) {
		if (this.column >= this.width) {
			down(1);
			this.column = 0;
		}
		StringBuilder line = current();
		while (line.length() < this.column) {
			line.append(' ');
		}
		if (this.column < line.length()) {
			line.setCharAt(this.column, c);
		}
		else {
			line.append(c);
		}
		this.column++;
	}

	private void down(int count) {
		this.row += count;
		while (this.rows.size() <= this.row) {
			this.rows.add(new StringBuilder());
		}
	}

	private StringBuilder current() {
		return this.rows.get(this.row);
	}

}
