package dev.simpleftp.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NumbersTests {

	@ParameterizedTest
	@CsvSource({ "0, 0", "1, 1", "42, 42", "0001, 1", "9223372036854775807, 9223372036854775807",
			"0000000000000000000, 0" })
	void parseLengthReadsPlainDecimalNumbers(String value, long expected) throws ProtocolException {
		assertThat(Numbers.parseLength(value, "size")).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-1", "+1", " 1", "1 ", "1e3", "", "0x10", "1_000", "1,000", "1.0", "abc",
			"\uFF11", "\u0661", "99999999999999999999" })
	void parseLengthRefusesWhatIsNotAPlainDecimalNumberQuotingIt(String value) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Numbers.parseLength(value, "offset"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("bad offset '" + value + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775808", "9999999999999999999" })
	void parseLengthRefusesNumbersAboveTheLargestLong(String value) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Numbers.parseLength(value, "size"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessage("bad size '" + value + "': larger than 9223372036854775807");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1\n", "\u00001" })
	void parseLengthQuotesControlCharactersAsQuestionMarks(String value) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Numbers.parseLength(value, "size"))
			.withMessageContaining("'" + value.replaceAll("\\p{Cntrl}", "?") + "'");
	}

	@Test
	void aNumberOfTwentyDigitsIsTooLargeAndLeadingZerosAreHarmless() throws ProtocolException {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Numbers.parseLength("12345678901234567890", "size"))
			.withMessageContaining("larger than 9223372036854775807");
		assertThat(Numbers.parseLength("00000000000000000001", "size")).isEqualTo(1);
	}
	@ParameterizedTest
	@ValueSource(strings = { "2026-11-24T06:20:23Z", "2026-11-24T06:20:23.123Z",
			"2026-11-24T06:20:23.123456789Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z" })
	void parseInstantReadsWhatInstantToStringWrites(String value) throws ProtocolException {
		assertThat(Numbers.parseInstant(value, "modified").toString()).isEqualTo(value);
	}

	@Test
	void aShorterFractionIsTheSameInstant() throws ProtocolException {
		assertThat(Numbers.parseInstant("2026-11-24T06:20:23.1Z", "modified"))
			.isEqualTo(Numbers.parseInstant("2026-11-24T06:20:23.100Z", "modified"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-24T07:20:23+01:00", "2026-11-24t06:20:23z", "2026-11-24T06:20Z", "2026-11-24 06:20:23Z",
			"2026-11-24T06:20:23.1234567890Z", "2026-11-24T06:20:23.Z", "2026-11-24", "yesterday", "", "２026-11-24T06:20:23Z",
			"2026-13-24T06:20:23Z", "2026-11-24T24:00:00Z", "2026-11-24T06:60:00Z", "2026-11-24T06:20:60Z" })
	void parseInstantRefusesEveryOtherFormQuotingIt(String value) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Numbers.parseInstant(value, "modified"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("bad modified '");
	}

}
