package dev.simpleftp.client.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.storage.FileName;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar on an xterm-like JLine terminal whose output is kept and played onto a
 * {@link VirtualScreen}: when it draws, what the screen then shows, and how it goes away.
 */
class TerminalProgressBarTests {

	private static final long MIB = 1024 * 1024;

	private static final long GIB = 1024 * MIB;

	private static final FileName BIG = FileName.of("big.bin");

	private static final String HALF_WAY = "big.bin  512.0 MiB / 1.0 GiB  50%  [===============>              ]  1.6 GiB/s  ETA 0:01";

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private final VirtualScreen screen = new VirtualScreen(100);

	private int played;

	private Terminal terminal;

	private long now;

	@BeforeEach
	void openTerminal() throws IOException {
		this.terminal = new ExternalTerminal("test", "xterm-256color", new ByteArrayInputStream(new byte[0]), this.output,
				StandardCharsets.UTF_8);
		this.terminal.setSize(new Size(100, 30));
	}

	@AfterEach
	void closeTerminal() throws IOException {
		this.terminal.close();
	}

	@Test
	void aTransferThatEndsWithinTheQuietStartDrawsNothing() {
		TerminalProgressBar bar = bar(BIG);
		for (long millis = 10; millis < 300; millis += 10) {
			long done = MIB * millis / 30;
			at(millis, () -> bar.moved(BIG, done, 10 * MIB));
		}
		bar.close();
		assertThat(output()).isEmpty();
	}

	@Test
	void afterTheQuietStartTheLineIsDrawnWithWhereTheFileIs() {
		TerminalProgressBar bar = bar(BIG);
		at(320, () -> bar.moved(BIG, 512 * MIB, GIB));
		assertThat(output()).isEqualTo(HALF_WAY);
		assertThat(screen()).containsExactly(HALF_WAY);
	}

	@Test
	void aResumedFileShowsTheBytesAlreadyThereButTheRateOfThoseMovingNow() {
		TerminalProgressBar bar = bar(BIG);
		at(0, () -> bar.resumed(BIG, 512 * MIB, GIB));
		at(1000, () -> bar.moved(BIG, 512 * MIB + 100 * MIB, GIB));
		assertThat(screen()).singleElement().asString()
			.startsWith("big.bin  612.0 MiB / 1.0 GiB  59%")
			.contains("  100.0 MiB/s  ETA 0:05"); // 412 MiB to go at 100 MiB/s, rounded up
	}

	@Test
	void theLineIsRedrawnAtMostTenTimesASecondAndOnlyWhereItChanged() {
		TerminalProgressBar bar = bar(BIG);
		at(320, () -> bar.moved(BIG, 512 * MIB, GIB));
		String first = output();
		at(380, () -> bar.moved(BIG, 600 * MIB, GIB));
		assertThat(output()).as("60 ms later").isEqualTo(first);
		at(420, () -> bar.moved(BIG, 640 * MIB, GIB));
		assertThat(output().substring(first.length())).as("only the changed characters are rewritten")
			.doesNotContain("big.bin");
		assertThat(screen())
			.containsExactly("big.bin  640.0 MiB / 1.0 GiB  62%  [==================>           ]  1.5 GiB/s  ETA 0:01");
	}

	@Test
	void anUnchangedLineIsNotRedrawn() {
		long size = 47 * GIB + GIB / 5;
		TerminalProgressBar bar = bar(BIG);
		at(10_000, () -> bar.moved(BIG, 16 * GIB, size));
		String first = output();
		assertThat(first).isEqualTo("big.bin  16.0 GiB / 47.2 GiB  33%  [==========>                   ]  1.6 GiB/s  ETA 0:20");
		at(10_150, () -> bar.moved(BIG, 16 * GIB + 16 * MIB, size));
		assertThat(output()).as("the same sizes, rate and ETA, rounded").isEqualTo(first);
	}

	@Test
	void closingClearsTheLineAndLeavesTheCursorAtItsStart() {
		TerminalProgressBar bar = bar(BIG);
		at(320, () -> bar.moved(BIG, 512 * MIB, GIB));
		String drawn = output();
		bar.close();
		assertThat(screen()).isEmpty();
		assertThat(this.screen.cursor()).containsExactly(0, 0);
		bar.close();
		assertThat(output()).as("closing twice clears once").hasSize(drawn.length() + "\r\u001b[K".length());
	}

