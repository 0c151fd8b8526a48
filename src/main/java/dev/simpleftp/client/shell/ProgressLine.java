package dev.simpleftp.client.shell;

import java.time.Duration;

import dev.simpleftp.transfer.Throughput;
import org.jline.utils.WCWidth;

/**
 * The text of a transfer's progress bar, for example
 * {@code (3/12) big.bin  512.0 MiB / 1.0 GiB  50%  [=========>         ]  1.6 GiB/s  ETA 0:01}.
 * Plain text from plain numbers, so that it can be checked with fixed sizes and times. It never
 * runs wider than asked: as the width shrinks the name is shortened in the middle and the bar, the
 * rate, the sizes, the ETA and the file count are left out, in that order.
 * The rate is the batch's average so far, and the ETA is for the file moving now: a batch's later
 * sizes are not known until their files arrive.
 *
 * @param name the file moving now
 * @param index its place in the batch, from 1
 * @param count the files in the batch; a batch of one shows no count
 * @param done bytes of this file moved so far
 * @param size this file's length
 * @param moved bytes of the whole batch moved in {@code elapsed}, which give the rate
 * @param elapsed time since the batch started
 */
record ProgressLine(String name, int index, int count, long done, long size, long moved, Duration elapsed) {

	/** Before this, too little has moved for a rate worth showing, or an ETA. */
	static final Duration RATE_AFTER = Duration.ofMillis(200);

	private static final String GAP = "  ";

	/** The shortest name worth showing before the optional parts take the room. */
	private static final int NAME_COLUMNS = 16;

	private static final int MIN_BAR = 10;

	private static final int MAX_BAR = 30;

	/** The line in at most {@code width} terminal columns; only the percentage, or nothing, if a name does not fit. */
	String render(int width) {
		String percent = percent() + "%";
		int nameColumns = columns(this.name);
		int budget = width - GAP.length() - percent.length();
		if (budget < Math.min(nameColumns, 4)) {
			return (percent.length() <= width) ? percent : "";
		}
		int nameMin = Math.min(Math.min(nameColumns, NAME_COLUMNS), budget);
		budget -= nameMin;

		long rate = rate();
		String counter = (this.count > 1) ? "(" + this.index + "/" + this.count + ") " : "";
		String eta = (rate > 0) ? GAP + "ETA " + clock(ceilDiv(this.size - Math.min(this.done, this.size), rate)) : "";
		String sizes = GAP + Throughput.size(this.done) + " / " + Throughput.size(this.size);
		String speed = (rate > 0) ? GAP + Throughput.size(rate) + "/s" : "";
		// The optional parts, most wanted first; the first that does not fit ends the list.
		String[] optional = { counter, eta, sizes, speed };
		boolean[] shown = new boolean[optional.length];
		for (int i = 0; i < optional.length && optional[i].length() <= budget; i++) {
			shown[i] = true;
			budget -= optional[i].length();
		}
		int frame = GAP.length() + 2;
		boolean withBar = shown[optional.length - 1] && budget >= frame + MIN_BAR;
		if (withBar) {
			budget -= frame + MIN_BAR;
		}
		int nameWidth = nameMin + Math.min(nameColumns - nameMin, budget);
		budget -= nameWidth - nameMin;

		StringBuilder line = new StringBuilder();
		line.append(shown[0] ? counter : "").append(shorten(this.name, nameWidth));
		line.append(shown[2] ? sizes : "").append(GAP).append(percent);
		if (withBar) {
			line.append(GAP).append(bar(MIN_BAR + Math.min(MAX_BAR - MIN_BAR, budget)));
		}
		line.append(shown[3] ? speed : "").append(shown[1] ? eta : "");
		return line.toString();
	}

	/** Whole percent done, 100 only once every byte has moved; an empty file is done at once. */
	int percent() {
		if (this.size <= 0 || this.done >= this.size) {
			return 100;
		}
		return (int) Math.max(0, this.done * 100.0 / this.size);
	}

	/** Bytes a second over the batch so far, or 0 while that is not known yet. */
	long rate() {
		if (this.elapsed.compareTo(RATE_AFTER) < 0 || this.moved <= 0) {
			return 0;
		}
		return (long) (this.moved / (this.elapsed.toNanos() / 1e9));
	}

	private String bar(int inside) {
		int full = (this.size <= 0) ? inside : (int) Math.min(inside, Math.max(0, this.done * (double) inside / this.size));
		StringBuilder bar = new StringBuilder(inside + 2).append('[').append("=".repeat(full));
		if (full < inside) {
			bar.append('>').append(" ".repeat(inside - full - 1));
		}
		return bar.append(']').toString();
	}

	/** {@code 0:07}, {@code 12:34}, {@code 2:03:04}. */
	static String clock(long seconds) {
		long minutes = seconds / 60;
		String secs = two(seconds % 60);
		return (minutes < 60) ? minutes + ":" + secs : (minutes / 60) + ":" + two(minutes % 60) + ":" + secs;
	}

	private static long ceilDiv(long dividend, long divisor) {
		return (dividend + divisor - 1) / divisor;
	}

	private static String two(long value) {
		return (value < 10) ? "0" + value : Long.toString(value);
	}

	/** {@code text} in at most {@code width} columns: the start and the end kept, an ellipsis between. */
	static String shorten(String text, int width) {
		if (columns(text) <= width) {
			return text;
		}
		if (width <= 0) {
			return "";
		}
		int[] points = text.codePoints().toArray();
		int tailWidth = (width - 1) / 2;
		int tailStart = points.length;
		int used = 0;
		while (tailStart > 0 && used + columns(points[tailStart - 1]) <= tailWidth) {
			used += columns(points[--tailStart]);
		}
		int headWidth = width - 1 - used;
		int headEnd = 0;
		used = 0;
		while (headEnd < tailStart && used + columns(points[headEnd]) <= headWidth) {
			used += columns(points[headEnd++]);
		}
		return new String(points, 0, headEnd) + "…" + new String(points, tailStart, points.length - tailStart);
	}

	/** How many terminal columns {@code text} takes: two for a wide character, none for a combining one. */
	static int columns(String text) {
		return text.codePoints().map(ProgressLine::columns).sum();
	}

	private static int columns(int codePoint) {
		return Math.max(0, WCWidth.wcwidth(codePoint));
	}

}
