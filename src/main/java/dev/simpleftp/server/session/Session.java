package dev.simpleftp.server.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.net.ssl.SSLSocket;

import dev.simpleftp.protocol.BodyFraming;
import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.LineTooLongException;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.UnreadableLineException;
import dev.simpleftp.server.RateWatch;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.CommandHandler;
import dev.simpleftp.server.command.CommandHandlers;
import dev.simpleftp.server.command.RequestContext;
import dev.simpleftp.server.command.Slots;
import dev.simpleftp.server.command.TransferBuffers;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.transport.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection: greets, then reads requests one at a time and hands each to its
 * {@link CommandHandler}. Replies go out in request order, so a client may pipeline requests. A
 * bad request gets an error reply and the connection goes on; an I/O error ends this connection
 * only. While it waits for a request with nothing buffered, a session may be parked: its thread is
 * released and {@link IdleConnections} runs it again when the next request arrives. A
 * {@link ConnectionWatchdog} calls {@link #watch} now and then: a session waiting too long for a
 * request is told why and closed, and one whose request moves no bytes for too long is cut off.
 */
public final class Session implements Runnable, RequestContext {

	private static final Logger log = LoggerFactory.getLogger(Session.class);

	/**
	 * Bytes buffered per connection for request lines (and pipelined bodies read with them); kept
	 * small since an idle connection holds it. Bodies mostly move through {@link TransferBuffers}.
	 */
	private static final int BUFFER_SIZE = 8 * 1024;

	/** Bytes of replies held to go out in one write: the {@code 150} before a body, mostly. */
	private static final int REPLY_QUEUE_SIZE = 1024;

	/** Bad requests in a row after which a peer is taken to be speaking something else. */
	private static final int MAX_BAD_IN_A_ROW = 10;

	/** How long, and for how many bytes, a connection the server ends keeps reading before it closes. */
	private static final long LINGER_NANOS = Duration.ofMillis(200).toNanos();

	private static final long LINGER_MAX_BYTES = 1024 * 1024;

	/**
	 * The longest body left unread by a refused request that is read and dropped to keep the
	 * connection; a longer one costs more than a new connection, so the connection is closed instead.
	 */
	public static final long SKIP_AT_MOST = 64 * 1024 * 1024;

	private static final int SKIP_BUFFER_SIZE = 64 * 1024;

	/** How long a session told it has timed out may take to say so and close before it is closed outright. */
	private static final long CLOSE_GRACE_NANOS = Duration.ofSeconds(2).toNanos();

	/**
	 * How long after it was cut off a session's thread may take to end it before the watchdog gives
	 * its slots back without it: a thread stuck where closing the socket cannot reach it (opening a
	 * FIFO, a hung disk) must not hold a connection's place until the server restarts.
	 */
	private static final long ABANDON_NANOS = 2 * CLOSE_GRACE_NANOS;

	static final String PROTOCOL_NAME = "simple-ftp";

	static final String PROTOCOL_VERSION = "4";

	/** The verbs a connection may send before TLS, where the server requires it. */
	private static final Set<String> BEFORE_TLS = Set.of("STARTTLS", "NOOP", "QUIT");

	/** The verbs a connection may send before it has logged in, where the server requires it. */
	private static final Set<String> BEFORE_LOGIN = Set.of("LOGIN", "STARTTLS", "NOOP", "QUIT");

	private enum State {

		/** Waiting for a request; may be closed at once on shutdown. */
		IDLE,
		/** Greeting the peer, or handling a request. */
		BUSY,
		/** Handling a request while the server stops: finishes it, then says so and closes. */
		FINISHING,
		/** Closed or closing. */
		CLOSED

	}

	private final SocketChannel channel;

	private final FileStore store;

	private final CommandHandlers handlers;

	private final Consumer<Session> onEnd;

	private final Predicate<Session> parker;

	private final RefusalLog refusals;

	private final String peer;

	private final InetAddress address;

	/** TLS as this server offers it, or {@code null}: then it is not offered. */
	private final Tls tls;

	private final Accounts accounts;

	/** The store of an account's own directory. */
	private final Function<Account, FileStore> accountStores;

	/** The account logged in as, or {@code null}. */
	private volatile Account account;

	/** The logged-in account's store, if it has a directory of its own; else {@code null}. */
	private FileStore accountStore;

	/** The TLS socket once {@code STARTTLS} has succeeded. */
	private SSLSocket encrypted;

	private ProtocolReader reader;

	private ProtocolWriter writer;

	/** The body of the request being handled, announced by its line or by a {@code 150}; or {@code null}. */
	private IncomingBody body;

	/** Busy at first: the greeting is written by the session's thread, and nothing may write alongside it. */
	private final AtomicReference<State> state = new AtomicReference<>(State.BUSY);

	private final AtomicBoolean ended = new AtomicBoolean();

	private final long opened = System.nanoTime();

	/** When bytes last moved either way on the connection. */
	private volatile long lastMoved = this.opened;

	/** When the session last began to wait for a request. */
	private volatile long waitingSince = this.opened;

	/** Whether a complete request line has come yet. */
	private volatile boolean requested;

	/** Why the server cut the connection off (a timeout), or {@code null}. */
	private volatile String cutOff;

	private volatile long cutOffAt;

	private boolean greeted;

	private boolean endRequested;

	private int badInARow;

	/** True while no thread runs this session: it waits in {@link IdleConnections}. */
	private volatile boolean parked;

	/**
	 * Whether the session has done what the server requires before anything else: TLS where it
	 * requires TLS, a login where it has accounts. Until then {@code ftp.server.login-timeout} runs.
	 */
	private volatile boolean admitted;

	/** What the session holds of the server's limits besides its connection. */
	private final Slots slots = new Slots();

	/** Its place among the connections not yet admitted, or {@code null}; given back on admission. */
	private volatile Slots.Slot unadmitted;

	private final RateWatch rate = new RateWatch();

	/**
	 * @param onEnd told once when the connection has ended
	 * @param parker offered the session whenever it would wait for a request; returns true if it
	 * took it, to {@link #run()} it again when a request arrives
	 */
	public Session(SocketChannel channel, Shared shared, Consumer<Session> onEnd, Predicate<Session> parker) {
		this.channel = channel;
		this.store = shared.store();
		this.handlers = shared.handlers();
		this.onEnd = onEnd;
		this.parker = parker;
		this.refusals = shared.refusals();
		this.tls = shared.tls();
		this.accounts = shared.accounts();
		this.accountStores = shared.accountStores();
		this.peer = describePeer(channel);
		this.address = remoteAddress(channel);
		this.reader = new ProtocolReader(channel, BUFFER_SIZE, this::moved);
		this.writer = new ProtocolWriter(channel, REPLY_QUEUE_SIZE, this::moved);
		this.admitted = !mustBeAdmitted();
	}

	private void moved(long bytes) {
		this.lastMoved = System.nanoTime();
		this.rate.moved(bytes);
	}

	/** Whether the server requires TLS or a login before anything else. */
	public boolean mustBeAdmitted() {
		return this.tls != null || this.accounts.required();
	}

	/** Counts the session among those not yet admitted until it is: {@code slot} is given back then, or at its end. */
	public void holdUntilAdmitted(Slots.Slot slot) {
		this.unadmitted = slot;
	}

	/** After a login or {@code STARTTLS}: admitted if that was all the server requires. */
	private void admitIfDone() {
		boolean done = (this.tls == null || this.encrypted != null) && (!this.accounts.required() || this.account != null);
		if (done && !this.admitted) {
			this.admitted = true;
			Slots.Slot slot = this.unadmitted;
			if (slot != null) {
				slot.close();
			}
		}
	}

	/** Serves the connection until it ends or is parked; runs again each time it is woken. */
	@Override
	public void run() {
		boolean woken = this.parked;
		this.parked = false;
		boolean parkedAgain = false;
		try {
			if (!this.greeted) {
				this.greeted = true;
				log.info("{} connected", this.peer);
				reply(greeting());
				if (!becomeIdle()) {
					return;
				}
			}
			parkedAgain = serve(woken);
		}
		catch (ClosedChannelException ex) {
			// Only the server closes a session's channel: it stops, or a timeout cut the session off.
			if (this.cutOff == null) {
				log.info("{} closed by the server as it stops", this.peer);
			}
		}
		catch (IOException ex) {
			if (this.cutOff != null) {
				sayCutOff();
			}
			else {
				log.info("{} connection lost: {}", this.peer, (ex.getMessage() != null) ? ex.getMessage() : ex.toString());
			}
		}
		finally {
			if (!parkedAgain) {
				end();
			}
		}
	}

	/** Closes the connection and reports the end, once whoever gets here first. */
	private void end() {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		this.state.set(State.CLOSED);
		if (this.endRequested) {
			lingerThenClose();
		}
		else {
			closeChannel();
		}
		giveBack();
		log.info("{} disconnected after {} s", this.peer, Duration.ofNanos(System.nanoTime() - this.opened).toSeconds());
	}

	/**
	 * Ends a session whose thread has not ended it well after it was cut off: its channel is closed
	 * already, and its slots are given back here, once; the thread, if it ever returns, finds the
	 * session ended.
	 */
	private void abandon(long now) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		this.state.set(State.CLOSED);
		closeChannel();
		giveBack();
		log.warn("{} its thread had not returned {} s after the connection was cut off; the connection's place is"
				+ " given back without it", this.peer, Duration.ofNanos(now - this.cutOffAt).toSeconds());
	}

	/** The connection no longer counts toward any limit. */
	private void giveBack() {
		this.onEnd.accept(this);
		this.slots.giveBackAll();
	}

	/**
	 * Serves requests; returns true if the session was parked to wait for the next one.
	 * @param woken true if the channel has just become readable, so the next read will not wait
	 */
	private boolean serve(boolean woken) throws IOException {
		boolean readable = woken;
		while (!this.endRequested) {
			if (!readable && !this.reader.hasBuffered() && park()) {
				return true;
			}
			readable = false;
			String line;
			ProtocolException unreadable = null;
			BodyFraming framing;
			try {
				line = this.reader.readLine();
				framing = (line != null) ? BodyFraming.of(line) : null;
			}
			catch (LineTooLongException ex) {
				this.refusals.refused("line too long", this.peer, "sent a line over " + ProtocolReader.MAX_LINE_BYTES
						+ " bytes; disconnecting");
				reply(Reply.of(ex.code(), ex.getMessage() + "; closing the connection"));
				return false;
			}
			catch (UnreadableLineException ex) {
				line = "";
				unreadable = ex;
				framing = BodyFraming.ofUnreadable(ex.lenient());
			}
			if (line != null) {
				this.requested = true;
				this.lastMoved = System.nanoTime();
			}
			if (line == null || !this.state.compareAndSet(State.IDLE, State.BUSY)) {
				sayCutOff();
				return false;
			}
			if (framing.kind() == BodyFraming.Kind.UNKNOWN) {
				refuseUnframed(framing);
				return false;
			}
			boolean wellFormed;
			this.body = (framing.kind() == BodyFraming.Kind.FOLLOWS)
					? new IncomingBody(this.reader, framing.size(), framing.trailer()) : null;
			try {
				wellFormed = (unreadable == null) ? handle(line) : refuse(unreadable);
				settleBody();
			}
			finally {
				this.body = null;
			}
			this.badInARow = wellFormed ? 0 : this.badInARow + 1;
			if (this.badInARow >= MAX_BAD_IN_A_ROW) {
				this.refusals.refused("bad requests", this.peer,
						"sent " + this.badInARow + " bad requests in a row; disconnecting");
				reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "too many bad requests in a row; closing the connection"));
				return false;
			}
			if (!becomeIdle()) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Waits for a request from now on, unless the server began to stop meanwhile: then says so and
	 * returns false, for the connection to end.
	 */
	private boolean becomeIdle() throws IOException {
		this.waitingSince = System.nanoTime();
		if (!this.state.compareAndSet(State.BUSY, State.IDLE)) {
			reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "server shutting down"));
			return false;
		}
		return true;
	}

	/**
	 * Enforces the timeouts, called by the watchdog now and then: a session waiting for its first
	 * request or its next one too long is told why and closed; one handling a request that has moved
	 * no bytes either way for {@code stall} is closed at once (a transfer in flight is discarded as
	 * on any cut-off). A long transfer that keeps moving is never cut off.
	 */
	void watch(long now, Timeouts timeouts) {
		if (this.cutOff != null) {
			if (now - this.cutOffAt > ABANDON_NANOS) {
				abandon(now);
			}
			else if (now - this.cutOffAt > CLOSE_GRACE_NANOS) {
				abort(); // it could not even say why: its peer reads nothing
			}
			return;
		}
		if (!this.admitted && now - this.opened > timeouts.login().toNanos()) {
			String why = (this.accounts.required() ? "not logged in" : "no TLS") + " within "
					+ Timeouts.describe(timeouts.login()) + " of connecting";
			if (this.state.compareAndSet(State.IDLE, State.CLOSED)) {
				cutOff(now, "login timeout", why);
				closeInput();
			}
			else if (this.state.get() != State.CLOSED) {
				cutOff(now, "login timeout", why);
				abort();
			}
			return;
		}
		switch (this.state.get()) {
			case IDLE -> {
				this.rate.idle();
				boolean first = !this.requested;
				Duration limit = first ? timeouts.firstRequest() : timeouts.idle();
				if (now - this.waitingSince > limit.toNanos() && this.state.compareAndSet(State.IDLE, State.CLOSED)) {
					String why = first ? "no complete request within " + Timeouts.describe(limit) + " of connecting"
							: "idle for " + Timeouts.describe(limit);
					cutOff(now, first ? "first-request timeout" : "idle timeout", why);
					closeInput();
				}
			}
			case BUSY, FINISHING -> {
				if (now - this.lastMoved > timeouts.stall().toNanos()) {
					cutOff(now, "stall timeout", "stalled: no bytes moved for " + Timeouts.describe(timeouts.stall())
							+ " in the middle of a request");
					abort();
				}
				else {
					String slow = this.rate.tooSlow(now, timeouts);
					if (slow != null) {
						cutOff(now, "too slow", slow);
						abort();
					}
				}
			}
			default -> {
			}
		}
	}

	private void cutOff(long now, String kind, String why) {
		this.cutOffAt = now;
		this.cutOff = why;
		this.refusals.refused(kind, this.peer, "closed: " + why);
	}

	/**
	 * Ends the input so that the session's read (or, parked, its selector) sees the end of the
	 * stream at once; the session then says why and closes.
	 */
	private void closeInput() {
		try {
			this.channel.shutdownInput();
		}
		catch (IOException ex) {
			abort();
		}
	}

	/** Tells the peer why the server cut it off, if it did. */
	private void sayCutOff() {
		String why = this.cutOff;
		if (why == null) {
			return;
		}
		try {
			reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, why + "; closing the connection"));
		}
		catch (IOException ex) {
			log.debug("{} could not be told why it was cut off: {}", this.peer, ex.getMessage());
		}
	}

	/** Offers this idle session to be parked; true if it was, and this thread must let go of it. */
	private boolean park() {
		// A TLS socket may hold decrypted bytes that the channel's selector cannot see: keep the thread.
		if (this.state.get() != State.IDLE || !this.channel.isOpen() || this.encrypted != null) {
			return false;
		}
		this.parked = true;
		if (this.parker.test(this)) {
			return true;
		}
		this.parked = false;
		return false;
	}

	/** Handles one request line; returns false if it was refused as malformed. */
	private boolean handle(String line) throws IOException {
		Request request = null;
		try {
			request = Request.parse(line);
			CommandHandler handler = this.handlers.find(request.verb());
			Reply refusal = refusal(request.verb());
			if (refusal != null) {
				reply(refusal);
				return true;
			}
			handler.handle(request, this);
			return true;
		}
		catch (ProtocolException ex) {
			return refuse(ex);
		}
		catch (RuntimeException ex) {
			log.error("{} request '{}' failed", this.peer, (request != null) ? request : "(not parsed)", ex);
			reply(Reply.of(ReplyCode.LOCAL_ERROR, "internal server error; the request had no effect"));
			return true;
		}
	}

	private boolean refuse(ProtocolException ex) throws IOException {
		reply(Reply.of(ex.code(), ex.getMessage()));
		return false;
	}

	/**
	 * A request that may carry a body whose end cannot be found: its bytes could be read as requests,
	 * so the connection ends after saying why.
	 */
	private void refuseUnframed(BodyFraming framing) throws IOException {
		endAfterThisRequest();
		this.refusals.refused("unframed body", this.peer, "sent a request whose body cannot be found ("
				+ framing.problem() + "); disconnecting");
		reply(Reply.of(framing.code(), framing.problem()
				+ "; closing the connection, since the body that follows cannot be skipped"));
	}

	/**
	 * The body of the current request, announced with {@code body=follows}, or {@code null}. Its
	 * handler reads it; whatever the handler leaves is dropped before the request's reply.
	 */
	@Override
	public IncomingBody body() {
		return this.body;
	}

	/**
	 * Expects the body a handler has just asked for with {@code 150}: from here until the request
	 * ends, it is dropped before any further reply if the handler does not read it.
	 */
	@Override
	public IncomingBody expectBody(long length, boolean trailer) {
		this.body = new IncomingBody(this.reader, length, trailer);
		return this.body;
	}

	/**
	 * Drops what the handler left of the request's body, so that none of it is read as requests, or,
	 * if that would cost more than a new connection (or the stream lost step), ends the connection
	 * after this request.
	 * @return what to tell the peer if the connection ends for it, or {@code null}
	 */
	private String settleBody() throws IOException {
		IncomingBody pending = this.body;
		if (pending == null) {
			return null;
		}
		if (pending.outOfStep()) {
			if (!this.endRequested) {
				lostStep(); // the handler's reply says why
			}
			return null;
		}
		if (pending.finished()) {
			return null;
		}
		if (pending.remaining() > SKIP_AT_MOST) {
			endAfterThisRequest();
			this.body = null;
			this.refusals.refused("unread body", this.peer, "a refused request's body of " + pending.remaining()
					+ " bytes follows; disconnecting rather than read it");
			return "; closing the connection rather than read the " + pending.remaining() + " bytes that follow";
		}
		try {
			pending.skip(ByteBuffer.allocate(SKIP_BUFFER_SIZE));
			return null;
		}
		catch (ProtocolException ex) {
			lostStep();
			return "; " + ex.getMessage();
		}
	}

	/** The line after a body was not its CHECKSUM line: the next request cannot be found. */
	private void lostStep() {
		endAfterThisRequest();
		this.refusals.refused("lost step", this.peer, "sent something else than the CHECKSUM line after a body; disconnecting");
	}

	/** The greeting: before TLS where the server requires it, and again once TLS is on. */
	@Override
	public Reply greeting() {
		Reply greeting = Reply.of(ReplyCode.READY, "Simple FTP server ready")
			.with("protocol", PROTOCOL_NAME)
			.with("version", PROTOCOL_VERSION);
		if (this.tls != null && this.encrypted == null) {
			return greeting.with("tls", "required");
		}
		return this.accounts.required() ? greeting.with("login", "required") : greeting;
	}

	/**
	 * Why {@code verb} may not be run now, or {@code null} if it may: TLS or a login is required
	 * first, or the account's access does not allow it. The words are the same whatever the request
	 * names, so that a refusal tells nothing of the files.
	 */
	private Reply refusal(String verb) {
		if (this.tls != null && this.encrypted == null && !BEFORE_TLS.contains(verb)) {
			return Reply.of(ReplyCode.NOT_LOGGED_IN, "this server requires TLS: send STARTTLS first"
					+ " (a client of protocol version 3 or older cannot: upgrade it)");
		}
		if (!this.accounts.required()) {
			return null;
		}
		Account current = this.account;
		if (current == null) {
			return BEFORE_LOGIN.contains(verb) ? null
					: Reply.of(ReplyCode.NOT_LOGGED_IN, "log in first: LOGIN <user> <password>"
							+ " (a client of protocol version 3 or older cannot: upgrade it)");
		}
		Access access = current.access();
		boolean allowed = switch (verb) {
			case "GET", "HASH" -> access.mayRead();
			case "LIST" -> access.mayList();
			case "PUT", "PARTIAL" -> access.mayWrite();
			default -> true;
		};
		return allowed ? null : Reply.of(ReplyCode.FILE_UNAVAILABLE, "permission denied: account " + current.name()
				+ " is " + access.label() + ((access == Access.UPLOAD_ONLY) ? " (it may only upload)" : ""));
	}

	@Override
	public void loggedIn(Account logged) {
		this.accountStore = (logged.directory() != null) ? this.accountStores.apply(logged) : null;
		this.account = logged;
		admitIfDone();
	}

	@Override
	public boolean hasBufferedInput() {
		return this.reader.hasBuffered();
	}

	@Override
	public void encrypt(Tls tls) throws IOException {
		SSLSocket socket = tls.accept(this.channel.socket());
		this.encrypted = socket;
		this.reader = new ProtocolReader(Tls.input(socket), BUFFER_SIZE, this::moved);
		this.writer = new ProtocolWriter(Tls.output(socket), REPLY_QUEUE_SIZE, this::moved);
		log.info("{} TLS on: {} {}", this.peer, socket.getSession().getProtocol(), socket.getSession().getCipherSuite());
		admitIfDone();
	}

	@Override
	public void refused(String kind, String message) {
		this.refusals.refused(kind, this.peer, message);
	}

	@Override
	public boolean isOpen() {
		return this.channel.isOpen();
	}

	/** Whether the connection runs over TLS: files then go through a buffer, not sendfile. */
	@Override
	public boolean isEncrypted() {
		return this.encrypted != null;
	}

	/**
	 * Sends a reply to the current request, after dropping what is left of its body: a peer reads a
	 * refusal only after the bytes it sent, and none of them is ever read as a request.
	 */
	@Override
	public void reply(Reply reply) throws IOException {
		String closing = settleBody();
		this.writer.send((closing == null) ? reply
				: new Reply(reply.code(), reply.parameters(), reply.text() + closing));
	}

	/** Ends the connection once the current request has been answered. */
	@Override
	public void endAfterThisRequest() {
		this.endRequested = true;
	}

	@Override
	public ProtocolWriter writer() {
		return this.writer;
	}

	SocketChannel channel() {
		return this.channel;
	}

	/** The account logged in as, or {@code null}: not yet, or a server without accounts. */
	@Override
	public Account account() {
		return this.account;
	}

	/** The files this session works on: its account's directory, if it has one, or the server's. */
	@Override
	public FileStore store() {
		FileStore own = this.accountStore;
		return (own != null) ? own : this.store;
	}

	@Override
	public String peer() {
		return this.peer;
	}

	/** The peer's address, or {@code null} if it was gone before it could be asked. */
	@Override
	public InetAddress address() {
		return this.address;
	}

	/**
	 * Counts as bytes moving for the stall timeout, and starts the minimum rate's count again: for
	 * long work on the server's side, such as hashing a file.
	 */
	@Override
	public void stillWorking() {
		long now = System.nanoTime();
		this.lastMoved = now;
		this.rate.restart(now);
	}

	/** What the session holds of the server's limits besides its connection. */
	@Override
	public Slots slots() {
		return this.slots;
	}

	/**
	 * Whether the peer has closed the connection (or its sending side), seen without waiting: for
	 * long work on the server's side, such as hashing a file, to stop when nobody waits for it.
	 * What has arrived meanwhile stays buffered for the next request.
	 */
	@Override
	public boolean peerGone() {
		try {
			if (this.encrypted != null) {
				// Under TLS the bytes go through the TLS socket: a read that times out at once.
				int timeout = this.encrypted.getSoTimeout();
				this.encrypted.setSoTimeout(1);
				try {
					return this.reader.endedAhead();
				}
				finally {
					this.encrypted.setSoTimeout(timeout);
				}
			}
			this.channel.configureBlocking(false);
			try {
				return this.reader.endedAhead();
			}
			finally {
				this.channel.configureBlocking(true);
			}
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * The server is stopping: a session waiting for a request is told so and closed now; one
	 * handling a request finishes it first.
	 */
	public void shutdown() {
		while (true) {
			State current = this.state.get();
			if (current == State.IDLE && this.state.compareAndSet(State.IDLE, State.CLOSED)) {
				sayShuttingDownAndClose();
				endIfParked();
				return;
			}
			if ((current == State.BUSY && this.state.compareAndSet(State.BUSY, State.FINISHING))
					|| current == State.FINISHING || current == State.CLOSED) {
				return;
			}
		}
	}

	private void sayShuttingDownAndClose() {
		try {
			reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "server shutting down"));
		}
		catch (IOException ex) {
			log.debug("{} could not be told of the shutdown: {}", this.peer, ex.getMessage());
		}
		closeChannel();
	}

	/** Closes the connection whatever it is doing; a transfer in flight fails and is discarded. */
	public void abort() {
		this.state.set(State.CLOSED);
		closeChannel();
		endIfParked();
	}

	/**
	 * Tells a session woken from parking that no thread can serve it now: it gets {@code 421} and
	 * is closed.
	 */
	public void turnAway(String why) {
		if (this.state.compareAndSet(State.IDLE, State.CLOSED)) {
			try {
				reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, why));
			}
			catch (IOException ex) {
				log.debug("{} could not be told it was turned away: {}", this.peer, ex.getMessage());
			}
		}
		end();
	}

	/** A parked session has no thread to notice its channel closing, so it is ended here. */
	private void endIfParked() {
		if (this.parked) {
			end();
		}
	}

	/**
	 * Closes a connection the server ends after its last reply: the output first, then, for a short
	 * while, what the peer still sends is read and dropped. Closing a socket with unread bytes makes
	 * the kernel reset it, and a reset can make the peer lose that last reply, the one that says why
	 * (a refused upload whose body was already on its way, say).
	 */
	private void lingerThenClose() {
		try {
			this.channel.shutdownOutput();
			this.channel.configureBlocking(false);
			ByteBuffer drain = ByteBuffer.allocate(64 * 1024);
			long deadline = System.nanoTime() + LINGER_NANOS;
			long drained = 0;
			while (System.nanoTime() < deadline && drained < LINGER_MAX_BYTES) {
				int read = this.channel.read(drain.clear());
				if (read < 0) {
					break;
				}
				drained += read;
				if (read == 0) {
					Thread.sleep(10);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("{} closing: {}", this.peer, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		closeChannel();
	}

	private void closeChannel() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			log.debug("{} close failed: {}", this.peer, ex.getMessage());
		}
	}

	public static InetAddress remoteAddress(SocketChannel channel) {
		try {
			InetSocketAddress address = (InetSocketAddress) channel.getRemoteAddress();
			return (address != null) ? address.getAddress() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	public static String describePeer(SocketChannel channel) {
		try {
			InetSocketAddress address = (InetSocketAddress) channel.getRemoteAddress();
			return (address != null) ? address.getHostString() + ":" + address.getPort() : "unknown peer";
		}
		catch (IOException ex) {
			return "unknown peer";
		}
	}

	/** What every session of one server shares. */
	public record Shared(FileStore store, CommandHandlers handlers, RefusalLog refusals, Tls tls, Accounts accounts,
			Function<Account, FileStore> accountStores) {
	}

}
