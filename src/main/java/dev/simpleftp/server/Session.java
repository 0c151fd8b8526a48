package dev.simpleftp.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.simpleftp.protocol.LineTooLongException;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection: greets, then reads requests one at a time and hands each to its
 * {@link CommandHandler}. Replies go out in request order, so a client may pipeline requests. A
 * bad request gets an error reply and the connection goes on; an I/O error ends this connection
 * only. While it waits for a request with nothing buffered, a session may be parked: its thread is
 * released and {@link IdleConnections} runs it again when the next request arrives.
 */
final class Session implements Runnable {

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

	static final String PROTOCOL_NAME = "simple-ftp";

	static final String PROTOCOL_VERSION = "3";

	private static final Reply GREETING = Reply.of(ReplyCode.READY, "Simple FTP server ready")
		.with("protocol", PROTOCOL_NAME)
		.with("version", PROTOCOL_VERSION);

	private enum State {

		/** Waiting for a request; may be closed at once on shutdown. */
		IDLE,
		/** Handling a request. */
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

	private final String peer;

	private final ProtocolReader reader;

	private final ProtocolWriter writer;

	private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);

	private final AtomicBoolean ended = new AtomicBoolean();

	private final long opened = System.nanoTime();

	private boolean greeted;

	private boolean endRequested;

	private int badInARow;

	/** True while no thread runs this session: it waits in {@link IdleConnections}. */
	private volatile boolean parked;

	/**
	 * @param onEnd told once when the connection has ended
	 * @param parker offered the session whenever it would wait for a request; returns true if it
	 * took it, to {@link #run()} it again when a request arrives
	 */
	Session(SocketChannel channel, FileStore store, CommandHandlers handlers, Consumer<Session> onEnd,
			Predicate<Session> parker) {
		this.channel = channel;
		this.store = store;
		this.handlers = handlers;
		this.onEnd = onEnd;
		this.parker = parker;
		this.peer = describePeer(channel);
		this.reader = new ProtocolReader(channel, BUFFER_SIZE);
		this.writer = new ProtocolWriter(channel, REPLY_QUEUE_SIZE);
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
				reply(GREETING);
			}
			parkedAgain = serve(woken);
		}
		catch (AsynchronousCloseException ex) {
			log.info("{} closed by the server as it stops", this.peer);
		}
		catch (IOException ex) {
			log.info("{} connection lost: {}", this.peer, (ex.getMessage() != null) ? ex.getMessage() : ex.toString());
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
		closeChannel();
		this.onEnd.accept(this);
		log.info("{} disconnected after {} s", this.peer, Duration.ofNanos(System.nanoTime() - this.opened).toSeconds());
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
			try {
				line = this.reader.readLine();
			}
			catch (LineTooLongException ex) {
				reply(Reply.of(ex.code(), ex.getMessage() + "; closing the connection"));
				return false;
			}
			catch (ProtocolException ex) {
				line = "";
				unreadable = ex;
			}
			if (line == null || !this.state.compareAndSet(State.IDLE, State.BUSY)) {
				return false;
			}
			boolean wellFormed = (unreadable == null) ? handle(line) : refuse(unreadable);
			this.badInARow = wellFormed ? 0 : this.badInARow + 1;
			if (this.badInARow >= MAX_BAD_IN_A_ROW) {
				log.warn("{} sent {} bad requests in a row; disconnecting", this.peer, this.badInARow);
				reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "too many bad requests in a row; closing the connection"));
				return false;
			}
			if (!this.state.compareAndSet(State.BUSY, State.IDLE)) {
				reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "server shutting down"));
				return false;
			}
		}
		return false;
	}

	/** Offers this idle session to be parked; true if it was, and this thread must let go of it. */
	private boolean park() {
		if (this.state.get() != State.IDLE || !this.channel.isOpen()) {
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
			this.handlers.find(request.verb()).handle(request, this);
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

	void reply(Reply reply) throws IOException {
		this.writer.send(reply);
	}

	/** Ends the connection once the current request has been answered. */
	void endAfterThisRequest() {
		this.endRequested = true;
	}

	ProtocolReader reader() {
		return this.reader;
	}

	ProtocolWriter writer() {
		return this.writer;
	}

	SocketChannel channel() {
		return this.channel;
	}

	FileStore store() {
		return this.store;
	}

	String peer() {
		return this.peer;
	}

	/**
	 * The server is stopping: a session waiting for a request is told so and closed now; one
	 * handling a request finishes it first.
	 */
	void shutdown() {
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
	void abort() {
		this.state.set(State.CLOSED);
		closeChannel();
		endIfParked();
	}

	/**
	 * Tells a session woken from parking that no thread can serve it now: it gets {@code 421} and
	 * is closed.
	 */
	void turnAway(String why) {
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

	private void closeChannel() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			log.debug("{} close failed: {}", this.peer, ex.getMessage());
		}
	}

	static String describePeer(SocketChannel channel) {
		try {
			InetSocketAddress address = (InetSocketAddress) channel.getRemoteAddress();
			return (address != null) ? address.getHostString() + ":" + address.getPort() : "unknown peer";
		}
		catch (IOException ex) {
			return "unknown peer";
		}
	}

}
