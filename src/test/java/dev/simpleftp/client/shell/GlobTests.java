package dev.simpleftp.client.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shell-style patterns, as {@code get} and {@code put} match them against file names. */
class GlobTests {

	@ParameterizedTest(name = "''{0}'' matches ''{1}''")
	@CsvSource(delimiter = '|', value = {
			"*        | report.pdf",
			"*        | a",
			"*.txt    | notes.txt",
			"*.txt    | my file.txt",
			"a*b      | ab",
			"a*b      | a-x-b",
			"?.log    | 1.log",
			"??       | ü日",
			"[abc].md | b.md",
			"[a-z]9   | q9",
			"[!a]x    | bx",
			"[^a]x    | bx",
			"[]]x     | ]x",
			"[a-]     | -",
			"[-a]     | -",
			"x[!]]    | xy",
			"a\\*b    | a*b",
			"a\\?     | a?",
			"\\[x]    | [x]",
			"[x       | [x",
			"a[       | a[",
			"100%*    | 100% a=b",
			".*       | .hidden",
			".h?dden  | .hidden",
			"*.(x)+$  | a.(x)+$",
			"Grüße*   | Grüße.txt",
	})
	void matches(String pattern, String name) {
		assertThat(Glob.compile(pattern).matches(name)).isTrue();
	}

	@ParameterizedTest(name = "''{0}'' does not match ''{1}''")
	@CsvSource(delimiter = '|', value = {
			"*.txt    | notes.txt.bak",
			"*.txt    | notes.TXT",
			"*.txt    | .hidden.txt",
			"*        | .hidden",
			"?hidden  | .hidden",
			"[.]hidden | .hidden",
			"?.log    | 12.log",
			"??       | a",
			"[abc].md | d.md",
			"[a-z]9   | Q9",
			"[!a]x    | ax",
			"a\\*b    | axb",
			"a\\?     | ab",
			"[x       | x",
			"*.(x)+$  | a.xx",
			"a.c      | abc",
	})
	void doesNotMatch(String pattern, String name) {
		assertThat(Glob.compile(pattern).matches(name)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "[z-a]", "x[9-0]*" })
	void aReversedRangeIsABadPattern(String pattern) {
		assertThatThrownBy(() -> Glob.compile(pattern)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("bad pattern '" + pattern + "': ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "*.txt", "?", "a?", "[ab]", "x[", "a\\\\*" })
	void wordsWithAnUnescapedWildcardArePatterns(String word) {
		assertThat(Glob.isPattern(word)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain.txt", "a\\*b", "\\?", "\\[x]", "my file", "]", "a-b", "100%", "" })
	void wordsWithOnlyEscapedOrNoWildcardsAreNotPatterns(String word) {
		assertThat(Glob.isPattern(word)).isFalse();
	}

	@Test
	void unescapeDropsTheBackslashesButKeepsATrailingOne() {
		assertThat(Glob.unescape("a\\*b")).isEqualTo("a*b");
		assertThat(Glob.unescape("\\\\x")).isEqualTo("\\x");
		assertThat(Glob.unescape("plain")).isEqualTo("plain");
		assertThat(Glob.unescape("end\\")).isEqualTo("end\\");
	}

	@Test
	void toStringIsThePatternAsGiven() {
		assertThat(Glob.compile("*.t[x]t")).hasToString("*.t[x]t");
	}

	/** Bug: inside [...] a backslash is taken as a literal backslash, so [a\-z] is the range '\'..'z'. */
	@Test
	void aBackslashInsideASetEscapesTheNextCharacter() {
		Glob glob = Glob.compile("[a\\-z].txt");
		assertThat(glob.matches("a.txt")).isTrue();
		assertThat(glob.matches("z.txt")).isTrue();
		assertThat(glob.matches("-.txt")).isTrue();
		assertThat(glob.matches("b.txt")).isFalse();
		assertThat(glob.matches("_.txt")).isFalse();
	}

	/** Bug: an escaped leading dot is explicit (bash: echo \.f* lists .foo), but Glob only accepts a raw one. */
	@Test
	void anEscapedLeadingDotMatchesHiddenNames() {
		assertThat(Glob.compile("\\.h*").matches(".hidden")).isTrue();
	}

}
