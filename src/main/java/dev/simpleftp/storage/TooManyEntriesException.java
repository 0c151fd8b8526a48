package dev.simpleftp.storage;

import java.io.IOException;

/** A directory holds more entries than a listing may take: none is built. */
public final class TooManyEntriesException extends IOException {

	public TooManyEntriesException(int limit) {
		super("the directory holds more than " + limit + " entries");
	}

}
