package dev.simpleftp.storage;

/**
 * A name that is safe to use as one file directly inside a store's root (docs/PROTOCOL.md, section
 * "File names"): never empty, never {@code .} or {@code ..}, no path separators, no control
 * characters, at most 255 UTF-8 bytes, and never one of the store's own temporary names.
 */
public record FileName(String value) {

	public static final int MAX_BYTES = 255;

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
		if (value.startsWith(TemporaryFiles.PREFIX)) {
			return "names starting with '" + TemporaryFiles.PREFIX + "' are reserved for transfers in progress";
		}
		return null;
	}

	/**
	 * A name, acceptable or not, as it can be quoted in one line of a message: control characters
	 * as {@code ?}, and cut after 80 characters.
	 */
	public static String printable(String name) {
		StringBuilder out = new StringBuilder();
		name.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return (name.codePointCount(0, name.length()) > 80) ? out + "..." : out.toString();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
