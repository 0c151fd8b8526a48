import java.time.Duration;

/** Stops the run at its time limit: every step's timeout is cut to what is left. */
final class Deadline {

	private final Duration budget;

	private final long end;

	Deadline(Duration budget) {
		this.budget = budget;
		this.end = System.nanoTime() + budget.toNanos();
	}

	boolean expired() {
		return System.nanoTime() >= this.end;
	}

	/** For work in this JVM, which has no timeout to cut: fails the step once the time is up. */
	void check() {
		Bench.require(!expired(), "out of time: the whole run is limited to " + this.budget.toMinutes() + " min");
	}

	Duration left() {
		return Duration.ofNanos(Math.max(0, this.end - System.nanoTime()));
	}

	Duration cap(Duration step) {
		long left = this.end - System.nanoTime();
		Bench.require(left > 0, "out of time: the whole run is limited to " + this.budget.toMinutes() + " min");
		return Duration.ofNanos(Math.min(left, step.toNanos()));
	}

}
