package dev.simpleftp.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.simpleftp.storage.FileName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The summary line of a multi-file transfer. */
class BatchResultTests {

	@Test
	void describesAThousandFilesWithSizeTimeAndBothRates() {
		BatchResult batch = new BatchResult(results(1000, 4096), Map.of(), Duration.ofMillis(184));
		assertThat(batch.describe("got")).isEqualTo("got 1000 files: 3.9 MiB in 184 ms (21.2 MiB/s, 5435 files/s)");
		assertThat(batch.bytes()).isEqualTo(4_096_000);
		assertThat(batch.allSucceeded()).isTrue();
	}

	@Test
	void saysHowManyOfTheFilesMovedWhenSomeFailed() {
		BatchResult batch = new BatchResult(results(2, 1024), failures("missing.txt"), Duration.ofSeconds(2));
		assertThat(batch.describe("got")).isEqualTo("got 2 of 3 files: 2.0 KiB in 2.00 s (1.0 KiB/s, 1 files/s)");
		assertThat(batch.allSucceeded()).isFalse();
	}

	@Test
	void oneFileIsSingular() {
		assertThat(new BatchResult(results(1, 10), Map.of(), Duration.ofMillis(500)).describe("put"))
			.isEqualTo("put 1 file: 10 B in 500 ms (20 B/s, 2 files/s)");
		assertThat(new BatchResult(List.of(), failures("a"), Duration.ofMillis(1)).describe("put"))
			.isEqualTo("put 0 of 1 file: 0 B in 1 ms (0 B/s, 0 files/s)");
	}

	@Test
	void anEmptyBatchInNoTimeDividesByNothing() {
		assertThat(new BatchResult(List.of(), Map.of(), Duration.ZERO).describe("got"))
			.isEqualTo("got 0 files: 0 B in 0 ms (0 B/s, 0 files/s)");
	}

	@Test
	void isACopyThatCannotBeChangedAfterwards() {
		List<TransferResult> done = new ArrayList<>(results(1, 1));
		Map<FileName, IOException> failed = new HashMap<>(failures("x"));
		BatchResult batch = new BatchResult(done, failed, Duration.ZERO);
		done.clear();
		failed.clear();
		assertThat(batch.done()).hasSize(1);
		assertThat(batch.failed()).hasSize(1);
		assertThatThrownBy(() -> batch.done().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	private static List<TransferResult> results(int count, long bytes) {
		return IntStream.range(0, count)
			.mapToObj(i -> new TransferResult(FileName.of("f" + i), bytes, Duration.ofMillis(1)))
			.toList();
	}

	private static Map<FileName, IOException> failures(String... names) {
		Map<FileName, IOException> failed = new HashMap<>();
		for (String name : names) {
			failed.put(FileName.of(name), new IOException("no such file: " + name));
		}
		return failed;
	}

}
