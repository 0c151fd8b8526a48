package dev.simpleftp.server.session;

import java.io.IOException;

import dev.simpleftp.protocol.BodyFraming;
import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.LineTooLongException;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.UnreadableLineException;
import dev.simpleftp.server.command.CommandHandler;
import dev.simpleftp.server.command.CommandHandlers;
import dev.simpleftp.transport.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's requests, read one at a time: each framed, checked at the {@link Gate}, handed to its
 * {@link CommandHandler}, its leftover body settled; a peer sending bad request after bad request is
 * taken to be speaking something else, and a line too long ends the connection.
 * Replies go out in request order, so a client may pipeline requests; a bad request gets an error
 * reply and the connection goes on.
 */
final class Requests {

	private static final Logger log = LoggerFactory.getLogger(Session.class);

	/** Bad requests in a row after which a peer is taken to be speaking something else. */
	private static final int MAX_BAD_IN_A_ROW = 10;

	private final Session session;

	private final CommandHandlers handlers;

	private final SessionContext context;

	private final Connection connection;

	private final Lifecycle lifecycle;

	private final Watch watch;

	private final RefusalLog refusals;

	private final String peer;

	private int badInARow;

	Requests(Session session, CommandHandlers handlers, SessionContext context, Connection connection, Lifecycle lifecycle,
			Watch watch) {
		this.session = session;
		this.handlers = handlers;
		this.context = context;
		this.connection = connection;
		this.lifecycle = lifecycle;
		this.watch = watch;
		this.refusals = context.refusals();
		this.peer = context.peer();
	}

	/**
	 * Serves requests; returns true if the session was parked to wait for the next one.
	 * @param woken true if the channel has just become readable, so the next read will not wait
	 */
	boolean serve(boolean woken) throws IOException {
		boolean readable = woken;
		while (!this.context.endRequested()) {
			ProtocolReader reader = this.connection.reader();
			if (!readable && !reader.hasBuffered() && this.session.park()) {
				return true;
			}
			readable = false;
			String line;
			ProtocolException unreadable = null;
			BodyFraming framing;
			try {
				line = reader.readLine();
				framing = (line != null) ? BodyFraming.of(line) : null;
			}
			catch (LineTooLongException ex) {
				this.refusals.refused("line too long", this.peer, "sent a line over " + ProtocolReader.MAX_LINE_BYTES
						+ " bytes; disconnecting");
				this.context.reply(Reply.of(ex.code(), ex.getMessage() + "; closing the connection"));
				return false;
			}
			catch (UnreadableLineException ex) {
				line = "";
				unreadable = ex;
				framing = BodyFraming.ofUnreadable(ex.lenient());
			}
			if (line != null) {
				this.watch.requestArrived();
			}
			if (line == null || !this.lifecycle.busyIfIdle()) {
				this.session.sayCutOff();
				return false;
			}
			if (!serve(line, unreadable, framing, reader)) {
				return false;
			}
			if (!becomeIdle()) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Serves the request {@code line} (or refuses it as {@code unreadable}); returns false if the
	 * connection ends after it.
	 */
	boolean serve(String line, ProtocolException unreadable, BodyFraming framing, ProtocolReader reader) throws IOException {
		if (framing.kind() == BodyFraming.Kind.UNKNOWN) {
			refuseUnframed(framing);
			return false;
		}
		boolean wellFormed;
		this.context.requestBody((framing.kind() == BodyFraming.Kind.FOLLOWS)
				? new IncomingBody(reader, framing.size(), framing.trailer()) : null);
		try {
			wellFormed = (unreadable == null) ? handle(line) : refuse(unreadable);
			this.context.settleBody();
		}
		finally {
			this.context.requestBody(null);
		}
		this.badInARow = wellFormed ? 0 : this.badInARow + 1;
		if (this.badInARow >= MAX_BAD_IN_A_ROW) {
			this.refusals.refused("bad requests", this.peer,
					"sent " + this.badInARow + " bad requests in a row; disconnecting");
			this.context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "too many bad requests in a row; closing the connection"));
			return false;
		}
		return true;
	}

	/** Handles one request line; returns false if it was refused as malformed. */
	private boolean handle(String line) throws IOException {
		Request request = null;
		try {
			request = Request.parse(line);
			CommandHandler handler = this.handlers.find(request.verb());
			Reply refusal = this.context.refusal(request.verb());
			if (refusal != null) {
				this.context.reply(refusal);
				return true;
			}
			handler.handle(request, this.context);
			return true;
		}
		catch (ProtocolException ex) {
			return refuse(ex);
		}
		catch (RuntimeException ex) {
			log.error("{} request '{}' failed", this.peer, (request != null) ? request : "(not parsed)", ex);
			this.context.reply(Reply.of(ReplyCode.LOCAL_ERROR, "internal server error; the request had no effect"));
			return true;
		}
	}

	private boolean refuse(ProtocolException ex) throws IOException {
		this.context.reply(Reply.of(ex.code(), ex.getMessage()));
		return false;
	}

	/**
	 * A request that may carry a body whose end cannot be found: its bytes could be read as requests,
	 * so the connection ends after saying why.
	 */
	private void refuseUnframed(BodyFraming framing) throws IOException {
		this.context.endAfterThisRequest();
		this.refusals.refused("unframed body", this.peer, "sent a request whose body cannot be found ("
				+ framing.problem() + "); disconnecting");
		this.context.reply(Reply.of(framing.code(), framing.problem()
				+ "; closing the connection, since the body that follows cannot be skipped"));
	}

	/**
	 * Waits for a request from now on, unless the server began to stop meanwhile: then says so and
	 * returns false, for the connection to end.
	 */
	boolean becomeIdle() throws IOException {
		this.watch.waiting();
		if (!this.lifecycle.idleIfBusy()) {
			this.context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, "server shutting down"));
			return false;
		}
		return true;
	}

}
