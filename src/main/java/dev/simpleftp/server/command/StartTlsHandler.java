package dev.simpleftp.server.command;

import java.io.IOException;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.transport.Tls;

/**
 * {@code STARTTLS}: answers {@code 234}, runs the TLS handshake over the connection, and from then
 * on the connection reads and writes through TLS, starting with the greeting again (which a client
 * must trust rather than the one before TLS, which anyone on the way could have changed). Refused
 * if TLS is not offered, is already on, or the client sent more after {@code STARTTLS} without
 * waiting (bytes that would be read as plain text).
 */
final class StartTlsHandler implements CommandHandler {

	/** TLS as this server offers it, or {@code null}: then it is not offered. */
	private final Tls tls;

	StartTlsHandler(Tls tls) {
		this.tls = tls;
	}

	@Override
	public void handle(Request request, RequestContext context) throws IOException {
		request.expectArguments(0, Verb.STARTTLS.word());
		if (this.tls == null) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "this server does not offer TLS");
		}
		if (context.isEncrypted()) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "TLS is already on");
		}
		if (context.hasBufferedInput()) {
			context.endAfterThisRequest();
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
					"bytes came after STARTTLS before its reply; closing the connection");
		}
		context.reply(Reply.of(ReplyCode.TLS_GO_AHEAD, "start TLS now"));
		try {
			context.encrypt(this.tls);
		}
		catch (IOException ex) {
			context.refused("TLS handshake failed", "TLS handshake failed: " + ex.getMessage());
			throw ex;
		}
		context.reply(context.greeting());
	}

}
