import java.util.List;

/** What a finished child process did. */
record Outcome(int exit, long nanos, String out, String err, boolean timedOut) {

	boolean ok() {
		return !this.timedOut && this.exit == 0;
	}

	String problem() {
		if (this.timedOut) {
			return "timed out after " + this.nanos / 1_000_000_000 + " s";
		}
		String said = this.err.isBlank() ? this.out : this.err;
		return "exit status " + this.exit + ": " + lastLines(said, 6);
	}

	static String lastLines(String text, int count) {
		List<String> lines = text.strip().lines().toList();
		return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
	}

}
