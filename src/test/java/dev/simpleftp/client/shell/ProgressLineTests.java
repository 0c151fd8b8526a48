package dev.simpleftp.client.shell;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text of the progress bar, from fixed sizes, times and widths. */
class ProgressLineTests {

	private static final long MIB = 1024 * 1024;

	private static final long GIB = 1024 * MIB;

	private static final String LONG_NAME = "a-very-long-file-name-from-the-archive-2026.tar.gz";

	/** Half of 1 GiB in 320 ms: 1.6 GiB/s, so the other half takes 0.32 s, shown as 0:01. */
	private static final ProgressLine HALF = new ProgressLine("big.bin", 1, 1, 512 * MIB, GIB, 512 * MIB,
			Duration.ofMillis(320));

	@Test
	void aWideTerminalShowsSizesPercentBarRateAndEta() {
		assertThat(HALF.render(99))
			.isEqualTo("big.bin  512.0 MiB / 1.0 GiB  50%  [===============>              ]  1.6 GiB/s  ETA 0:01");
	}

	@Test
	void theBarNarrowsWithTheTerminal() {
		assertThat(HALF.render(79))
			.isEqualTo("big.bin  512.0 MiB / 1.0 GiB  50%  [==========>          ]  1.6 GiB/s  ETA 0:01");
	}

	@Test
	void aNarrowTerminalLosesTheBarThenTheRateThenTheSizesThenTheEta() {
		assertThat(HALF.render(60)).isEqualTo("big.bin  512.0 MiB / 1.0 GiB  50%  1.6 GiB/s  ETA 0:01");
		assertThat(HALF.render(50)).isEqualTo("big.bin  512.0 MiB / 1.0 GiB  50%  ETA 0:01");
		assertThat(HALF.render(30)).isEqualTo("big.bin  50%  ETA 0:01");
		assertThat(HALF.render(20)).isEqualTo("big.bin  50%");
	}

	@Test
	void underTwentyColumnsTheNameIsShortenedThenOnlyThePercentageIsLeft() {
		assertThat(HALF.render(10)).isEqualTo("bi…in  50%");
		assertThat(HALF.render(6)).isEqualTo("50%");
		assertThat(HALF.render(3)).isEqualTo("50%");
		assertThat(HALF.render(2)).isEmpty();
		assertThat(HALF.render(0)).isEmpty();
	}

	@Test
	void aBatchShowsWhichFileOfHowMany() {
		ProgressLine twelfth = new ProgressLine("big.bin", 12, 1000, 512 * MIB, GIB, 512 * MIB, Duration.ofMillis(320));
		assertThat(twelfth.render(99)).startsWith("(12/1000) big.bin  512.0 MiB / 1.0 GiB  50%  [=").endsWith("  ETA 0:01");
		assertThat(twelfth.render(30)).isEqualTo("(12/1000) big.bin  50%");
	}

	@Test
	void aLongNameIsShortenedInTheMiddleKeepingItsEnd() {
		ProgressLine line = new ProgressLine(LONG_NAME, 12, 1000, 512 * MIB, GIB, 512 * MIB, Duration.ofMillis(320));
		assertThat(line.render(99)).isEqualTo(
				"(12/1000) a-very-long-fi…e-2026.tar.gz  512.0 MiB / 1.0 GiB  50%  [=====>    ]  1.6 GiB/s  ETA 0:01");
		assertThat(line.render(40)).isEqualTo("(12/1000) a-very-long-…-2026.tar.gz  50%");
	}

	@Test
	void noRateOrEtaBeforeEnoughTimeHasPassed() {
		ProgressLine early = new ProgressLine("big.bin", 1, 1, 8 * MIB, GIB, 8 * MIB, Duration.ofMillis(100));
		assertThat(early.rate()).isZero();
		assertThat(early.render(99)).isEqualTo("big.bin  8.0 MiB / 1.0 GiB  0%  [>                             ]");
	}

	@Test
	void noRateOrEtaWhileNothingHasMoved() {
		ProgressLine stalled = new ProgressLine("big.bin", 1, 1, 0, GIB, 0, Duration.ofSeconds(5));
		assertThat(stalled.render(99)).doesNotContain("/s", "ETA").contains("0 B / 1.0 GiB  0%");
	}

	@Test
	void anEmptyFileIsDoneAtOnce() {
		ProgressLine empty = new ProgressLine("empty.txt", 1, 1, 0, 0, 0, Duration.ofSeconds(1));
		assertThat(empty.percent()).isEqualTo(100);
		assertThat(empty.render(60)).isEqualTo("empty.txt  0 B / 0 B  100%  [==============================]");
	}

	@Test
	void aFinishedFileIsAFullBarWithNoTimeLeft() {
		ProgressLine done = new ProgressLine("big.bin", 1, 1, GIB, GIB, GIB, Duration.ofMillis(640));
		assertThat(done.render(99)).isEqualTo(
				"big.bin  1.0 GiB / 1.0 GiB  100%  [==============================]  1.6 GiB/s  ETA 0:00");
	}

	@Test
	void thePercentageReaches100OnlyWithTheLastByte() {
		assertThat(new ProgressLine("f", 1, 1, GIB - 1, GIB, GIB, Duration.ofSeconds(1)).percent()).isEqualTo(99);
	}

	@Test
	void theEtaRoundsUpAndCountsHoursPastAnHour() {
		ProgressLine slow = new ProgressLine("big.bin", 1, 1, MIB, GIB, MIB, Duration.ofSeconds(10));
		assertThat(slow.render(99)).endsWith("  102.4 KiB/s  ETA 2:50:31");
		assertThat(ProgressLine.clock(0)).isEqualTo("0:00");
		assertThat(ProgressLine.clock(59)).isEqualTo("0:59");
		assertThat(ProgressLine.clock(61)).isEqualTo("1:01");
		assertThat(ProgressLine.clock(3599)).isEqualTo("59:59");
		assertThat(ProgressLine.clock(3723)).isEqualTo("1:02:03");
	}

	@Test
	void noWidthGetsALineWiderThanItself() {
		for (String name : new String[] { "a", "big.bin", LONG_NAME, "データファイル-二〇二六年-最終版.bin" }) {
			for (int count : new int[] { 1, 1000 }) {
				ProgressLine line = new ProgressLine(name, count, count, 3 * MIB, 10 * GIB, 3 * MIB, Duration.ofSeconds(2));
				for (int width = 0; width <= 200; width++) {
					assertThat(ProgressLine.columns(line.render(width))).as("%s at width %d", name, width)
						.isLessThanOrEqualTo(width);
				}
			}
		}
	}

	@Test
	void wideCharactersCountTwoColumnsWhenANameIsShortened() {
		assertThat(ProgressLine.columns("データ")).isEqualTo(6);
		assertThat(ProgressLine.shorten("データファイル.bin", 9)).isEqualTo("デー….bin");
		assertThat(ProgressLine.shorten("データファイル.bin", 10)).as("no half of a wide character").isEqualTo("デー….bin");
		assertThat(ProgressLine.shorten("report.pdf", 10)).isEqualTo("report.pdf");
		assertThat(ProgressLine.shorten("report.pdf", 1)).isEqualTo("…");
		assertThat(ProgressLine.shorten("report.pdf", 0)).isEmpty();
	}

}
