package dev.simpleftp.protocol;

import java.io.IOException;

/**
 * A peer broke the wire format (docs/PROTOCOL.md). On the server it becomes an error reply with
 * {@link #code()}; on the client it ends the connection, since the server can no longer be
 * trusted to be in step.
 */
public class ProtocolException extends IOException {

	private final ReplyCode code;

	public ProtocolException(ReplyCode code, String message) {
		super(message);
		this.code = code;
	}

	/** The code a server answers this violation with. */
	public ReplyCode code() {
		return this.code;
	}

}
