package dev.simpleftp.client;

import java.io.IOException;

/** A file in the client's own directory could not be read or written; the connection is unaffected. */
public class LocalFileException extends IOException {

	public LocalFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
