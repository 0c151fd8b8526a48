package dev.simpleftp.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of the tokens on a line (docs/PROTOCOL.md, section "Lines and tokens"). A token
 * never contains a space; '%', space, '=' and control characters travel as {@code %XX}, every other
 * character as its UTF-8 bytes, so ordinary names stay readable in a terminal.
 */
final class Tokens {

	/** A parameter key: lower-case ASCII letters, digits and '-', starting with a letter. */
	private static final int MAX_KEY_LENGTH = 32;

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private Tokens() {
	}

	/**
	 * True if the first {@code length} characters of {@code text} are a parameter key: 1 to 32 of
	 * {@code a-z}, {@code 0-9} and {@code -}, starting with a letter. (Checked by hand: this runs
	 * for every reply, and a regular expression costs more than the rest of the parse.)
	 */
	static boolean isKey(String text, int length) {
		if (length < 1 || length > MAX_KEY_LENGTH || !isLowerCaseLetter(text.charAt(0))) {
			return false;
		}
		for (int i = 1; i < length; i++) {
			char c = text.charAt(i);
			if (!isLowerCaseLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLowerCaseLetter(char c) {
		return c >= 'a' && c <= 'z';
	}

	static String encode(String value) {
		StringBuilder out = null;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (mustEscape(c)) {
				if (out == null) {
					out = new StringBuilder(value.length() + 8).append(value, 0, i);
				}
				for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
					out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
				}
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : value;
	}

	/** '%', space, '=' and the control characters: C0, DEL and C1. */
	private static boolean mustEscape(char c) {
		return c == '%' || c == ' ' || c == '=' || Character.isISOControl(c);
	}

	/** The value of an ASCII hex digit, or -1: other scripts' digits are not hex digits here. */
	private static int hexValue(char c) {
		return (c < 128) ? Character.digit(c, 16) : -1;
	}

	static String decode(String token) throws ProtocolException {
		if (hasUnpairedSurrogate(token)) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
					"'" + Lines.printable(token) + "' does not decode to UTF-8");
		}
		if (token.indexOf('%') < 0) {
			return token;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(token.length());
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '%') {
				int high = (i + 2 < token.length()) ? hexValue(token.charAt(i + 1)) : -1;
				int low = (high >= 0) ? hexValue(token.charAt(i + 2)) : -1;
				if (low < 0) {
					throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
							"bad escape in '" + Lines.printable(token) + "': '%' must be followed by two hex digits");
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else {
				byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < token.length() && Character.isLowSurrogate(token.charAt(i + 1))) {
					utf8 = token.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.writeBytes(utf8);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
					"'" + Lines.printable(token) + "' does not decode to UTF-8");
		}
	}

	/** A lone half of a surrogate pair has no UTF-8 form (a String from a decoder never holds one). */
	private static boolean hasUnpairedSurrogate(String token) {
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < token.length() && Character.isLowSurrogate(token.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}
