package dev.simpleftp.client;

import java.time.Duration;

import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileName;

/** One finished transfer, as the client measured it. */
public record TransferResult(FileName name, long bytes, Duration elapsed) {

	/** For example {@code report.pdf: 1.0 MiB in 12 ms (83.3 MiB/s)}. */
	public String describe() {
		return this.name + ": " + Throughput.describe(this.bytes, this.elapsed);
	}

}
