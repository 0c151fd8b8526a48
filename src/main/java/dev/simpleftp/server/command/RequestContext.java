package dev.simpleftp.server.command;

import java.io.IOException;
import java.net.InetAddress;

import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.transport.Tls;

/**
 * What a {@link CommandHandler} may see and do of the connection whose request it serves: the one
 * seam between a handler and the session, so that a handler never holds the session itself and can
 * be tried against an in-memory fake.
 */
public interface RequestContext {

	/**
	 * Sends a reply to the current request, after dropping what is left of its body: a peer reads a
	 * refusal only after the bytes it sent, and none of them is ever read as a request.
	 */
	void reply(Reply reply) throws IOException;

	/** Where a transfer's {@code 150} and its body go out; replies go through {@link #reply}. */
	ProtocolWriter writer();

	/**
	 * The body of the current request, announced with {@code body=follows}, or {@code null}. Its
	 * handler reads it; whatever the handler leaves is dropped before the request's reply.
	 */
	IncomingBody body();

	/**
	 * Expects the body a handler has just asked for with {@code 150}: from here until the request
	 * ends, it is dropped before any further reply if the handler does not read it.
	 */
	IncomingBody expectBody(long length, boolean trailer);

	/** Ends the connection once the current request has been answered. */
	void endAfterThisRequest();

	/** The files this request works on: its account's directory, if it has one, or the server's. */
	FileStore store();

	/** The account logged in as, or {@code null}: not yet, or a server without accounts. */
	Account account();

	/** From now on the connection works as {@code account}, in its own directory if it has one. */
	void loggedIn(Account account);

	/** The peer as the logs name it. */
	String peer();

	/** The peer's address, or {@code null} if it was gone before it could be asked. */
	InetAddress address();

	/** Logs a refusal of this peer through the server's rate-limited refusal log. */
	void refused(String kind, String message);

	/**
	 * Counts as bytes moving for the stall timeout, and starts the minimum rate's count again: for
	 * long work on the server's side, such as hashing a file.
	 */
	void stillWorking();

	/**
	 * Whether the peer has closed the connection (or its sending side), seen without waiting: for
	 * long work on the server's side to stop when nobody waits for it. What has arrived meanwhile
	 * stays buffered for the next request.
	 */
	boolean peerGone();

	/** Whether the connection is still open (the server closes it when it stops or cuts it off). */
	boolean isOpen();

	/** Whether the connection runs over TLS: files then go through a buffer, not sendfile. */
	boolean isEncrypted();

	/** Whether bytes the peer sent after the current request are already waiting to be read. */
	boolean hasBufferedInput();

	/** Runs the TLS handshake over the connection; from then on it reads and writes through TLS. */
	void encrypt(Tls tls) throws IOException;

	/** The greeting as the connection stands now (TLS on or not, a login required or not). */
	Reply greeting();

	/** What the connection holds of the server's limits besides itself, given back when it ends. */
	Slots slots();

}
