import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the client's stdout: the line of one transfer, or the summary of a multi-file command. */
final class ClientOutput {

	private static final String SIZE = "[\\d.]+ [KMGT]?i?B";

	private static final String TIME = "(\\d+) ms|(\\d+(?:\\.\\d+)?) s";

	private static final Pattern SUMMARY = Pattern.compile("^(got|put) (?:(\\d+) of )?(\\d+) files?: " + SIZE + " in (?:"
			+ TIME + ") \\(", Pattern.MULTILINE);

	private static final Pattern TCP_COPY = Pattern.compile("received (\\d+) bytes in (\\d+) ns");

	private ClientOutput() {
	}

	record Summary(int done, int total, Duration elapsed) {
	}

	/** From {@code got big.bin: 1.0 GiB in 2.17 s (471.0 MiB/s)}, the 2.17 s. */
	static Duration transferTime(Outcome outcome, String verb, String name) {
		Bench.require(outcome.ok(), "the client failed, " + outcome.problem());
		Pattern line = Pattern.compile("^" + verb + " " + Pattern.quote(name) + ": " + SIZE + " in (?:" + TIME + ") \\(",
				Pattern.MULTILINE);
		Matcher matcher = line.matcher(outcome.out());
		Bench.require(matcher.find(), "no '" + verb + " " + name + ": SIZE in TIME (RATE)' line in the client's output: "
				+ Outcome.lastLines(outcome.out(), 4));
		return time(matcher, 1);
	}

	/**
	 * From {@code got 1000 files: 3.9 MiB in 184 ms (21.2 MiB/s, 5435 files/s)} or
	 * {@code got 999 of 1000 files: ...}: files moved, files asked for, and the time.
	 */
	static Summary summary(Outcome outcome, String verb) {
		return summaries(outcome, verb).get(0);
	}

	/** Every such summary, in order; at least one. */
	static List<Summary> summaries(Outcome outcome, String verb) {
		List<Summary> summaries = new ArrayList<>();
		Matcher matcher = SUMMARY.matcher(outcome.out());
		while (matcher.find()) {
			if (matcher.group(1).equals(verb)) {
				int total = Integer.parseInt(matcher.group(3));
				int done = (matcher.group(2) != null) ? Integer.parseInt(matcher.group(2)) : total;
				summaries.add(new Summary(done, total, time(matcher, 4)));
			}
		}
		if (summaries.isEmpty()) {
			Bench.require(outcome.ok(), "the client failed, " + outcome.problem());
			throw new BenchFailure("no '" + verb + " N files: SIZE in TIME (...)' summary line in the client's output: "
					+ Outcome.lastLines(outcome.out(), 4));
		}
		return summaries;
	}

	static long tcpCopyNanos(Outcome receiver) {
		Matcher matcher = TCP_COPY.matcher(receiver.out());
		Bench.require(matcher.find(), "TcpCopy receive printed no 'received N bytes in N ns': " + receiver.out());
		return Long.parseLong(matcher.group(2));
	}

	/** {@code N ms} or {@code N.NN s}, from the two groups starting at {@code group}. */
	private static Duration time(Matcher matcher, int group) {
		if (matcher.group(group) != null) {
			return Duration.ofMillis(Long.parseLong(matcher.group(group)));
		}
		return Duration.ofNanos(Math.round(Double.parseDouble(matcher.group(group + 1)) * 1e9));
	}

}
