package dev.simpleftp.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.storage.FileName;

/** Collects how each file of a batch ended, and tells the listener as it goes. */
final class Batch {

	private final TransferListener listener;

	private final Consumer<TransferResult> counter;

	private final long started = System.nanoTime();

	private final List<TransferResult> done = new ArrayList<>();

	private final Map<FileName, IOException> failed = new LinkedHashMap<>();

	Batch(TransferListener listener, Consumer<TransferResult> counter) {
		this.listener = listener;
		this.counter = counter;
	}

	void done(TransferResult result) {
		this.done.add(result);
		this.counter.accept(result);
		this.listener.finished(result);
	}

	void failed(FileName name, IOException cause) {
		this.failed.put(name, cause);
		this.listener.failed(name, cause);
	}

	/** Counts a body's bytes for the listener, after telling {@code watchdog} they moved. */
	ProgressListener progress(FileName name, long size, long alreadyThere, ProgressListener watchdog) {
		if (alreadyThere > 0) {
			this.listener.resumed(name, alreadyThere, size);
		}
		long[] moved = { alreadyThere };
		return bytes -> {
			watchdog.moved(bytes);
			moved[0] += bytes;
			this.listener.moved(name, moved[0], size);
		};
	}

	BatchResult result() {
		return new BatchResult(this.done, this.failed, Duration.ofNanos(System.nanoTime() - this.started));
	}

}
