package dev.simpleftp.server.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals are logged one by one up to a burst per kind and window; the rest are summed up, never lost. */
class RefusalLogTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger("test.refusals");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final RefusalLog refusals = new RefusalLog(this.logger, this.now::get);

	@BeforeEach
	void capture() {
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.appender);
	}

	@Test
	void aFloodOfOneKindIsLoggedABurstThenSummedUpWhenTheWindowEnds() {
		for (int i = 0; i < 1000; i++) {
			this.refusals.refused("idle timeout", "10.0.0." + (i % 7) + ":" + (40000 + i), "closed: idle for 5 min");
		}
		this.refusals.refused("too many connections", "10.0.0.9:1", "refused: too many connections");
		assertThat(lines()).hasSize(RefusalLog.BURST + 1)
			.startsWith("10.0.0.0:40000 closed: idle for 5 min", "10.0.0.1:40001 closed: idle for 5 min")
			.endsWith("10.0.0.9:1 refused: too many connections");
		this.refusals.flush();
		assertThat(lines()).hasSize(RefusalLog.BURST + 1); // the window has not ended yet
		this.now.addAndGet(RefusalLog.WINDOW.toNanos());
		this.refusals.flush();
		assertThat(lines()).hasSize(RefusalLog.BURST + 2)
			.last()
			.isEqualTo("... " + (1000 - RefusalLog.BURST) + " more like this (idle timeout) from 7 addresses in the last 10 s");
	}

	@Test
	void aNewWindowLogsOneByOneAgain() {
		for (int i = 0; i < RefusalLog.BURST + 1; i++) {
			this.refusals.refused("stall timeout", "::1:5", "closed: stalled");
		}
		this.now.addAndGet(RefusalLog.WINDOW.plus(Duration.ofSeconds(1)).toNanos());
		this.refusals.refused("stall timeout", "::1:6", "closed: stalled again");
		assertThat(lines()).hasSize(RefusalLog.BURST + 2)
			.endsWith("... 1 more like this (stall timeout) from 1 address in the last 11 s", "::1:6 closed: stalled again");
	}

	@Test
	void whatIsHeldBackIsWrittenWhenTheServerStops() {
		for (int i = 0; i < RefusalLog.BURST + 3; i++) {
			this.refusals.refused("idle timeout", "10.0.0.1:" + i, "closed: idle");
		}
		this.now.addAndGet(Duration.ofSeconds(2).toNanos());
		this.refusals.flushAll();
		assertThat(lines()).hasSize(RefusalLog.BURST + 1)
			.last()
			.isEqualTo("... 3 more like this (idle timeout) from 1 address in the last 2 s");
	}

	private List<String> lines() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

}
