package dev.simpleftp.client;

import java.io.IOException;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;

/**
 * The server answered a request with an error reply. The connection is still usable unless the
 * reply was {@link ReplyCode#SERVICE_UNAVAILABLE}, after which the server closes it.
 */
public class ServerRefusedException extends IOException {

	private final Reply reply;

	public ServerRefusedException(Reply reply) {
		super(reply.text().isEmpty() ? "server replied " + reply.code() : reply.text());
		this.reply = reply;
	}

	public Reply reply() {
		return this.reply;
	}

	public boolean closedConnection() {
		return this.reply.is(ReplyCode.SERVICE_UNAVAILABLE);
	}

}
