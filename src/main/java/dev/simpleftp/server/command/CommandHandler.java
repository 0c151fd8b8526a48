package dev.simpleftp.server.command;

import java.io.IOException;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Request;

/**
 * Serves one verb of docs/PROTOCOL.md. A handler answers every request with at least one reply. It
 * throws {@link ProtocolException} only before anything was sent for the request, and any other
 * {@link IOException} only when the connection can no longer be used.
 */
public interface CommandHandler {

	void handle(Request request, RequestContext context) throws IOException;

}
