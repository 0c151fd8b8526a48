package dev.simpleftp.server.command;

import java.io.IOException;
import java.util.List;

import dev.simpleftp.protocol.Request;
import dev.simpleftp.server.session.Session;

/** {@code LOGIN <user> <password>}: see {@link Session#logIn}. */
final class LoginHandler implements CommandHandler {

	@Override
	public void handle(Request request, Session session) throws IOException {
		List<String> arguments = request.expectArguments(2, "LOGIN <user> <password>");
		session.logIn(arguments.get(0), arguments.get(1));
	}

}
