package dev.simpleftp.storage;

/** A name broke the rules of {@link FileName}; the message says which rule. */
public class InvalidFileNameException extends IllegalArgumentException {

	private final String reason;

	public InvalidFileNameException(String name, String reason) {
		super("bad file name '" + printable(name) + "': " + reason);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

	private static String printable(String name) {
		StringBuilder out = new StringBuilder();
		name.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return (name.codePointCount(0, name.length()) > 80) ? out + "..." : out.toString();
	}

}
