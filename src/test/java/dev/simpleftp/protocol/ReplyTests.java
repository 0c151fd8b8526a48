package dev.simpleftp.protocol;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplyTests {

	@Test
	void parseReadsCodeParametersAndText() throws ProtocolException {
		Reply reply = Reply.parse("226 size=42 name=a.txt transfer complete");

		assertThat(reply.code()).isEqualTo(226);
		assertThat(reply.parameters()).containsExactly(Map.entry("size", "42"), Map.entry("name", "a.txt"));
		assertThat(reply.text()).isEqualTo("transfer complete");
		assertThat(reply.is(ReplyCode.TRANSFER_COMPLETE)).isTrue();
	}

	@Test
	void parseReadsACodeAlone() throws ProtocolException {
		Reply reply = Reply.parse("200");

		assertThat(reply.code()).isEqualTo(200);
		assertThat(reply.parameters()).isEmpty();
		assertThat(reply.text()).isEmpty();
	}

	@Test
	void parseKeepsSpacesInsideTheTextButNotAroundIt() throws ProtocolException {
		Reply reply = Reply.parse("550  size=1   no   such file  ");

		assertThat(reply.parameters()).containsExactly(Map.entry("size", "1"));
		assertThat(reply.text()).isEqualTo("no   such file");
	}

	@Test
	void parsePercentDecodesParameterValues() throws ProtocolException {
		Reply reply = Reply.parse("150 name=my%20file%3D100%25 other=%E6%97%A5%F0%9F%98%80 sending");

		assertThat(reply.parameter("name")).contains("my file=100%");
		assertThat(reply.parameter("other")).contains("日😀");
	}

	@Test
	void parseKeepsParametersItDoesNotKnow() throws ProtocolException {
		Reply reply = Reply.parse("200 future-thing=x v2=y ok");

		assertThat(reply.parameters()).containsExactly(Map.entry("future-thing", "x"), Map.entry("v2", "y"));
		assertThat(reply.text()).isEqualTo("ok");
	}

	@Test
	void parseStopsReadingParametersAtTheFirstWordOfText() throws ProtocolException {
		Reply reply = Reply.parse("200 size=1 ok then x=y and size=2");

		assertThat(reply.parameters()).containsExactly(Map.entry("size", "1"));
		assertThat(reply.text()).isEqualTo("ok then x=y and size=2");
	}

	@Test
	void parseTakesAnEqualsSignInTheTextAsText() throws ProtocolException {
		assertThat(Reply.parse("550 no such file: a=b").text()).isEqualTo("no such file: a=b");
		assertThat(Reply.parse("500 Bad=word").text()).isEqualTo("Bad=word");
		assertThat(Reply.parse("500 =x").text()).isEqualTo("=x");
		assertThat(Reply.parse("500 Bad=word").parameters()).isEmpty();
	}

	@Test
	void parseFindsTheTextAfterAParameterWhoseValueRepeatsTheCode() throws ProtocolException {
		Reply reply = Reply.parse("200 a=200 b=a=200 200 ok");

		assertThat(reply.parameters()).containsExactly(Map.entry("a", "200"), Map.entry("b", "a=200"));
		assertThat(reply.text()).isEqualTo("200 ok");
	}

	@Test
	void withThenEncodeThenParseGivesBackTheSameReply() throws ProtocolException {
		Reply reply = Reply.of(ReplyCode.TRANSFER_COMPLETE, "transfer complete")
			.with("size", 1234L)
			.with("name", "my file=100%.txt")
			.with("label", "日本 😀\t");

		String line = reply.encode();

		assertThat(line).isEqualTo("226 size=1234 name=my%20file%3D100%25.txt label=日本%20😀%09 transfer complete");
		assertThat(Reply.parse(line)).isEqualTo(reply);
	}

	@Test
	void encodeOmitsEmptyText() throws ProtocolException {
		Reply reply = new Reply(200, Map.of(), "").with("size", 0);

		assertThat(reply.encode()).isEqualTo("200 size=0");
		assertThat(Reply.parse(reply.encode())).isEqualTo(reply);
	}

	@Test
	void withLeavesTheOriginalUnchangedAndReplacesAnExistingKeyInPlace() {
		Reply original = Reply.of(ReplyCode.OK, "ok").with("a", 1).with("b", 2);

		Reply changed = original.with("a", 3);

		assertThat(original.parameters()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
		assertThat(changed.parameters()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "SSH-2.0-OpenSSH_9.2", "", "   ", "99 x", "600 x", "099 x", "2000 x", "20a x", "200ok",
			"HTTP/1.1 200 OK", "abc", "-200 x", "+200 x" })
	void lineThatIsNotAReplyIsRefusedQuotingIt(String line) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Reply.parse(line))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR))
			.withMessageContaining("not a reply: '" + line + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "100", "199", "226", "421", "599", "500 x", "150 size=3" })
	void codesFromOneHundredToFiveNinetyNineAreRead(String line) throws ProtocolException {
		assertThat(Reply.parse(line).code()).isEqualTo(Integer.parseInt(line.substring(0, 3)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "000 x", "600", "999", "0226", "22", "2", "2 26", "\uFF12\uFF12\uFF16 x", "\u0662\u0662\u0666 x",
			"22\u00B2 x", "2O0 x", "1.0 x", "\t226 x" })
	void codeThatIsNotThreeAsciiDigitsFromOneToFiveIsRefused(String line) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Reply.parse(line))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR))
			.withMessageContaining("not a reply");
	}

	@Test
	void parameterKeyOfThirtyTwoCharactersIsAParameterAndOfThirtyThreeIsText() throws ProtocolException {
		String key32 = "k" + "x".repeat(31);

		assertThat(Reply.parse("200 " + key32 + "=1 ok").parameters()).containsOnlyKeys(key32);
		Reply longer = Reply.parse("200 " + key32 + "y=1 ok");
		assertThat(longer.parameters()).isEmpty();
		assertThat(longer.text()).isEqualTo(key32 + "y=1 ok");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Size=3", "SIZE=3", "1size=3", "-size=3", "si_ze=3", "si.ze=3", "sïze=3" })
	void wordThatIsNotAKeyValueParameterBeginsTheText(String word) throws ProtocolException {
		Reply reply = Reply.parse("226 " + word + " done");

		assertThat(reply.parameters()).isEmpty();
		assertThat(reply.text()).isEqualTo(word + " done");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "z", "a-", "a1", "count", "x-long-key-9", "a-b-c" })
	void keysOfLowerCaseLettersDigitsAndDashesStartingWithALetterAreParameters(String key) throws ProtocolException {
		assertThat(Reply.parse("226 " + key + "=v done").parameters()).containsEntry(key, "v");
	}

	@Test
	void refusedLineIsQuotedWithoutControlCharacters() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Reply.parse("SSH\u0000\u001b[2J"))
			.withMessageContaining("'SSH??[2J'");
	}

	@Test
	void malformedParametersAreProtocolErrors() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Reply.parse("200 size=%zz ok"))
			.withMessageContaining("bad escape in '%zz'");
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Reply.parse("200 a=1 a=2 ok"))
			.withMessageContaining("parameter 'a' given twice");
	}

	@Test
	void longParameterReadsANumber() throws ProtocolException {
		assertThat(Reply.parse("226 size=42 ok").longParameter("size")).isEqualTo(42);
		assertThat(Reply.parse("226 size=0").longParameter("size")).isZero();
		assertThat(Reply.parse("226 size=9223372036854775807").longParameter("size")).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void longParameterRefusesAMissingParameterNamingIt() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Reply.parse("150 other=1 sending").longParameter("size"))
			.withMessageContaining("lacks the size= parameter")
			.withMessageContaining("150 other=1 sending");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "-1", "+1", "1.5", "1e3", "", "0x10" })
	void longParameterRefusesWhatIsNotANumber(String value) {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Reply.parse("226 size=" + value + " ok").longParameter("size"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("bad size '" + value + "'");
	}

	@Test
	void longParameterRefusesANumberAboveTheLargestLong() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Reply.parse("226 size=9223372036854775808").longParameter("size"))
			.withMessageContaining("larger than 9223372036854775807");
	}

	@Test
	void constructorReplacesControlCharactersInTheText() {
		Reply reply = new Reply(500, Map.of(), "line\nbreak\u0000bell\u0007nel\u0085del\u007f");

		assertThat(reply.text()).isEqualTo("line?break?bell?nel?del?");
		assertThat(reply.encode()).isEqualTo("500 line?break?bell?nel?del?");
	}

	@Test
	void constructorStripsSurroundingSpacesAndMasksControlCharacters() {
		assertThat(new Reply(200, Map.of(), "  ok  ").text()).isEqualTo("ok");
		assertThat(new Reply(200, Map.of(), " \tok\r\n").text()).isEqualTo("?ok??");
	}

	@ParameterizedTest
	@ValueSource(strings = { "200 \tsize=5", "200 size=1 \u2003a=b", "200 size=1 \u00a0x=y" })
	void textThatOnlyLooksLikeAParameterAfterOtherWhiteSpaceStaysText(String line) throws ProtocolException {
		assertThat(Reply.parse(line).text()).isNotEmpty().doesNotStartWith(" ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "size=5 bytes", "a=", "  x-y=1 z" })
	void constructorRefusesTextThatStartsWithAKeyValueWord(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Reply(200, Map.of(), text))
			.withMessageContaining("must not start with a key=value word");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 99, 600, 1000, -200 })
	void constructorRefusesCodesOutsideOneHundredToFiveNinetyNine(int code) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Reply(code, Map.of(), "x"))
			.withMessageContaining(String.valueOf(code));
	}

	@Test
	void parametersAreUnmodifiable() {
		Reply reply = Reply.of(ReplyCode.OK, "ok").with("a", 1);

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> reply.parameters().put("b", "2"));
	}

	@Test
	void aProtocolErrorWhoseMessageStartsWithAParameterStillMakesAReply() {
		ProtocolException ex = new ProtocolException(ReplyCode.BAD_ARGUMENTS, "offset=5 is past the end");
		Reply reply = Reply.of(ex.code(), ex.getMessage());
		assertThat(reply.encode()).isEqualTo("501 error: offset=5 is past the end");
		assertThat(Reply.asText("bad offset=5")).isEqualTo("bad offset=5");
	}

}
