package dev.simpleftp.client;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;

/**
 * How the client tells what went wrong: whether a reply can be the refusal of a request, and the
 * wording of an I/O failure or a timeout in a message.
 */
final class Failures {

	/**
	 * A reply that is not the success awaited must be a failure (4xx, 5xx) to be the answer to
	 * {@code request}; anything else (a {@code 226} where a {@code 150} is due) means the replies
	 * are out of step, and nothing more read from the stream can be trusted.
	 */
	static void requireRefusal(Reply reply, String request) throws ProtocolException {
		if (reply.code() < 400) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server answered " + request + " with '" + reply
					+ "', which is no answer to it: the replies are out of step");
		}
	}

	static Reply expect(ReplyCode code, Reply reply) throws ServerRefusedException {
		if (!reply.is(code)) {
			throw new ServerRefusedException(reply);
		}
		return reply;
	}

	static String describe(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return "no such file or directory";
		}
		String message = ex.getMessage();
		return (message != null) ? lowerCase(message) : ex.getClass().getSimpleName();
	}

	static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	static String lowerCase(String message) {
		return (message == null || message.isEmpty()) ? "unknown error"
				: Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

	private Failures() {
	}

}