	@Test
	void aLinePrintedDuringABatchTakesTheBarsPlaceAndTheBarMovesBelowIt() {
		FileName second = FileName.of("second.bin");
		TerminalProgressBar bar = bar(BIG, second);
		at(320, () -> bar.moved(BIG, 10 * MIB, 10 * MIB));
		assertThat(screen()).singleElement().asString().startsWith("(1/2) big.bin  10.0 MiB / 10.0 MiB  100%  [====");
		bar.printAbove("got big.bin: 10.0 MiB in 320 ms (31.2 MiB/s)");
		assertThat(screen()).hasSize(2).first().isEqualTo("got big.bin: 10.0 MiB in 320 ms (31.2 MiB/s)");
		at(500, () -> bar.moved(second, MIB, 10 * MIB));
		assertThat(screen()).containsExactly("got big.bin: 10.0 MiB in 320 ms (31.2 MiB/s)",
				"(2/2) second.bin  1.0 MiB / 10.0 MiB  10%  [===>                          ]  22.0 MiB/s  ETA 0:01");
		bar.printAbove("got second.bin: 10.0 MiB in 400 ms (25.0 MiB/s)");
		bar.close();
		assertThat(screen()).containsExactly("got big.bin: 10.0 MiB in 320 ms (31.2 MiB/s)",
				"got second.bin: 10.0 MiB in 400 ms (25.0 MiB/s)");
		assertThat(this.screen.cursor()).containsExactly(2, 0);
	}

	@Test
	void aLinePrintedBeforeTheBarShowsIsJustPrinted() {
		TerminalProgressBar bar = bar(BIG, FileName.of("second.bin"));
		at(10, () -> bar.moved(BIG, MIB, MIB));
		bar.printAbove("got big.bin: 1.0 MiB in 10 ms (100.0 MiB/s)");
		assertThat(output()).isEqualTo("got big.bin: 1.0 MiB in 10 ms (100.0 MiB/s)\r\n");
	}

	@Test
	void aNarrowedTerminalThatRewrapsTheBarIsLeftWithOnlyTheNewNarrowerBar() {
		this.terminal.writer().println("simple-ftp> get big.bin");
		TerminalProgressBar bar = bar(BIG);
		at(320, () -> bar.moved(BIG, 512 * MIB, GIB));
		assertThat(screen()).containsExactly("simple-ftp> get big.bin", HALF_WAY);
		this.screen.resize(40);
		this.terminal.setSize(new Size(40, 30));
		at(500, () -> bar.moved(BIG, 600 * MIB, GIB));
		assertThat(screen()).containsExactly("simple-ftp> get big.bin", "big.bin  58%  ETA 0:01");
		bar.close();
		assertThat(screen()).containsExactly("simple-ftp> get big.bin");
		assertThat(this.screen.cursor()).containsExactly(1, 0);
	}

	@Test
	void aLinePrintedAfterTheTerminalNarrowedIsFollowedByABarThatFits() {
		FileName second = FileName.of("second.bin");
		TerminalProgressBar bar = bar(BIG, second);
		at(320, () -> bar.moved(BIG, 512 * MIB, GIB));
		this.screen.resize(40);
		this.terminal.setSize(new Size(40, 30));
		bar.printAbove("got big.bin: 1.0 GiB in 600 ms");
		assertThat(screen()).containsExactly("got big.bin: 1.0 GiB in 600 ms", "(1/2) big.bin  50%  ETA 0:01");
	}

	private TerminalProgressBar bar(FileName... names) {
		return new TerminalProgressBar(this.terminal, List.of(names), () -> TimeUnit.MILLISECONDS.toNanos(this.now));
	}

	/** Runs {@code step} {@code millis} after the bar was made. */
	private void at(long millis, Runnable step) {
		this.now = millis;
		step.run();
	}

	private String output() {
		this.terminal.flush();
		return this.output.toString(StandardCharsets.UTF_8);
	}

	/** What the screen shows once the output so far has reached it. */
	private List<String> screen() {
		String all = output();
		this.screen.play(all.substring(this.played));
		this.played = all.length();
		return this.screen.lines();
	}

}
