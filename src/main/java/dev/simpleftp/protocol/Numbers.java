package dev.simpleftp.protocol;

/** Decimal numbers on the wire: ASCII digits only, no sign, at most 2^63-1. */
public final class Numbers {

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

}
