package dev.simpleftp.protocol;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The checksum every transfer is verified with (protocol version 3): CRC32C of the body, written
 * as eight lower-case hexadecimal digits in a {@code crc32c=} parameter. CRC32C is computed by a
 * CPU instruction on current x86 and ARM processors, fast enough to run on the bytes as they pass
 * through the transfer buffer (docs/PERFORMANCE.md has the figures), and it catches every error of
 * up to 32 bits in a row. It is a check against corruption, not a defence against an attacker;
 * {@code HASH} gives SHA-256 on demand.
 */
public final class Checksums {

	/** The parameter that carries a CRC32C. */
	public static final String CRC32C = "crc32c";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private Checksums() {
	}

	public static Checksum newCrc32c() {
		return new CRC32C();
	}

	/** Eight lower-case hexadecimal digits. */
	public static String format(Checksum checksum) {
		return format(checksum.getValue());
	}

	/** Eight lower-case hexadecimal digits of a 32-bit checksum's value. */
	public static String format(long checksum) {
		long value = checksum;
		char[] digits = new char[8];
		for (int i = 7; i >= 0; i--) {
			digits[i] = HEX[(int) (value & 0xf)];
			value >>>= 4;
		}
		return new String(digits);
	}

	/**
	 * Reads a checksum as {@link #format} writes it.
	 * @throws ProtocolException {@code 501} if it is not exactly eight hexadecimal digits
	 */
	public static long parse(String hex, String what) throws ProtocolException {
		if (hex.length() != 8) {
			throw bad(hex, what);
		}
		long value = 0;
		for (int i = 0; i < 8; i++) {
			char c = hex.charAt(i);
			int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10
					: (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
			if (digit < 0) {
				throw bad(hex, what);
			}
			value = (value << 4) | digit;
		}
		return value;
	}

	/** Adds {@code length} bytes of {@code bytes}, from index {@code from}, leaving its position as it was. */
	public static void update(Checksum checksum, ByteBuffer bytes, int from, int length) {
		if (length > 0) {
			checksum.update(bytes.duplicate().limit(from + length).position(from));
		}
	}

	private static ProtocolException bad(String hex, String what) {
		return new ProtocolException(ReplyCode.BAD_ARGUMENTS,
				"bad " + what + " '" + Lines.printable(hex) + "': expected 8 hexadecimal digits");
	}

}
