package dev.simpleftp.client;

import java.io.IOException;

/** A download that cannot go on: the body still on its way cannot be read, so the connection ends. */
final class DownloadStoppedException extends IOException {

	DownloadStoppedException(String message, Throwable cause) {
		super(message, cause);
	}

}
