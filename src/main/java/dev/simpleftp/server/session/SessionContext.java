package dev.simpleftp.server.session;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Function;

import javax.net.ssl.SSLSession;

import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.command.RequestContext;
import dev.simpleftp.server.command.Slots;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.transport.Connection;
import dev.simpleftp.transport.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a handler sees of one session ({@link RequestContext}): the connection, the account logged
 * in as and its files, the current request's body, and the session's gate and clock. The state a
 * request leaves for the session (the account, an end asked for) is kept here.
 */
final class SessionContext implements RequestContext {

	private static final Logger log = LoggerFactory.getLogger(Session.class);

	private final Connection connection;

	private final FileStore store;

	/** The store of an account's own directory. */
	private final Function<Account, FileStore> accountStores;

	private final RefusalLog refusals;

	private final String peer;

	private final InetAddress address;

	private final Gate gate;

	private final Watch watch;

	private final BodySettler bodies;

	/** What the session holds of the server's limits besides its connection. */
	private final Slots slots = new Slots();

	/** The account logged in as, or {@code null}. */
	private volatile Account account;

	/** The logged-in account's store, if it has a directory of its own; else {@code null}. */
	private FileStore accountStore;

	private boolean endRequested;

	SessionContext(Connection connection, Session.Shared shared, String peer, InetAddress address, Gate gate, Watch watch) {
		this.connection = connection;
		this.store = shared.store();
		this.accountStores = shared.accountStores();
		this.refusals = shared.refusals();
		this.peer = peer;
		this.address = address;
		this.gate = gate;
		this.watch = watch;
		this.bodies = new BodySettler(this.refusals, peer, () -> this.endRequested, this::endAfterThisRequest);
	}

	@Override
	public void reply(Reply reply) throws IOException {
		String closing = this.bodies.settle();
		this.connection.writer().send((closing == null) ? reply
				: new Reply(reply.code(), reply.parameters(), reply.text() + closing));
	}

	@Override
	public ProtocolWriter writer() {
		return this.connection.writer();
	}

	@Override
	public IncomingBody body() {
		return this.bodies.body();
	}

	@Override
	public IncomingBody expectBody(long length, boolean trailer) {
		return this.bodies.expect(new IncomingBody(this.connection.reader(), length, trailer));
	}

	/** The body a request line announced, or {@code null}; and {@code null} again once it is handled. */
	void requestBody(IncomingBody body) {
		this.bodies.expect(body);
	}

	/** See {@link BodySettler#settle()}. */
	String settleBody() throws IOException {
		return this.bodies.settle();
	}

	@Override
	public void endAfterThisRequest() {
		this.endRequested = true;
	}

	boolean endRequested() {
		return this.endRequested;
	}

	@Override
	public FileStore store() {
		FileStore own = this.accountStore;
		return (own != null) ? own : this.store;
	}

	@Override
	public Account account() {
		return this.account;
	}

	@Override
	public void loggedIn(Account logged) {
		this.accountStore = (logged.directory() != null) ? this.accountStores.apply(logged) : null;
		this.account = logged;
		this.gate.admitIfDone(this.connection.isEncrypted(), logged);
	}

	@Override
	public String peer() {
		return this.peer;
	}

	@Override
	public InetAddress address() {
		return this.address;
	}

	RefusalLog refusals() {
		return this.refusals;
	}

	@Override
	public void refused(String kind, String message) {
		this.refusals.refused(kind, this.peer, message);
	}

	@Override
	public void stillWorking() {
		this.watch.stillWorking();
	}

	@Override
	public boolean peerGone() {
		return this.connection.peerGone();
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public boolean isEncrypted() {
		return this.connection.isEncrypted();
	}

	@Override
	public boolean hasBufferedInput() {
		return this.connection.reader().hasBuffered();
	}

	@Override
	public void encrypt(Tls tls) throws IOException {
		SSLSession session = this.connection.startTls(tls);
		log.info("{} TLS on: {} {}", this.peer, session.getProtocol(), session.getCipherSuite());
		this.gate.admitIfDone(true, this.account);
	}

	@Override
	public Reply greeting() {
		return this.gate.greeting(this.connection.isEncrypted());
	}

	/** Why {@code verb} may not be run now, or {@code null} if it may (see {@link Gate#refusal}). */
	Reply refusal(String verb) {
		return this.gate.refusal(verb, this.connection.isEncrypted(), this.account);
	}

	@Override
	public Slots slots() {
		return this.slots;
	}

}
