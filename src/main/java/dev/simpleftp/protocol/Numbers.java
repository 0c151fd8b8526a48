package dev.simpleftp.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Numbers on the wire: decimal lengths (ASCII digits only, no sign, at most 2^63-1), and instants
 * in ISO-8601 UTC to the millisecond at most ({@code 2026-11-24T06:20:23.123Z}).
 */
public final class Numbers {

	/**
	 * The one form of a time on the wire, as {@link Instant#toString()} writes it: UTC, seconds, an
	 * optional fraction of up to nine digits, {@code Z}; a year outside 0000-9999 signed, as ISO-8601
	 * expands it. {@link Instant#parse} alone would also take offsets and lower-case letters.
	 */
	private static final Pattern INSTANT = Pattern
		.compile("([+-][0-9]{5,}|[0-9]{4})-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z");

	private Numbers() {
	}

	/**
	 * Parses a byte length or offset.
	 * @param what the name of the field, quoted in the error
	 * @throws ProtocolException if it is not a plain decimal number within range
	 */
	public static long parseLength(String value, String what) throws ProtocolException {
		if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
					"bad " + what + " '" + Lines.printable(value) + "': expected a decimal number of bytes");
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
					"bad " + what + " '" + Lines.printable(value) + "': larger than 9223372036854775807");
		}
	}

	/**
	 * Parses a modification time as {@link java.time.Instant#toString()} writes it, and only in that form.
	 * @throws ProtocolException if it is not an ISO-8601 instant
	 */
	public static Instant parseInstant(String value, String what) throws ProtocolException {
		try {
			if (!INSTANT.matcher(value).matches()) {
				throw new DateTimeParseException("not the protocol's form", value, 0);
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "bad " + what + " '" + Lines.printable(value)
					+ "': expected an ISO-8601 instant such as 2026-11-24T06:20:23.123Z");
		}
	}

}
