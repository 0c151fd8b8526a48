package dev.simpleftp.storage;

import java.nio.charset.StandardCharsets;

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
		if (value.codePoints().anyMatch(Character::isISOControl)) {
			return "a file name cannot contain control characters";
		}
		if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
			return "a file name must be valid Unicode (it has an unpaired surrogate)";
		}
		if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			return "a file name can be at most " + MAX_BYTES + " bytes of UTF-8";
		}
		if (value.startsWith(TemporaryFiles.PREFIX)) {
			return "names starting with '" + TemporaryFiles.PREFIX + "' are reserved for transfers in progress";
		}
		return null;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
