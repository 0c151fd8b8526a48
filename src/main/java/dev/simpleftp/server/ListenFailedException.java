package dev.simpleftp.server;

/** The server could not listen on its address; {@link ListenFailureAnalyzer} explains it at start-up. */
public class ListenFailedException extends IllegalStateException {

	ListenFailedException(String address, Throwable cause) {
		super("cannot listen on " + address + ": " + cause.getMessage(), cause);
	}

}
