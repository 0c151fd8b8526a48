package dev.simpleftp.server;

import java.util.Map;
import java.util.TreeMap;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ReplyCode;

/** The verbs a server understands, each with its handler. */
final class CommandHandlers {

	private final Map<String, CommandHandler> byVerb;

	private final String knownVerbs;

	private CommandHandlers(Map<String, CommandHandler> byVerb) {
		this.byVerb = Map.copyOf(byVerb);
		this.knownVerbs = String.join(", ", new TreeMap<>(byVerb).keySet());
	}

	/** The verbs of protocol version 1. */
	static CommandHandlers standard() {
		Map<String, CommandHandler> handlers = new TreeMap<>();
		handlers.put("GET", new GetHandler());
		handlers.put("PUT", new PutHandler());
		handlers.put("NOOP", new NoopHandler());
		handlers.put("QUIT", new QuitHandler());
		return new CommandHandlers(handlers);
	}

	CommandHandler find(String verb) throws ProtocolException {
		CommandHandler handler = this.byVerb.get(verb);
		if (handler == null) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR,
					"unknown command '" + verb + "': known commands are " + this.knownVerbs);
		}
		return handler;
	}

}
