package dev.simpleftp.server;

/** The server could not listen on its address; {@link ListenFailureAnalyzer} explains it at start-up. */
public class ListenFailedException extends IllegalStateException {

	private final String address;

	ListenFailedException(String address, Throwable cause) {
		super("cannot listen on " + address + ": " + cause.getMessage(), cause);
		this.address = address;
	}

	public String address() {
		return this.address;
	}

}
