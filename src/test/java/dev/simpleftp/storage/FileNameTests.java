package dev.simpleftp.storage;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileNameTests {

	private static final String EMPTY = "cannot be empty";

	private static final String DOTS = "'.' and '..' are not file names";

	private static final String SEPARATOR = "cannot contain '/' or '\\'";

	private static final String CONTROL = "cannot contain control characters";

	private static final String TOO_LONG = "at most 255 bytes of UTF-8";

	private static final String RESERVED = "in any letter case, are reserved for transfers in progress";

	private static final String BIDI = "cannot contain bidirectional text controls";

	private static final String BOM = "cannot contain a byte-order mark (U+FEFF)";

	static Stream<Arguments> hostileNames() {
		return Stream.of(Arguments.of("", EMPTY), Arguments.of(".", DOTS), Arguments.of("..", DOTS),
				Arguments.of("/etc/passwd", SEPARATOR), Arguments.of("../x", SEPARATOR), Arguments.of("a/b", SEPARATOR),
				Arguments.of("a\\b", SEPARATOR), Arguments.of("..\\x", SEPARATOR), Arguments.of("C:\\x", SEPARATOR),
				Arguments.of("/", SEPARATOR), Arguments.of("//", SEPARATOR), Arguments.of("x/", SEPARATOR),
				Arguments.of("\\\\server\\share", SEPARATOR), Arguments.of("./.", SEPARATOR),
				Arguments.of("x\u0000y", CONTROL), Arguments.of("tab\tname", CONTROL), Arguments.of("new\nline", CONTROL),
				Arguments.of("cr\r", CONTROL), Arguments.of("\u007f", CONTROL), Arguments.of("\u0085", CONTROL),
				Arguments.of("c1\u009f", CONTROL), Arguments.of("\u001b[31mred", CONTROL),
				Arguments.of("é".repeat(128), TOO_LONG), Arguments.of("a".repeat(256), TOO_LONG),
				Arguments.of("日".repeat(86), TOO_LONG), Arguments.of("😀".repeat(64), TOO_LONG),
				Arguments.of(".simpleftp-123-0123456789abcdef.tmp", RESERVED), Arguments.of(".simpleftp-", RESERVED),
				Arguments.of(".simpleftp-anything", RESERVED), Arguments.of(".SimpleFTP-x", RESERVED),
				Arguments.of(".SIMPLEFTP-123-0123456789abcdef.tmp", RESERVED), Arguments.of(".Simpleftp-partial-x.part", RESERVED),
				Arguments.of("invoice\u202Efdp.exe", BIDI), Arguments.of("\u061Cx", BIDI), Arguments.of("x\u200E", BIDI),
				Arguments.of("a\u200Fb", BIDI), Arguments.of("a\u202Ab", BIDI), Arguments.of("a\u202Bb", BIDI),
				Arguments.of("a\u202Cb", BIDI), Arguments.of("a\u202Db", BIDI), Arguments.of("a\u2066b", BIDI),
				Arguments.of("a\u2067b", BIDI), Arguments.of("a\u2068b", BIDI), Arguments.of("a\u2069b", BIDI),
				Arguments.of("\uFEFFreport.txt", BOM), Arguments.of("report\uFEFF.txt", BOM), Arguments.of("report.txt\uFEFF", BOM),
				Arguments.of("\uFEFF.simpleftp-x", BOM));
	}

	@ParameterizedTest
	@MethodSource("hostileNames")
	void hostileNameIsRefusedWithTheRuleItBreaks(String name, String rule) {
		assertThatExceptionOfType(InvalidFileNameException.class).isThrownBy(() -> FileName.of(name))
			.satisfies((ex) -> assertThat(ex.reason()).contains(rule))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("bad file name '").endsWith("': " + ex.reason())
				.doesNotContainPattern("\\p{Cntrl}|\u0085|\u009f|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]"));
	}

	@ParameterizedTest
	@MethodSource("hostileNames")
	void constructorRefusesWhatOfRefuses(String name, String rule) {
		assertThatExceptionOfType(InvalidFileNameException.class).isThrownBy(() -> new FileName(name))
			.satisfies((ex) -> assertThat(ex.reason()).contains(rule));
	}

	static Stream<String> goodNames() {
		return Stream.of("a", "my file.txt", "Ünïcødé.txt", "日本語.txt", "😀", "🎉 party 🎉.tar.gz", ".bashrc", "...",
				"a..b", " leading space", "trailing space ", "a".repeat(255), "é".repeat(127) + "a",
				"😀".repeat(63) + "abc", ".simpleftp", "simpleftp-1-0123456789abcdef.tmp", "x.simpleftp-", ".simpleftp_x",
				" .simpleftp-x", "C:x", "~",
				"-rf", "*?<>|\"", "name:with:colons", "%2F", "100%", "עברית.txt", "العربية.txt", "👨\u200D👩\u200D👧.png",
				"zero\u200Bwidth");
	}

	@ParameterizedTest
	@MethodSource("goodNames")
	void goodNameIsAcceptedUnchanged(String name) {
		FileName fileName = FileName.of(name);

		assertThat(fileName.value()).isEqualTo(name);
		assertThat(fileName).hasToString(name).isEqualTo(new FileName(name));
		assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileName.MAX_BYTES);
	}

	@ParameterizedTest
	@MethodSource("namesOfTheLongestLength")
	void nameOfExactly255BytesIsAcceptedAndOneByteMoreIsNot(String name) {
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(FileName.MAX_BYTES);
		assertThat(FileName.of(name).value()).isEqualTo(name);
		assertThatExceptionOfType(InvalidFileNameException.class).isThrownBy(() -> FileName.of(name + "x"))
			.satisfies((ex) -> assertThat(ex.reason()).contains(TOO_LONG));
	}

	static Stream<String> namesOfTheLongestLength() {
		return Stream.of("a".repeat(255), "é".repeat(127) + "a", "日".repeat(85), "😀".repeat(63) + "abc");
	}

	@Test
	void messageQuotesALongNameCut() {
		String longName = "/" + "x".repeat(300);

		assertThatExceptionOfType(InvalidFileNameException.class).isThrownBy(() -> FileName.of(longName))
			.withMessageStartingWith("bad file name '/" + "x".repeat(79) + "...'");
	}

	@Test
	void aNameWithAnUnpairedSurrogateIsRefused() {
		assertThatExceptionOfType(InvalidFileNameException.class).isThrownBy(() -> FileName.of("a\uD800"))
			.satisfies((ex) -> assertThat(ex.reason()).contains("valid Unicode"));
	}

	@ParameterizedTest
	@MethodSource("hostileNames")
	void isValidIsFalseForEveryNameOfRefuses(String name, String rule) {
		assertThat(FileName.isValid(name)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("goodNames")
	void isValidIsTrueForEveryNameOfAccepts(String name) {
		assertThat(FileName.isValid(name)).isTrue();
	}

	@Test
	void isValidRefusesAnUnpairedSurrogateWithoutThrowing() {
		assertThat(FileName.isValid("a\uD800")).isFalse();
		assertThat(FileName.isValid("\uDC00a")).isFalse();
		assertThat(FileName.isValid("\uD83D\uDE00")).isTrue();
	}
}
