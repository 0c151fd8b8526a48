package dev.simpleftp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.session.RefusalLog;
import dev.simpleftp.server.session.Session;
import dev.simpleftp.transport.Connection;
import org.slf4j.Logger;

import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;

/**
 * Serves an accepted connection at once or tells it why not and closes it: over
 * {@code ftp.server.max-connections}, over {@code max-connections-per-address} from one address,
 * locked out after failed logins, over {@code max-unauthenticated} not logged in yet, or the
 * executor busy. Holds the sessions being served and their count per address.
 */
final class Admission {

	private final ServerSettings settings;

	private final Accounts accounts;

	private final TaskExecutor executor;

	private final Session.Shared shared;

	private final RefusalLog refusals;

	/** Parks a waiting session, if the server wants it parked. */
	private final Predicate<Session> parker;

	/** The runner's logger: the lines read as they always have. */
	private final Logger log;

	private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

	/** Connections being served per client address. */
	private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

	/** Connections that have not logged in (or started TLS) yet, where the server requires it. */
	private final AtomicInteger unadmitted = new AtomicInteger();

	Admission(ServerSettings settings, Accounts accounts, TaskExecutor executor, Session.Shared shared,
			RefusalLog refusals, Predicate<Session> parker, Logger log) {
		this.settings = settings;
		this.accounts = accounts;
		this.executor = executor;
		this.shared = shared;
		this.refusals = refusals;
		this.parker = parker;
		this.log = log;
	}

	/** The sessions being served right now. */
	Set<Session> sessions() {
		return this.sessions;
	}

	void admit(SocketChannel channel) {
		try {
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (IOException ex) {
			// Reset before it was served: nothing to tell it.
			closeQuietly(channel, this.log);
			return;
		}
		if (this.sessions.size() >= this.settings.maxConnections()) {
			turnAway(channel, "too many connections", "too many connections (the limit is "
					+ this.settings.maxConnections() + "); try again later");
			return;
		}
		InetAddress from = Connection.remoteAddress(channel);
		Optional<String> lockedOut = (from != null) ? this.accounts.lockedOut(from) : Optional.empty();
		if (lockedOut.isPresent()) {
			turnAway(channel, "locked out after failed logins", lockedOut.get());
			return;
		}
		Session session = new Session(channel, this.shared, this::ended, this.parker);
		if (!countIn(session.address())) {
			turnAway(channel, "too many connections from one address", "too many connections from your address (the limit is "
					+ this.settings.maxConnectionsPerAddress() + " at once); try again later");
			return;
		}
		this.sessions.add(session);
		if (session.mustBeAdmitted() && !holdUnadmitted(session)) {
			ended(session);
			turnAway(channel, "too many connections not logged in", "too many connections that have not logged in yet"
					+ " (the limit is " + this.settings.maxUnauthenticated() + "); try again later");
			return;
		}
		try {
			this.executor.execute(session);
		}
		catch (TaskRejectedException ex) {
			ended(session);
			session.slots().giveBackAll();
			turnAway(channel, "server busy", "server busy; try again later");
		}
	}

	/**
	 * Counts a session among those not logged in until it logs in or ends; false, counting nothing,
	 * if there are {@code ftp.server.max-unauthenticated} already: then those who have logged in
	 * always find room.
	 */
	private boolean holdUnadmitted(Session session) {
		int limit = this.settings.maxUnauthenticated();
		int current;
		do {
			current = this.unadmitted.get();
			if (current >= limit) {
				return false;
			}
		}
		while (!this.unadmitted.compareAndSet(current, current + 1));
		session.holdUntilAdmitted(session.slots().hold(this.unadmitted::decrementAndGet));
		return true;
	}

	/** Counts a connection from {@code address}; false, counting nothing, if it has as many as it may. */
	private boolean countIn(InetAddress address) {
		if (address == null) {
			return true;
		}
		int limit = this.settings.maxConnectionsPerAddress();
		boolean[] admitted = { false };
		this.perAddress.compute(address, (key, count) -> {
			int current = (count != null) ? count : 0;
			admitted[0] = current < limit;
			return admitted[0] ? current + 1 : ((current == 0) ? null : current);
		});
		return admitted[0];
	}

	/** A session has ended (or was never run): it no longer counts toward any limit. */
	private void ended(Session session) {
		if (this.sessions.remove(session) && session.address() != null) {
			this.perAddress.computeIfPresent(session.address(), (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	private void turnAway(SocketChannel channel, String kind, String why) {
		String peer = Connection.describePeer(channel);
		this.refusals.refused(kind, peer, "refused: " + why);
		try (channel) {
			String line = Reply.of(ReplyCode.SERVICE_UNAVAILABLE, why).encode() + "\n";
			channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			this.log.debug("could not tell {} it was refused: {}", peer, ex.getMessage());
		}
	}

	/** Closes {@code channel}; a failure to is only worth a debug line, since it is being discarded. */
	static void closeQuietly(Channel channel, Logger log) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			log.debug("closing {}: {}", channel, ex.getMessage());
		}
	}

}
