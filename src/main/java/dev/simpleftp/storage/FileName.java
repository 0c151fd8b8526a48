package dev.simpleftp.storage;

/**
 * A name that is safe to use as one file directly inside a store's root (docs/PROTOCOL.md, section
 * "File names"): never empty, never {@code .} or {@code ..}, no path separators, no control
 * characters, no bidirectional text controls nor byte-order mark (which make a name show as
 * another), at most 255 UTF-8 bytes, and never one of the store's own temporary names, in any
 * letter case (a disk that ignores case would take {@code .SimpleFTP-x} for {@code .simpleftp-x}).
 */
public record FileName(String value) {

	public static final int MAX_BYTES = 255;

	/** The start of a store's own hidden names (temporary and partial files), never a file's. */
	public static final String RESERVED_PREFIX = ".simpleftp-";

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	public FileName {
		String problem = problemWith(value);
		if (problem != null) {
			throw new InvalidFileNameException(value, problem);
		}
	}

	/** Checks {@code value} by the rules above; the same checks serve names from a server or a user. */
	public static FileName of(String value) {
		return new FileName(value);
	}

	/** True if {@link #of} would accept {@code value}. */
	public static boolean isValid(String value) {
		return problemWith(value) == null;
	}

	private static String problemWith(String value) {
		if (value.isEmpty()) {
			return "a file name cannot be empty";
		}
		if (value.equals(".") || value.equals("..")) {
			return "'.' and '..' are not file names";
		}
		if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
			return "a file name cannot contain '/' or '\\' (directories are not supported)";
		}
		int utf8Bytes = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				return "a file name cannot contain control characters";
			}
			if (isBidiControl(c)) {
				return "a file name cannot contain bidirectional text controls (U+061C, U+200E, U+200F, U+202A to U+202E,"
						+ " U+2066 to U+2069), which make a name show as another";
			}
			if (c == BYTE_ORDER_MARK) {
				return "a file name cannot contain a byte-order mark (U+FEFF)";
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				utf8Bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "a file name must be valid Unicode (it has an unpaired surrogate)";
			}
			else {
				utf8Bytes += (c < 0x80) ? 1 : (c < 0x800) ? 2 : 3;
			}
		}
		if (utf8Bytes > MAX_BYTES) {
			return "a file name can be at most " + MAX_BYTES + " bytes of UTF-8";
		}
		if (value.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
			return "names starting with '" + RESERVED_PREFIX + "', in any letter case, are reserved for transfers in progress";
		}
		return null;
	}

	/**
	 * The characters that reorder the text around them when it is shown: the Arabic letter mark,
	 * the left-to-right and right-to-left marks, embeddings, overrides and isolates. Each is
	 * invisible, so {@code "invoice\u202Efdp.exe"} would show as {@code invoiceexe.pdf}.
	 */
	static boolean isBidiControl(int c) {
		return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
	}

	/**
	 * A name, acceptable or not, as it can be quoted in one line of a message: control characters,
	 * bidirectional text controls and the byte-order mark as {@code ?}, and cut after 80 characters.
	 */
	public static String printable(String name) {
		StringBuilder out = new StringBuilder();
		name.codePoints()
			.limit(80)
			.forEach(c -> out.appendCodePoint((Character.isISOControl(c) || isBidiControl(c) || c == BYTE_ORDER_MARK) ? '?' : c));
		return (name.codePointCount(0, name.length()) > 80) ? out + "..." : out.toString();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
