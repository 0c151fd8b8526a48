package dev.simpleftp.server.command;

import java.io.IOException;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;

/** {@code QUIT}: says goodbye and ends the connection. */
final class QuitHandler implements CommandHandler {

	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		request.expectArguments(0, Verb.QUIT.word());
		session.reply(Reply.of(ReplyCode.BYE, "goodbye"));
		session.endAfterThisRequest();
	}

}
