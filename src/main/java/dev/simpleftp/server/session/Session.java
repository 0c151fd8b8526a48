package dev.simpleftp.server.session;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.CommandHandlers;
import dev.simpleftp.server.command.Slots;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.transport.Connection;
import dev.simpleftp.transport.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection: greets, then serves its {@link Requests} one at a time, each handler
 * seeing the session only as its {@link SessionContext}; an I/O error ends this connection only.
 * While it waits for a request with nothing buffered, a session may be parked: its thread is
 * released and {@link IdleConnections} runs it again when the next request arrives. Its
 * {@link Gate} says what it may send, its {@link Watch} when a timeout cuts it off, its
 * {@link Lifecycle} where it stands as the server stops.
 */
public final class Session implements Runnable {

	private static final Logger log = LoggerFactory.getLogger(Session.class);

	/** See {@link BodySettler#SKIP_AT_MOST}. */
	public static final long SKIP_AT_MOST = BodySettler.SKIP_AT_MOST;

	private final Connection connection;

	private final Consumer<Session> onEnd;

	private final Predicate<Session> parker;

	private final RefusalLog refusals;

	private final String peer;

	private final InetAddress address;

	private final Gate gate;

	private final Watch watch;

	private final SessionContext context;

	private final Requests requests;

	private final Lifecycle lifecycle = new Lifecycle();

	private boolean greeted;

	/** True while no thread runs this session: it waits in {@link IdleConnections}. */
	private volatile boolean parked;

	/**
	 * @param onEnd told once when the connection has ended
	 * @param parker offered the session whenever it would wait for a request; returns true if it
	 * took it, to {@link #run()} it again when a request arrives
	 */
	public Session(SocketChannel channel, Shared shared, Consumer<Session> onEnd, Predicate<Session> parker) {
		this.onEnd = onEnd;
		this.parker = parker;
		this.refusals = shared.refusals();
		this.peer = Connection.describePeer(channel);
		this.address = Connection.remoteAddress(channel);
		this.gate = new Gate(shared.tls(), shared.accounts());
		this.watch = new Watch(this, this.lifecycle, this.refusals, this.peer, this.gate);
		this.connection = new Connection(channel, this.watch::moved);
		this.context = new SessionContext(this.connection, shared, this.peer, this.address, this.gate, this.watch);
		this.requests = new Requests(this, shared.handlers(), this.context, this.connection, this.lifecycle, this.watch);
	}

	/** Whether the server requires TLS or a login before anything else. */
	public boolean mustBeAdmitted() {
		return this.gate.mustBeAdmitted();
	}

	/** Counts the session among those not yet admitted until it is: {@code slot} is given back then, or at its end. */
	public void holdUntilAdmitted(Slots.Slot slot) {
		this.gate.holdUntilAdmitted(slot);
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
				this.context.reply(this.context.greeting());
				if (!this.requests.becomeIdle()) {
					return;
				}
			}
			parkedAgain = this.requests.serve(woken);
		}
		catch (ClosedChannelException ex) {
			// Only the server closes a session's channel: it stops, or a timeout cut the session off.
			if (this.watch.cutOff() == null) {
				log.info("{} closed by the server as it stops", this.peer);
			}
		}
		catch (IOException ex) {
			if (this.watch.cutOff() != null) {
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
		if (!this.lifecycle.end()) {
			return;
		}
		if (this.context.endRequested()) {
			try {
				this.connection.lingerThenClose();
			}
			catch (IOException | RuntimeException ex) {
				log.debug("{} closing: {}", this.peer, ex.getMessage());
			}
		}
		else {
			closeChannel();
		}
		giveBack();
		log.info("{} disconnected after {} s", this.peer, Duration.ofNanos(System.nanoTime() - this.watch.opened()).toSeconds());
	}

	/**
	 * Ends a session whose thread has not ended it well after it was cut off: its channel is closed
	 * already, and its slots are given back here, once; the thread, if it ever returns, finds the
	 * session ended.
	 */
	void abandon(long now) {
		if (!this.lifecycle.end()) {
			return;
		}
		closeChannel();
		giveBack();
		log.warn("{} its thread had not returned {} s after the connection was cut off; the connection's place is"
				+ " given back without it", this.peer, Duration.ofNanos(now - this.watch.cutOffAt()).toSeconds());
	}

	/** The connection no longer counts toward any limit. */
	private void giveBack() {
		this.onEnd.accept(this);
		this.context.slots().giveBackAll();
	}

	/** Enforces the timeouts, called by the watchdog now and then (see {@link Watch#watch}). */
	void watch(long now, Timeouts timeouts) {
		this.watch.watch(now, timeouts);
	}

	/**
	 * Ends the input so that the session's read (or, parked, its selector) sees the end of the
	 * stream at once; the session then says why and closes.
	 */
	void closeInput() {
		try {
			this.connection.shutdownInput();
		}
		catch (IOException ex) {
			abort();
		}
	}

	/** Tells the peer why the server cut it off, if it did. */
	void sayCutOff() {
		String why = this.watch.cutOff();
		if (why == null) {
			return;
		}
		try {
			this.context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, why + "; closing the connection"));
		}
		catch (IOException ex) {
			log.debug("{} could not be told why it was cut off: {}", this.peer, ex.getMessage());
		}
	}

	/** Offers this idle session to be parked; true if it was, and this thread must let go of it. */
	boolean park() {
		// A TLS socket may hold decrypted bytes that the channel's selector cannot see: keep the thread.
		if (this.lifecycle.state() != Lifecycle.State.IDLE || !this.connection.isOpen() || this.connection.isEncrypted()) {
			return false;
		}
		this.parked = true;
		if (this.parker.test(this)) {
			return true;
		}
		this.parked = false;
		return false;
	}

	SocketChannel channel() {
		return this.connection.channel();
	}

	public String peer() {
		return this.peer;
	}

	/** The peer's address, or {@code null} if it was gone before it could be asked. */
	public InetAddress address() {
		return this.address;
	}

	/** What the session holds of the server's limits besides its connection. */
	public Slots slots() {
		return this.context.slots();
	}

	/**
	 * The server is stopping: a session waiting for a request is told so and closed now; one
	 * handling a request finishes it first.
	 */
	public void shutdown() {
		if (this.lifecycle.closeIfIdleElseFinish()) {
			try {
				this.context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "server shutting down"));
			}
			catch (IOException ex) {
				log.debug("{} could not be told of the shutdown: {}", this.peer, ex.getMessage());
			}
			closeChannel();
			endIfParked();
		}
	}

	/** Closes the connection whatever it is doing; a transfer in flight fails and is discarded. */
	public void abort() {
		this.lifecycle.close();
		closeChannel();
		endIfParked();
	}

	/**
	 * Tells a session woken from parking that no thread can serve it now: it gets {@code 421} and
	 * is closed.
	 */
	public void turnAway(String why) {
		if (this.lifecycle.closeIfIdle()) {
			try {
				this.context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, why));
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
			this.connection.close();
		}
		catch (IOException ex) {
			log.debug("{} close failed: {}", this.peer, ex.getMessage());
		}
	}

	/** What every session of one server shares. */
	public record Shared(FileStore store, CommandHandlers handlers, RefusalLog refusals, Tls tls, Accounts accounts,
			Function<Account, FileStore> accountStores) {
	}

}
