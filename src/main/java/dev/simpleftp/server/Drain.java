package dev.simpleftp.server;

import java.time.Duration;
import java.util.Set;

import dev.simpleftp.server.session.Session;
import org.slf4j.Logger;

/**
 * The end of the sessions at shutdown: each is told to finish, transfers in flight get up to the
 * shutdown timeout, then what is left is closed.
 */
final class Drain {

	private Drain() {
	}

	static void sessions(Set<Session> sessions, Duration timeout, Logger log) {
		sessions.forEach(Session::shutdown);
		if (!awaitSessions(sessions, timeout.toMillis())) {
			log.warn("{} connections still busy after {} s; closing them", sessions.size(), timeout.toSeconds());
			sessions.forEach(Session::abort);
			awaitSessions(sessions, 2000);
		}
	}

	private static boolean awaitSessions(Set<Session> sessions, long millis) {
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (!sessions.isEmpty() && System.nanoTime() < deadline) {
			Acceptor.pause();
		}
		return sessions.isEmpty();
	}

}
