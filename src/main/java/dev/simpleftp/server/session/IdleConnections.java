package dev.simpleftp.server.session;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections waiting for their next request, watched by one selector thread instead of a blocked
 * thread each. On Java 17 a connection's platform thread keeps stack that HotSpot touches, so a
 * thousand idle connections would hold memory for nothing (docs/PERFORMANCE.md, "Memory: buffers
 * lent per transfer, waiting connections parked"). A parked connection's channel is switched to
 * non-blocking mode and registered for reading; when it becomes readable (a
 * request arrives, or the peer closes), it is switched back to blocking mode and handed to
 * {@code resume}, which runs its session on the task executor again.
 */
public final class IdleConnections implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(IdleConnections.class);

	private final Selector selector;

	private final Consumer<Session> resume;

	private final Queue<Session> arriving = new ConcurrentLinkedQueue<>();

	private final Thread thread;

	private volatile boolean open = true;

	public IdleConnections(Consumer<Session> resume) throws IOException {
		this.selector = Selector.open();
		this.resume = resume;
		this.thread = new Thread(this::watch, "ftp-idle");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Watches the session's channel until it is readable; the caller's thread is free at once. */
	public void park(Session session) {
		this.arriving.add(session);
		this.selector.wakeup();
	}

	private void watch() {
		while (this.open) {
			try {
				List<SelectionKey> ready = new ArrayList<>();
				this.selector.select(ready::add);
				registerArrivals();
				while (!ready.isEmpty()) {
					ready.forEach(SelectionKey::cancel);
					List<SelectionKey> woken = ready;
					ready = new ArrayList<>();
					// Deregisters the cancelled keys, so their channels may block again.
					this.selector.selectNow(ready::add);
					woken.forEach(key -> wake((Session) key.attachment()));
				}
			}
			catch (IOException | RuntimeException ex) {
				if (this.open) {
					log.error("watching idle connections failed; going on", ex);
				}
			}
		}
	}

	private void registerArrivals() {
		Session session;
		while ((session = this.arriving.poll()) != null) {
			SocketChannel channel = session.channel();
			try {
				channel.configureBlocking(false);
				channel.register(this.selector, SelectionKey.OP_READ, session);
			}
			catch (IOException | RuntimeException ex) {
				// Closed meanwhile: its session finds out when it runs, and ends.
				wake(session);
			}
		}
	}

	private void wake(Session session) {
		try {
			session.channel().configureBlocking(true);
		}
		catch (IOException | RuntimeException ex) {
			// Closed meanwhile: its session finds out when it runs, and ends.
		}
		this.resume.accept(session);
	}

	@Override
	public void close() {
		this.open = false;
		this.selector.wakeup();
		try {
			this.thread.join(2000);
			this.selector.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			log.debug("closing the idle selector: {}", ex.getMessage());
		}
	}

}
