package dev.simpleftp.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splitting a line into tokens and parameters, shared by {@link Request} and {@link Reply}. */
final class Lines {

	private static final int QUOTE_LIMIT = 80;

	private Lines() {
	}

	/** The non-empty runs of characters between spaces. */
	static List<String> split(String line) {
		List<String> tokens = new ArrayList<>();
		int start = -1;
		for (int i = 0; i <= line.length(); i++) {
			boolean space = i == line.length() || line.charAt(i) == ' ';
			if (space && start >= 0) {
				tokens.add(line.substring(start, i));
				start = -1;
			}
			else if (!space && start < 0) {
				start = i;
			}
		}
		return tokens;
	}

	static boolean isParameter(String token) {
		int eq = token.indexOf('=');
		return eq > 0 && Tokens.isKey(token, eq);
	}

	/** Adds a {@code key=value} token to {@code params}, refusing a malformed or repeated key. */
	static void putParameter(String token, Map<String, String> params) throws ProtocolException {
		int eq = token.indexOf('=');
		String key = token.substring(0, eq);
		if (!Tokens.isKey(key, key.length())) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "bad parameter name '" + printable(key)
					+ "': use lower-case letters, digits and '-'");
		}
		if (params.putIfAbsent(key, Tokens.decode(token.substring(eq + 1))) != null) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "parameter '" + key + "' given twice");
		}
	}

	static Map<String, String> newParameters() {
		return new LinkedHashMap<>();
	}

	static void appendParameters(StringBuilder line, Map<String, String> params) {
		params.forEach((key, value) -> line.append(' ').append(key).append('=').append(Tokens.encode(value)));
	}

	/** Text safe to quote in a message or log line: control characters shown as '?', long input cut. */
	static String printable(String text) {
		StringBuilder out = new StringBuilder(Math.min(text.length(), QUOTE_LIMIT + 3));
		// Never cut between the two halves of a character outside the BMP (an emoji, say).
		int limit = (text.length() > QUOTE_LIMIT && Character.isHighSurrogate(text.charAt(QUOTE_LIMIT - 1)))
				? QUOTE_LIMIT - 1 : QUOTE_LIMIT;
		for (int i = 0; i < text.length() && i < limit; i++) {
			char c = text.charAt(i);
			out.append(Character.isISOControl(c) ? '?' : c);
		}
		if (text.length() > QUOTE_LIMIT) {
			out.append("...");
		}
		return out.toString();
	}

}
