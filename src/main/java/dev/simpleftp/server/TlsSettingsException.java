package dev.simpleftp.server;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;

/** The server's TLS settings cannot be used: a bundle that is not there, a file that cannot be read. */
class TlsSettingsException extends RuntimeException {

	TlsSettingsException(String message) {
		super(message);
	}

	TlsSettingsException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * What went wrong in one line: the message of the cause's last wrapper, which says what was being
	 * read, and the root cause, which says why, e.g. "Error reading certificate or key from file
	 * 'tls/server.key' (no such file)". Boot's outer messages repeat the inner ones.
	 */
	static String reason(Throwable failure) {
		Throwable wrapper = failure;
		while (wrapper.getCause() != null && wrapper.getCause().getCause() != null) {
			wrapper = wrapper.getCause();
		}
		Throwable root = wrapper.getCause();
		if (root == null) {
			return String.valueOf(wrapper.getMessage());
		}
		String why = (root instanceof FileNotFoundException || root instanceof NoSuchFileException) ? "no such file"
				: root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
		return wrapper.getMessage() + " (" + why + ")";
	}

}
