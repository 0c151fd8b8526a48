package dev.simpleftp.protocol;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ListingEntryTests {

	private static final Instant MODIFIED = Instant.parse("2026-11-24T06:20:23.123Z");

	@Test
	void encodeIsNameSizeAndModifiedSeparatedBySingleSpaces() {
		assertThat(new ListingEntry("report.pdf", 94, MODIFIED).encode())
			.isEqualTo("report.pdf 94 2026-11-24T06:20:23.123Z");
	}

	@Test
	void encodeEscapesWhatATokenMustNotHoldAndKeepsOtherCharactersReadable() {
		assertThat(new ListingEntry("my file=1 100%.txt", 0, MODIFIED).encode())
			.isEqualTo("my%20file%3D1%20100%25.txt 0 2026-11-24T06:20:23.123Z");
		assertThat(new ListingEntry("Grüße 日本.txt", 7, MODIFIED).encode())
			.isEqualTo("Grüße%20日本.txt 7 2026-11-24T06:20:23.123Z");
	}

	@Test
	void encodeLeavesOutAZeroFractionOfASecond() {
		assertThat(new ListingEntry("a", 1, Instant.parse("2026-11-24T06:20:23Z")).encode())
			.isEqualTo("a 1 2026-11-24T06:20:23Z");
	}

	@Test
	void modifiedIsTruncatedToTheMillisecond() throws ProtocolException {
		ListingEntry entry = new ListingEntry("a", 1, Instant.parse("2026-11-24T06:20:23.123999999Z"));

		assertThat(entry.modified()).isEqualTo(MODIFIED);
		assertThat(entry.encode()).isEqualTo("a 1 2026-11-24T06:20:23.123Z");
		assertThat(ListingEntry.parse("a 1 2026-11-24T06:20:23.123456Z")).isEqualTo(entry);
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain.txt", "my file.txt", "100%", "%41", "a=b", "=", "==x==", "Grüße.txt", "日本語 😀",
			"tab\there", "next\u0085line", "-1", "2026-11-24T06:20:23Z",
			"ÿxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" })
	void encodeThenParseGivesBackTheSameEntry(String name) throws ProtocolException {
		for (long size : new long[] { 0, 1, 1023, Long.MAX_VALUE }) {
			ListingEntry entry = new ListingEntry(name, size, MODIFIED);

			assertThat(ListingEntry.parse(entry.encode())).isEqualTo(entry);
		}
	}

	@Test
	void encodeThenParseKeepsTimesFarFromNow() throws ProtocolException {
		for (Instant modified : new Instant[] { Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"),
				Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z") }) {
			ListingEntry entry = new ListingEntry("a", 1, modified);

			assertThat(ListingEntry.parse(entry.encode())).isEqualTo(entry);
		}
	}

	@Test
	void parseDecodesTheNameAndReadsSizeAndTime() throws ProtocolException {
		ListingEntry entry = ListingEntry.parse("my%20file%3d.txt 42 2026-11-24T06:20:23Z");

		assertThat(entry.name()).isEqualTo("my file=.txt");
		assertThat(entry.size()).isEqualTo(42);
		assertThat(entry.modified()).isEqualTo(Instant.parse("2026-11-24T06:20:23Z"));
	}

	@Test
	void parseAcceptsRunsOfSpacesBetweenAndAroundTokens() throws ProtocolException {
		assertThat(ListingEntry.parse("  a   1  2026-11-24T06:20:23.123Z ")).isEqualTo(new ListingEntry("a", 1, MODIFIED));
	}

	@Test
	void parseOnlyDecodesTheNameAndLeavesJudgingItToTheReceiver() throws ProtocolException {
		assertThat(ListingEntry.parse("..%2Fx 1 2026-11-24T06:20:23Z").name()).isEqualTo("../x");
		assertThat(ListingEntry.parse("/etc/passwd 1 2026-11-24T06:20:23Z").name()).isEqualTo("/etc/passwd");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "a", "a 1", "a 1 2026-11-24T06:20:23Z extra", "a b 1 2026-11-24T06:20:23Z",
			"size=1 a 2026-11-24T06:20:23Z", "a size=1 2026-11-24T06:20:23Z", "a 1 modified=2026-11-24T06:20:23Z",
			"a=b 1 2026-11-24T06:20:23Z", "=a 1 2026-11-24T06:20:23Z" })
	void lineWithoutExactlyThreeTokensOrWithARawEqualsSignIsRefusedQuotingIt(String line) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> ListingEntry.parse(line))
			.withMessageContaining("bad listing line '" + line + "'")
			.withMessageContaining("expected NAME SIZE MODIFIED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "+1", "1.5", "1e3", "x", "0x10", "9223372036854775808" })
	void sizeThatIsNotAPlainLengthIsRefusedQuotingIt(String size) {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> ListingEntry.parse("a " + size + " 2026-11-24T06:20:23Z"))
			.withMessageContaining("'" + size + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "2026-11-24", "2026-11-24T06:20:23", "2026-11-24 06:20:23Z",
			"2026-13-24T06:20:23Z", "2026-11-24T25:20:23Z", "1764000000", "2026-11-24T06:20:23.123ZZ" })
	void timeThatIsNotAnIsoInstantIsRefusedQuotingTheLine(String time) {
		String line = "a 1 " + time;
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> ListingEntry.parse(line))
			.withMessageContaining("bad listing line '" + line + "'");
	}

	@Test
	void nameWithABadEscapeIsRefusedQuotingIt() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> ListingEntry.parse("a%zz 1 2026-11-24T06:20:23Z"))
			.withMessageContaining("a%zz");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> ListingEntry.parse("a%FF 1 2026-11-24T06:20:23Z"))
			.withMessageContaining("a%FF");
	}

	@Test
	void refusedLineIsQuotedWithoutControlCharacters() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> ListingEntry.parse("a\u001B[2J 1"))
			.withMessageContaining("'a?[2J 1'");
	}

}
