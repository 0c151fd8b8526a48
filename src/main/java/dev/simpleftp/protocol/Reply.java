package dev.simpleftp.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reply line (docs/PROTOCOL.md, section "Replies"): a three-digit code, {@code key=value}
 * parameters, then human-readable text. Clients ignore parameters they do not know.
 */
public record Reply(int code, Map<String, String> parameters, String text) {

	public Reply {
		if (code < 100 || code > 599) {
			throw new IllegalArgumentException("reply code out of range: " + code);
		}
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
		text = withoutSurroundingSpaces(withoutControlCharacters(text));
		if (!text.isEmpty() && Lines.isParameter(Lines.split(text).get(0))) {
			throw new IllegalArgumentException("reply text must not start with a key=value word: " + text);
		}
	}

	/** {@code text} made fit to follow a reply's parameters: prefixed if it starts with a {@code key=value} word. */
	public static String asText(String text) {
		if (text == null) {
			return "";
		}
		List<String> words = Lines.split(text);
		return (!words.isEmpty() && Lines.isParameter(words.get(0))) ? "error: " + text : text;
	}

	public static Reply of(ReplyCode code, String text) {
		return new Reply(code.value(), Map.of(), text);
	}

	/** This reply with one more parameter; the order of parameters is kept on the wire. */
	public Reply with(String key, Object value) {
		Map<String, String> more = new LinkedHashMap<>(this.parameters);
		more.put(key, String.valueOf(value));
		return new Reply(this.code, more, this.text);
	}

	/**
	 * Parses a line without its line ending.
	 * @throws ProtocolException quoting the bad input
	 */
	public static Reply parse(String line) throws ProtocolException {
		List<String> tokens = Lines.split(line);
		if (tokens.isEmpty() || !isCode(tokens.get(0))) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR,
					"not a reply: '" + Lines.printable(line) + "' (expected a three-digit code)");
		}
		Map<String, String> parameters = Lines.newParameters();
		int textStart = line.indexOf(tokens.get(0)) + 3;
		for (String token : tokens.subList(1, tokens.size())) {
			if (!Lines.isParameter(token)) {
				break;
			}
			Lines.putParameter(token, parameters);
			textStart = line.indexOf(token, textStart) + token.length();
		}
		return new Reply(Integer.parseInt(tokens.get(0)), parameters, line.substring(textStart));
	}

	/** Three ASCII digits, the first 1 to 5. */
	private static boolean isCode(String token) {
		return token.length() == 3 && token.charAt(0) >= '1' && token.charAt(0) <= '5' && isDigit(token.charAt(1))
				&& isDigit(token.charAt(2));
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	public String encode() {
		StringBuilder line = new StringBuilder(64).append(this.code);
		Lines.appendParameters(line, this.parameters);
		if (!this.text.isEmpty()) {
			line.append(' ').append(this.text);
		}
		return line.toString();
	}

	public boolean is(ReplyCode expected) {
		return this.code == expected.value();
	}

	public Optional<String> parameter(String key) {
		return Optional.ofNullable(this.parameters.get(key));
	}

	/**
	 * A parameter that must be a non-negative decimal number.
	 * @throws ProtocolException if it is missing or not a number
	 */
	public long longParameter(String key) throws ProtocolException {
		String value = parameter(key).orElseThrow(() -> new ProtocolException(ReplyCode.SYNTAX_ERROR,
				"reply '" + this + "' lacks the " + key + "= parameter"));
		return Numbers.parseLength(value, key);
	}

	/** Only U+0020 separates tokens, so only U+0020 is trimmed: other white space is text. */
	private static String withoutSurroundingSpaces(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && text.charAt(start) == ' ') {
			start++;
		}
		while (end > start && text.charAt(end - 1) == ' ') {
			end--;
		}
		return text.substring(start, end);
	}

	private static String withoutControlCharacters(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				if (out == null) {
					out = new StringBuilder(text.length()).append(text, 0, i);
				}
				out.append('?');
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : text;
	}

	@Override
	public String toString() {
		return Lines.printable(encode());
	}

}
