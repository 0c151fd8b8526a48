package dev.simpleftp.server.command;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class TransferBuffersTests {

	@Test
	void lendsUpToCountDistinctBuffersOfAMegabyteThenNone() {
		TransferBuffers buffers = new TransferBuffers(3);
		List<TransferBuffers.Lease> leases = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			leases.add(buffers.borrow());
		}

		Set<ByteBuffer> lent = Collections.newSetFromMap(new IdentityHashMap<>());
		leases.forEach((lease) -> lent.add(lease.buffer()));
		assertThat(lent).hasSize(3).doesNotContainNull()
			.allMatch((buffer) -> buffer.capacity() == TransferBuffers.BUFFER_SIZE);
		assertThat(buffers.borrow().buffer()).isNull();
	}

	@Test
	void aReturnedBufferIsLentAgainClearedAndNoNewOneIsMade() {
		TransferBuffers buffers = new TransferBuffers(1);
		TransferBuffers.Lease first = buffers.borrow();
		ByteBuffer buffer = first.buffer();
		buffer.position(10).limit(20);

		first.close();
		TransferBuffers.Lease second = buffers.borrow();

		assertThat(second.buffer()).isSameAs(buffer);
		assertThat(buffer.position()).isZero();
		assertThat(buffer.limit()).isEqualTo(buffer.capacity());
		assertThat(first.buffer()).isNull();
	}

	@Test
	void closingALeaseTwiceGivesItsBufferBackOnce() {
		TransferBuffers buffers = new TransferBuffers(1);
		TransferBuffers.Lease lease = buffers.borrow();

		lease.close();
		lease.close();

		assertThat(buffers.borrow().buffer()).isNotNull();
		assertThat(buffers.borrow().buffer()).isNull();
	}

	@Test
	void closingALeaseThatGotNoBufferFreesNothing() {
		TransferBuffers buffers = new TransferBuffers(1);
		TransferBuffers.Lease held = buffers.borrow();
		TransferBuffers.Lease empty = buffers.borrow();

		empty.close();

		assertThat(held.buffer()).isNotNull();
		assertThat(buffers.borrow().buffer()).isNull();
	}

	@Test
	void manyThreadsBorrowingAtOnceNeverHoldMoreThanCountOrShareABuffer() throws Exception {
		int count = 2;
		TransferBuffers buffers = new TransferBuffers(count);
		Set<ByteBuffer> inUse = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
		AtomicInteger mostAtOnce = new AtomicInteger();
		AtomicInteger lentTotal = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				tasks.add(executor.submit(() -> {
					for (int i = 0; i < 2000; i++) {
						try (TransferBuffers.Lease lease = buffers.borrow()) {
							ByteBuffer buffer = lease.buffer();
							if (buffer != null) {
								assertThat(inUse.add(buffer)).as("a buffer lent twice at once").isTrue();
								mostAtOnce.accumulateAndGet(inUse.size(), Math::max);
								lentTotal.incrementAndGet();
								Thread.onSpinWait();
								inUse.remove(buffer);
							}
						}
					}
				}));
			}
			for (Future<?> task : tasks) {
				task.get(20, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(mostAtOnce.get()).isBetween(1, count);
		assertThat(lentTotal.get()).isPositive();
		List<TransferBuffers.Lease> all = List.of(buffers.borrow(), buffers.borrow(), buffers.borrow());
		assertThat(all).extracting(TransferBuffers.Lease::buffer).filteredOn((buffer) -> buffer != null).hasSize(count);
	}

}
