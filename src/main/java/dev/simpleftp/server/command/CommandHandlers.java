package dev.simpleftp.server.command;

import java.util.Map;
import java.util.TreeMap;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.transport.Tls;

/** The verbs a server understands, each with its handler. */
public final class CommandHandlers {

	private final Map<String, CommandHandler> byVerb;

	private final String knownVerbs;

	private CommandHandlers(Map<String, CommandHandler> byVerb) {
		this.byVerb = Map.copyOf(byVerb);
		this.knownVerbs = String.join(", ", new TreeMap<>(byVerb).keySet());
	}

	/**
	 * The verbs of protocol version 4.
	 * @param buffers the large buffers that bodies move through
	 * @param zeroCopy whether GET sends files with sendfile rather than through a buffer
	 * @param limits what a PUT may declare
	 * @param listing what a LIST may cost
	 * @param maxConcurrentHashes HASH requests worked on at once
	 * @param accounts the accounts LOGIN checks
	 * @param tls TLS as STARTTLS offers it, or {@code null}: then it is not offered
	 */
	public static CommandHandlers standard(TransferBuffers buffers, boolean zeroCopy, UploadLimits limits,
			ListingSettings listing, int maxConcurrentHashes, Accounts accounts, Tls tls) {
		Map<String, CommandHandler> handlers = new TreeMap<>();
		handlers.put(Verb.GET.word(), new GetHandler(buffers, zeroCopy));
		handlers.put(Verb.PUT.word(), new PutHandler(buffers, limits));
		handlers.put(Verb.HASH.word(), new HashHandler(maxConcurrentHashes));
		handlers.put(Verb.LIST.word(), new ListHandler(buffers, listing));
		handlers.put(Verb.LOGIN.word(), new LoginHandler(accounts));
		handlers.put(Verb.NOOP.word(), new NoopHandler());
		handlers.put(Verb.PARTIAL.word(), new PartialHandler());
		handlers.put(Verb.QUIT.word(), new QuitHandler());
		handlers.put(Verb.STARTTLS.word(), new StartTlsHandler(tls));
		return new CommandHandlers(handlers);
	}

	public CommandHandler find(String verb) throws ProtocolException {
		CommandHandler handler = this.byVerb.get(verb);
		if (handler == null) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR,
					"unknown command '" + verb + "': known commands are " + this.knownVerbs);
		}
		return handler;
	}

}
