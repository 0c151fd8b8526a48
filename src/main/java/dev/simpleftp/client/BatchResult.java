package dev.simpleftp.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.transfer.Throughput;

/**
 * How a multi-file transfer ended: the files moved, in request order; those that failed, each with
 * why, in the order they failed; and the time for the whole batch as the client measured it.
 */
public record BatchResult(List<TransferResult> done, Map<FileName, IOException> failed, Duration elapsed) {

	public BatchResult {
		done = List.copyOf(done);
		failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
	}

	public long bytes() {
		return this.done.stream().mapToLong(TransferResult::bytes).sum();
	}

	public boolean allSucceeded() {
		return this.failed.isEmpty();
	}

	/**
	 * For example {@code got 1000 files: 3.9 MiB in 184 ms (21.2 MiB/s, 5435 files/s)}, or
	 * {@code got 2 of 3 files: ...} when some failed.
	 * @param verb what was done to each file, such as {@code got}
	 */
	public String describe(String verb) {
		int total = this.done.size() + this.failed.size();
		String count = this.failed.isEmpty() ? total + " " + files(total) : this.done.size() + " of " + total + " " + files(total);
		double seconds = Math.max(this.elapsed.toNanos(), 1) / 1e9;
		String rate = Throughput.describe(bytes(), this.elapsed);
		return verb + " " + count + ": " + rate.substring(0, rate.length() - 1)
				+ String.format(Locale.ROOT, ", %.0f files/s)", this.done.size() / seconds);
	}

	private static String files(int count) {
		return (count == 1) ? "file" : "files";
	}

}
