package dev.simpleftp.client;

import java.io.IOException;

/**
 * A download whose bytes, as written, do not have the checksum the server sent: the file was not
 * saved, and the connection is still in step.
 */
public class ChecksumMismatchException extends IOException {

	public ChecksumMismatchException(String message) {
		super(message);
	}

}
