package dev.simpleftp.client;

import java.time.Duration;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.transfer.Throughput;

/**
 * One finished transfer, as the client measured it.
 * @param bytes the bytes moved this time
 * @param resumedAt the bytes that were already there, from an interrupted transfer (0 if none)
 * @param restarted why a transfer that could have resumed started from its first byte, or {@code null}
 */
public record TransferResult(FileName name, long bytes, Duration elapsed, long resumedAt, String restarted) {

	public TransferResult(FileName name, long bytes, Duration elapsed) {
		this(name, bytes, elapsed, 0, null);
	}

	/**
	 * For example {@code report.pdf: 1.0 MiB in 12 ms (83.3 MiB/s)}, with
	 * {@code , resumed after 512.0 MiB} or {@code ; started again: WHY}.
	 */
	public String describe() {
		return this.name + ": " + Throughput.describe(this.bytes, this.elapsed)
				+ ((this.resumedAt > 0) ? ", resumed after " + Throughput.size(this.resumedAt) : "")
				+ ((this.restarted != null) ? "; started again: " + this.restarted : "");
	}

}
