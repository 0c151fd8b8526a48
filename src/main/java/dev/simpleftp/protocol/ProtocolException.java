package dev.simpleftp.protocol;

import java.io.IOException;

/**
 * A peer broke the wire format (docs/PROTOCOL.md). On the server it becomes an error reply with
 * {@link #code()}; on the client it ends the connection, since the server can no longer be
 * trusted to be in step.
 */
public class ProtocolException extends IOException {

	private final ReplyCode code;

	/**
	 * @param message the reply's text; one that starts with a {@code key=value} word (which a reply's
	 * text cannot, or it would read as a parameter) gets {@code "error: "} in front
	 */
	public ProtocolException(ReplyCode code, String message) {
		super(Reply.asText(message));
		this.code = code;
	}

	/** The code a server answers this violation with. */
	public ReplyCode code() {
		return this.code;
	}

}
