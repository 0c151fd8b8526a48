package dev.simpleftp.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTests {

	@ParameterizedTest
	@ValueSource(strings = { "get a", "GET a", "Get a", "gEt a" })
	void parseUpperCasesTheVerbWhateverItsCase(String line) throws ProtocolException {
		assertThat(Request.parse(line).verb()).isEqualTo("GET");
	}

	@Test
	void ofUpperCasesTheVerbToo() {
		assertThat(Request.of("noop").verb()).isEqualTo("NOOP");
	}

	@Test
	void parseSplitsArgumentsOnRunsOfSpacesAndIgnoresOuterSpaces() throws ProtocolException {
		Request request = Request.parse("  PUT   a  b c   ");

		assertThat(request.verb()).isEqualTo("PUT");
		assertThat(request.arguments()).containsExactly("a", "b", "c");
		assertThat(request.parameters()).isEmpty();
	}

	@Test
	void parseReadsAVerbWithoutArguments() throws ProtocolException {
		Request request = Request.parse("NOOP");

		assertThat(request.arguments()).isEmpty();
		assertThat(request.parameters()).isEmpty();
	}

	@Test
	void parseTakesKeyValueTokensAsParametersInTheirOrder() throws ProtocolException {
		Request request = Request.parse("GET name.txt offset=10 x-mode=fast2 other");

		assertThat(request.arguments()).containsExactly("name.txt", "other");
		assertThat(request.parameters()).containsExactly(Map.entry("offset", "10"), Map.entry("x-mode", "fast2"));
		assertThat(request.parameter("offset")).contains("10");
		assertThat(request.parameter("absent")).isEmpty();
	}

	@Test
	void parseAcceptsAnEmptyParameterValue() throws ProtocolException {
		assertThat(Request.parse("GET a note=").parameters()).containsExactly(Map.entry("note", ""));
	}

	@Test
	void parseAcceptsAParameterKeyOfThirtyTwoCharacters() throws ProtocolException {
		String key = "k" + "-".repeat(30) + "9";

		assertThat(Request.parse("GET a " + key + "=v").parameter(key)).contains("v");
	}

	@ParameterizedTest
	@MethodSource("escapedTokens")
	void parsePercentDecodesArguments(String token, String decoded) throws ProtocolException {
		assertThat(Request.parse("GET " + token).arguments()).containsExactly(decoded);
	}

	static Stream<Arguments> escapedTokens() {
		return Stream.of(
				Arguments.of("my%20file.txt", "my file.txt"),
				Arguments.of("100%25", "100%"),
				Arguments.of("a%3Db", "a=b"),
				Arguments.of("a%3db", "a=b"),
				Arguments.of("%25%32%30", "%20"),
				Arguments.of("%C3%A9t%C3%A9", "été"),
				Arguments.of("%E6%97%A5%E6%9C%AC", "日本"),
				Arguments.of("%F0%9F%98%80", "😀"),
				Arguments.of("%C3%A9é%20😀", "éé 😀"),
				Arguments.of("日本語.txt", "日本語.txt"),
				Arguments.of("😀🎉", "😀🎉"),
				Arguments.of("tab%09nul%00del%7F", "tab\tnul\u0000del\u007f"));
	}

	@Test
	void parsePercentDecodesParameterValues() throws ProtocolException {
		Request request = Request.parse("GET a note=a%20b%3Dc%25%C3%A9");

		assertThat(request.parameter("note")).contains("a b=c%é");
	}

	@ParameterizedTest
	@MethodSource("awkwardNames")
	void encodeThenParseGivesBackTheSameRequest(String name) throws ProtocolException {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("note", name);
		parameters.put("size", "12");
		Request request = new Request("PUT", List.of(name, "second"), parameters);

		String line = request.encode();

		assertThat(Request.parse(line)).isEqualTo(request);
		assertThat(line.split(" ", -1)).hasSize(5);
		assertThat(line.chars()).noneMatch((c) -> c < 0x20 || c == 0x7F);
	}

	static Stream<String> awkwardNames() {
		return Stream.of("plain.txt", "my file.txt", "  two  spaces  ", "100%", "%20", "%zz", "%", "a=b", "=", "===",
				"key=value", "Ünïcødé.txt", "日本語.txt", "😀🎉", "tab\tname", "new\nline", "cr\r", "nul\u0000",
				"del\u007f", "c1\u0085", "\u001b[31mred", "%25%", "\\back\\slash", "x".repeat(1000));
	}

	@Test
	void encodeKeepsOrdinaryNamesReadableAndEscapesOnlyWhatItMust() {
		assertThat(Request.of("get", "日本語 😀.txt").encode()).isEqualTo("GET 日本語%20😀.txt");
		assertThat(Request.of("GET", "100%=x").encode()).isEqualTo("GET 100%25%3Dx");
		assertThat(Request.of("GET", "a\tb\nc\rd\u007f").encode()).isEqualTo("GET a%09b%0Ac%0Dd%7F");
	}

	@Test
	void encodePutsParametersAfterArguments() {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("offset", "5");
		parameters.put("note", "a b");

		assertThat(new Request("get", List.of("x"), parameters).encode()).isEqualTo("GET x offset=5 note=a%20b");
	}

	@Test
	void requestCopiesAndFreezesItsArgumentsAndParameters() {
		List<String> arguments = new ArrayList<>(List.of("a"));
		Map<String, String> parameters = new LinkedHashMap<>(Map.of("k", "v"));
		Request request = new Request("GET", arguments, parameters);
		arguments.add("b");
		parameters.put("j", "w");

		assertThat(request.arguments()).containsExactly("a");
		assertThat(request.parameters()).containsExactly(Map.entry("k", "v"));
		assertThatThrownBy(() -> request.arguments().add("c")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> request.parameters().put("c", "d")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void toStringHasNoControlCharacters() {
		assertThat(Request.of("GET", "a\u0085b\nc").toString()).isEqualTo("GET a%C2%85b%0Ac");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "     " })
	void emptyOrBlankLineIsASyntaxError(String line) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse(line))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR))
			.withMessageContaining("empty request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "G3T", "123", "GET!", "GE-T", "get.", "ÉCRIRE", "get/x", "a=b", "%47ET", "GET\t" })
	void verbThatIsNotAsciiLettersIsASyntaxErrorQuotingIt(String verb) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse(verb + " name"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR))
			.withMessageContaining("bad verb '" + Lines.printable(verb) + "'");
	}

	@Test
	void badVerbIsQuotedWithoutControlCharactersAndCutWhenLong() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("G\u0000T x"))
			.withMessageContaining("'G?T'");
		String longVerb = "9".repeat(500);
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse(longVerb))
			.withMessageContaining("'" + "9".repeat(80) + "...'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%", "%4", "%zz", "a%", "a%4", "%g0", "%0g", "%%41", "%-1", "%+1", "% 1" })
	void badEscapeIsRefusedQuotingTheToken(String token) {
		String line = "GET " + token;
		String quoted = token.contains(" ") ? token.substring(0, token.indexOf(' ')) : token;

		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse(line))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("bad escape in '" + quoted + "'");
	}

	@Test
	void badEscapeInAParameterValueIsRefused() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("GET a note=%zz"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("'%zz'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%FF", "%C3", "%C3%28", "%80", "a%E6%97", "%ED%A0%80", "%C0%AF", "%F4%90%80%80",
			"%F8%88%80%80%80" })
	void escapesThatAreNotUtf8AreRefusedQuotingTheToken(String token) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("GET " + token))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("'" + token + "' does not decode to UTF-8");
	}

	@Test
	void parameterGivenTwiceIsRefused() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("GET a k=1 k=1"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("parameter 'k' given twice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Key", "KEY", "1k", "-k", "k_y", "k.y", "k%20", "é", "kxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" })
	void parameterWithABadKeyIsRefusedQuotingTheKey(String key) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("GET a " + key + "=1"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("bad parameter name '" + key + "'");
	}

	@Test
	void tokenStartingWithEqualsIsABadParameterNotAnArgument() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("GET =x"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessageContaining("bad parameter name ''");
	}

	@Test
	void expectArgumentsReturnsThemWhenTheCountMatches() throws ProtocolException {
		assertThat(Request.parse("GET a%20b").expectArguments(1, "GET NAME")).containsExactly("a b");
		assertThat(Request.parse("NOOP").expectArguments(0, "NOOP")).isEmpty();
	}

	@Test
	void expectArgumentsRefusesAMissingArgumentQuotingTheUsage() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Request.parse("get").expectArguments(1, "GET NAME"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessage("missing argument: usage is GET NAME");
	}

	@Test
	void expectArgumentsRefusesTooManyArgumentsQuotingTheUsage() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Request.parse("GET a b").expectArguments(1, "GET NAME"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessage("too many arguments: usage is GET NAME");
	}

	@Test
	void expectArgumentsRefusesAnyParameterNamingIt() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Request.parse("get a offset=3").expectArguments(1, "GET NAME"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessage("unknown parameter 'offset': GET takes none in this version");
	}

	@Test
	void escapesTakeAsciiHexDigitsOnly() {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Request.parse("GET %\uFF14\uFF11"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS));
	}

	@Test
	void c1ControlCharactersTravelEscapedAndComeBackWhole() throws ProtocolException {
		Request request = Request.of("GET", "next\u0085line");
		assertThat(request.encode()).isEqualTo("GET next%C2%85line");
		assertThat(Request.parse(request.encode()).arguments()).containsExactly("next\u0085line");
	}

	@Test
	void expectArgumentsAcceptsTheParametersTheVerbKnows() throws ProtocolException {
		Request request = Request.parse("PUT a%20b 3 body=follows");

		assertThat(request.expectArguments(2, "PUT <name> <size>", Set.of("body"))).containsExactly("a b", "3");
		assertThat(request.parameter("body")).contains("follows");
	}

	@Test
	void expectArgumentsRefusesAnUnknownParameterNamingTheKnownOnes() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Request.parse("PUT a 3 body=follows offset=2")
				.expectArguments(2, "PUT <name> <size>", Set.of("body", "append")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS))
			.withMessage("unknown parameter 'offset': PUT takes only append, body in this version");
	}

	@Test
	void expectArgumentsChecksTheCountWhateverTheParameters() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Request.parse("PUT a body=follows").expectArguments(2, "PUT <name> <size>", Set.of("body")))
			.withMessage("missing argument: usage is PUT <name> <size>");
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> Request.parse("LIST x").expectArguments(0, "LIST", Set.of()))
			.withMessage("too many arguments: usage is LIST");
	}

	@Test
	void withAddsAParameterAfterTheOthersAndLeavesTheOriginalUnchanged() throws ProtocolException {
		Request original = Request.of("PUT", "my file", "3");

		Request follows = original.with("body", "follows");

		assertThat(follows.encode()).isEqualTo("PUT my%20file 3 body=follows");
		assertThat(Request.parse(follows.encode())).isEqualTo(follows);
		assertThat(original.parameters()).isEmpty();
		assertThat(follows.with("note", "a b=c").encode()).isEqualTo("PUT my%20file 3 body=follows note=a%20b%3Dc");
	}

	@Test
	void withReplacesAnExistingKeyRatherThanRepeatingIt() {
		Request request = Request.of("PUT", "a", "1").with("body", "x").with("body", "follows");

		assertThat(request.parameters()).containsExactly(Map.entry("body", "follows"));
		assertThat(request.encode()).isEqualTo("PUT a 1 body=follows");
	}
}
