package dev.simpleftp.client;

import java.io.IOException;

/** The connection failed or the server stopped making sense; it has been closed. */
public class ConnectionLostException extends IOException {

	public ConnectionLostException(String message, Throwable cause) {
		super(message, cause);
	}

}
