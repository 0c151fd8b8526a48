import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One figure: its value on every run, or why it failed. */
final class Figure {

	final String name;

	final String unit;

	final Compare compare;

	final String note;

	final String group;

	final List<Double> values = new ArrayList<>();

	final List<String> details = new ArrayList<>();

	Figure baseline;

	String failure;

	Figure(String name, String unit, Compare compare, String note, String group) {
		this.name = name;
		this.unit = unit;
		this.compare = compare;
		this.note = note;
		this.group = group;
	}

	void add(int run, double value, String detail) {
		this.values.add(value);
		this.details.add(detail);
		System.out.printf(Locale.ROOT, "  %-34s run %d: %s %s%s%n", this.name, run, Results.format(value), this.unit,
				detail.isEmpty() ? "" : "  (" + detail + ")");
	}

	void fail(String why) {
		if (this.failure == null) {
			this.failure = why;
			System.out.println("  " + this.name + " FAILED: " + why);
		}
	}

	void comparedWith(Figure other) {
		this.baseline = other;
	}

	boolean ok() {
		return this.failure == null && !this.values.isEmpty();
	}

	double median() {
		if (!ok()) {
			return Double.NaN;
		}
		double[] sorted = this.values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
