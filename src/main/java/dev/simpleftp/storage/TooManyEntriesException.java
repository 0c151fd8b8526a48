package dev.simpleftp.storage;

import java.io.IOException;

/** A directory holds more entries than a listing may take: none is built. */
public final class TooManyEntriesException extends IOException {

	private final int limit;

	public TooManyEntriesException(int limit) {
		super("the directory holds more than " + limit + " entries");
		this.limit = limit;
	}

	/** The most entries a listing may take. */
	public int limit() {
		return this.limit;
	}

}
