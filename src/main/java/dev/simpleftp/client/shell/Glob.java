package dev.simpleftp.client.shell;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A shell-style file name pattern: {@code *} matches any run of characters, {@code ?} any one,
 * {@code [abc]}, {@code [a-z]} and {@code [!abc]} one of (or none of) a set, and a backslash makes
 * the next character literal. As in a shell, a leading {@code .} must be matched explicitly.
 */
final class Glob {

	private final String pattern;

	private final Pattern regex;

	private Glob(String pattern, Pattern regex) {
		this.pattern = pattern;
		this.regex = regex;
	}

	/** True if {@code text} has an unescaped {@code *}, {@code ?} or {@code [}. */
	static boolean isPattern(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '*' || c == '?' || c == '[') {
				return true;
			}
		}
		return false;
	}

	/** The text with its escapes removed, for an argument that is not a pattern. */
	static String unescape(String text) {
		StringBuilder literal = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				c = text.charAt(++i);
			}
			literal.append(c);
		}
		return literal.toString();
	}

	/** @throws IllegalArgumentException for a pattern such as {@code [z-a]} */
	static Glob compile(String pattern) {
		StringBuilder regex = new StringBuilder(pattern.length() * 2);
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i++);
			switch (c) {
				case '*' -> regex.append(".*");
				case '?' -> regex.append('.');
				case '\\' -> regex.append(Pattern.quote(String.valueOf((i < pattern.length()) ? pattern.charAt(i++) : '\\')));
				case '[' -> i = appendSet(pattern, i, regex);
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		try {
			return new Glob(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("bad pattern '" + pattern + "': " + ex.getDescription());
		}
	}

	/** Appends the set starting after {@code [}; an unclosed {@code [} is a literal. Returns where the pattern goes on. */
	private static int appendSet(String pattern, int start, StringBuilder regex) {
		int i = start;
		boolean negated = i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^');
		if (negated) {
			i++;
		}
		StringBuilder set = new StringBuilder();
		boolean first = true;
		while (i < pattern.length() && (pattern.charAt(i) != ']' || first)) {
			char c = pattern.charAt(i++);
			if (c == '\\' && i < pattern.length()) {
				c = pattern.charAt(i++);
				set.append(escapeInSet(c));
			}
			else if (c == '-' && set.length() > 0 && i < pattern.length() && pattern.charAt(i) != ']') {
				set.append('-');
			}
			else {
				set.append(escapeInSet(c));
			}
			first = false;
		}
		if (i >= pattern.length()) {
			regex.append(Pattern.quote("["));
			return start;
		}
		regex.append('[').append(negated ? "^" : "").append(set).append(']');
		return i + 1;
	}

	/** A character as a literal member of a regular-expression set. */
	private static String escapeInSet(char c) {
		return switch (c) {
			case '\\', '[', ']', '^', '-', '&' -> "\\" + c;
			default -> String.valueOf(c);
		};
	}

	boolean matches(String name) {
		if (name.startsWith(".") && !this.pattern.startsWith(".") && !this.pattern.startsWith("\\.")) {
			return false;
		}
		return this.regex.matcher(name).matches();
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
