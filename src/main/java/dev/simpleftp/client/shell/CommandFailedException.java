package dev.simpleftp.client.shell;

/** A shell command could not do what was asked; the message is the one line the user sees. */
class CommandFailedException extends RuntimeException {

	CommandFailedException(String message) {
		super(message);
	}

}
