package dev.simpleftp.server.session;

import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that enforces every connection's timeouts ({@link Session#watch}) and ends the
 * refusal log's windows. A socket read timeout would not do: it covers neither writes nor reads
 * on a channel, and a parked connection has no thread to time out at all.
 */
public final class ConnectionWatchdog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);

	private final Collection<Session> sessions;

	private final Timeouts timeouts;

	private final RefusalLog refusals;

	private final Thread thread;

	private volatile boolean open = true;

	public ConnectionWatchdog(Collection<Session> sessions, Timeouts timeouts, RefusalLog refusals) {
		this.sessions = sessions;
		this.timeouts = timeouts;
		this.refusals = refusals;
		this.thread = new Thread(this::watch, "ftp-watchdog");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void watch() {
		long tick = this.timeouts.tick().toMillis();
		while (this.open) {
			try {
				Thread.sleep(tick);
				long now = System.nanoTime();
				for (Session session : this.sessions) {
					session.watch(now, this.timeouts);
				}
				this.refusals.flush();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.error("watching connections failed; going on", ex);
			}
		}
	}

	@Override
	public void close() {
		this.open = false;
		this.thread.interrupt();
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.refusals.flushAll();
	}

}
