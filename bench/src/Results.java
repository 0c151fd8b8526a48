import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every figure of the run, and the report: the table, the raw TSV and the RESULT lines. A rate's
 * RESULT baseline is cp's rate; an idle-memory figure's is the server's memory without
 * connections; a start-up time through the launcher has the same by {@code java -jar}; files/s,
 * latencies, counts, CPU seconds and the plain start-up times have no baseline that means much
 * (cp copies one file, not a thousand; nothing else starts a JVM the same way), so theirs is
 * baseline=0 ratio=0.
 */
final class Results {

	private final Map<String, Figure> figures = new LinkedHashMap<>();

	private String group = "";

	private String aborted;

	private Figure cp;

	private Figure tcpTransfer;

	private Figure tcpProcess;

	void beginGroup(String group) {
		this.group = group;
	}

	Figure figure(String name, String unit, Compare compare, String note) {
		Figure figure = new Figure(name, unit, compare, note, this.group);
		this.figures.put(name, figure);
		return figure;
	}

	void useAsCp(Figure figure) {
		this.cp = figure;
	}

	void useAsTcp(Figure transfer, Figure process) {
		this.tcpTransfer = transfer;
		this.tcpProcess = process;
	}

	/**
	 * Marks the current scenario's figures that have not got all their runs failed; one stands in
	 * for a scenario that failed before making any.
	 */
	void failGroup(String why, int runs) {
		List<Figure> inGroup = this.figures.values().stream().filter(f -> f.group.equals(this.group)).toList();
		if (inGroup.isEmpty()) {
			figure(this.group, "-", Compare.NONE, "").fail(why);
		}
		inGroup.stream().filter(figure -> figure.values.size() < runs).forEach(figure -> figure.fail(why));
	}

	void abort(String why) {
		this.aborted = why;
		System.out.println(why);
	}

	boolean anyFailed() {
		return this.aborted != null || this.figures.values().stream().anyMatch(f -> !f.ok());
	}

	void printTable(PrintStream out) {
		String row = "%-36s %10s %-8s %7s %7s  %-24s %s%n";
		out.printf(row, "scenario", "median", "unit", "vs cp", "vs tcp", "runs", "what / RESULT baseline");
		for (Figure figure : this.figures.values()) {
			if (!figure.ok()) {
				out.printf("%-36s FAILED: %s%n", figure.name, figure.failure);
				continue;
			}
			out.printf(row, figure.name, format(figure.median()), figure.unit, ratioText(figure, this.cp),
					ratioText(figure, tcpFor(figure)), runs(figure), figure.note + "; baseline: " + baselineName(figure));
		}
		if (this.aborted != null) {
			out.println(this.aborted);
		}
	}

	void printResultLines(PrintStream out) {
		for (Figure figure : this.figures.values()) {
			if (!figure.ok()) {
				out.printf("FAILED scenario=%s reason=\"%s\"%n", figure.name, figure.failure.replace('"', '\''));
				continue;
			}
			Figure baseline = baselineOf(figure);
			double base = (baseline != null && baseline.ok()) ? baseline.median() : 0;
			double ratio = (base != 0) ? figure.median() / base : 0;
			out.printf(Locale.ROOT, "RESULT scenario=%s value=%s unit=%s baseline=%s ratio=%s%n", figure.name,
					format(figure.median()), figure.unit, format(base), formatRatio(ratio));
		}
	}

	/** One row per run of every figure, plus one per failure. */
	Path writeTsv(Path directory) throws IOException {
		Files.createDirectories(directory);
		Path file = directory.resolve("results-" + stamp() + ".tsv");
		try (Writer writer = Files.newBufferedWriter(file)) {
			writer.write("scenario\trun\tvalue\tunit\tdetail\n");
			for (Figure figure : this.figures.values()) {
				for (int i = 0; i < figure.values.size(); i++) {
					writer.write(String.join("\t", figure.name, Integer.toString(i + 1), format(figure.values.get(i)), figure.unit,
							figure.details.get(i).replace('\t', ' ')) + "\n");
				}
				if (figure.failure != null) {
					writer.write(String.join("\t", figure.name, "-", "FAILED", figure.unit, figure.failure.replace('\t', ' ')) + "\n");
				}
			}
		}
		return file;
	}

	/** For file names: the time now, to the second. */
	static String stamp() {
		return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
	}

	private Figure baselineOf(Figure figure) {
		return (figure.compare == Compare.NONE) ? figure.baseline : this.cp;
	}

	private String baselineName(Figure figure) {
		Figure baseline = baselineOf(figure);
		return (baseline != null) ? baseline.name : "none (0)";
	}

	private Figure tcpFor(Figure figure) {
		return switch (figure.compare) {
			case TRANSFER_RATE -> this.tcpTransfer;
			case PROCESS_RATE -> this.tcpProcess;
			case NONE -> null;
		};
	}

	private static String ratioText(Figure figure, Figure baseline) {
		if (figure.compare == Compare.NONE || baseline == null || !baseline.ok()) {
			return "-";
		}
		return formatRatio(figure.median() / baseline.median());
	}

	private static String runs(Figure figure) {
		return figure.values.stream().map(Results::format).collect(Collectors.joining(" "));
	}

	static String format(double value) {
		double size = Math.abs(value);
		String pattern = (size >= 100 || value == Math.rint(value)) ? "%.1f" : (size >= 1) ? "%.2f" : "%.3f";
		return String.format(Locale.ROOT, pattern, value);
	}

	static String formatRatio(double ratio) {
		return String.format(Locale.ROOT, (ratio >= 0.1 || ratio == 0) ? "%.2f" : "%.4f", ratio);
	}

}
