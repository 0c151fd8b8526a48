package dev.simpleftp.server.command;

import java.io.IOException;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;

/** {@code NOOP}: proves the connection is alive. */
final class NoopHandler implements CommandHandler {

	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		request.expectArguments(0, Verb.NOOP.word());
		session.reply(Reply.of(ReplyCode.OK, "ok"));
	}

}
