package dev.simpleftp.client.shell;

import java.io.IOException;

import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.LocalFileException;
import dev.simpleftp.client.ServerRefusedException;
import dev.simpleftp.client.TransferInterruptedException;
import dev.simpleftp.protocol.ReplyCode;

/** What a failure tells the user: the exception's message, and what to do next where there is an answer. */
final class FailureMessages {

	private static final String NO_SUCH_FILE = "no such file: ";

	private FailureMessages() {
	}

	/** A file's failure, saying what to do next where there is an answer. */
	static String withNextStep(IOException cause) {
		String message = cause.getMessage();
		if (cause instanceof ServerRefusedException refused && refused.reply().is(ReplyCode.FILE_UNAVAILABLE)
				&& message.startsWith(NO_SUCH_FILE)) {
			return "no such file on the server: " + message.substring(NO_SUCH_FILE.length()) + " (use ls to list its files)";
		}
		if (cause instanceof LocalFileException && message.startsWith("no such local file")) {
			return message + " (use lls to list it)";
		}
		return message;
	}

	static String failureMessage(IOException ex) {
		if (ex instanceof TransferInterruptedException) {
			return "interrupted";
		}
		if (ex instanceof ServerRefusedException refused && refused.closedConnection()) {
			return ex.getMessage() + "; connection closed, use open to reconnect";
		}
		if (ex instanceof ConnectionLostException) {
			return ex.getMessage() + "; use open to reconnect";
		}
		return ex.getMessage();
	}

}
