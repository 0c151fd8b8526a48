import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;

/** Many clients in this JVM, released together by a latch, each on its own connection and directory. */
final class ConcurrentGets {

	private ConcurrentGets() {
	}

	record Attempt(String name, Path directory, long nanos, long bytes, Exception failure) {
	}

	record Batch(long wallNanos, List<Attempt> attempts) {

		/** Failures: exceptions, and files of the wrong size or bytes; checked after the clock stopped. */
		int verify(Path sources, long size) throws IOException {
			int failed = 0;
			for (Attempt attempt : this.attempts) {
				Path file = attempt.directory().resolve(attempt.name());
				boolean good = attempt.failure() == null && attempt.bytes() == size && Files.isRegularFile(file)
						&& Files.size(file) == size && Files.mismatch(file, sources.resolve(attempt.name())) == -1;
				failed += good ? 0 : 1;
			}
			return failed;
		}

		/** Nearest-rank percentile of the clients' latencies. */
		double latencyMillis(double percentile) {
			long[] sorted = this.attempts.stream().mapToLong(Attempt::nanos).sorted().toArray();
			int rank = (int) Math.ceil(percentile * sorted.length);
			return sorted[Math.max(0, rank - 1)] / 1e6;
		}

		String firstFailure() {
			return this.attempts.stream().filter(a -> a.failure() != null).findFirst()
				.map(a -> a.name() + ": " + Bench.describe(a.failure())).orElse("");
		}

	}

	static Batch run(String host, int port, List<String> names, Path base, Duration clientTimeout, Duration batchTimeout)
			throws Exception {
		CountDownLatch ready = new CountDownLatch(names.size());
		CountDownLatch go = new CountDownLatch(1);
		Attempt[] attempts = new Attempt[names.size()];
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			int index = i;
			LocalFileStore store = MainClasses.clientStore(base.resolve(String.format(Locale.ROOT, "c-%03d", i + 1)));
			Thread thread = new Thread(() -> attempts[index] = getOne(host, port, names.get(index), store, clientTimeout, ready, go),
					"bench-client-" + (i + 1));
			threads.add(thread);
			thread.start();
		}
		ready.await();
		long startedAt = System.nanoTime();
		go.countDown();
		long limit = startedAt + batchTimeout.toNanos();
		for (Thread thread : threads) {
			thread.join(Math.max(1, (limit - System.nanoTime()) / 1_000_000));
			Bench.require(!thread.isAlive(), "a client was still running after " + batchTimeout.toSeconds() + " s");
		}
		return new Batch(System.nanoTime() - startedAt, List.of(attempts));
	}

	/** Latency: connect and get; saying goodbye comes after the clock stops. */
	private static Attempt getOne(String host, int port, String name, LocalFileStore store, Duration timeout, CountDownLatch ready,
			CountDownLatch go) {
		ready.countDown();
		try {
			go.await();
		}
		catch (InterruptedException ex) {
			return new Attempt(name, store.root(), 0, 0, ex);
		}
		long startedAt = System.nanoTime();
		try (FtpClient client = FtpClient.connect(host, port, timeout)) {
			TransferResult result = client.get(FileName.of(name), store);
			return new Attempt(name, store.root(), System.nanoTime() - startedAt, result.bytes(), null);
		}
		catch (Exception ex) {
			return new Attempt(name, store.root(), System.nanoTime() - startedAt, 0, ex);
		}
	}

}
