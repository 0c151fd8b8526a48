package dev.simpleftp.storage;

/** A name broke the rules of {@link FileName}; the message says which rule. */
public class InvalidFileNameException extends IllegalArgumentException {

	private final String reason;

	public InvalidFileNameException(String name, String reason) {
		super("bad file name '" + FileName.printable(name) + "': " + reason);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
