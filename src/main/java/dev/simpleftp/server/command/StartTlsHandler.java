package dev.simpleftp.server.command;

import java.io.IOException;

import dev.simpleftp.protocol.Request;
import dev.simpleftp.server.session.Session;

/** {@code STARTTLS}: TLS from here on (see {@link Session#startTls()}). */
final class StartTlsHandler implements CommandHandler {

	@Override
	public void handle(Request request, Session session) throws IOException {
		request.expectArguments(0, "STARTTLS");
		session.startTls();
	}

}
