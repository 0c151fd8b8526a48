package dev.simpleftp.server;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * The accept loop, on a thread of its own: hands each connection accepted on the listener on, and
 * goes on accepting whatever one connection does, until the listener is closed.
 */
final class Acceptor {

	private final ServerSocketChannel listener;

	private final Consumer<SocketChannel> admit;

	/** The runner's logger: the lines read as they always have. */
	private final Logger log;

	private final Thread thread;

	Acceptor(ServerSocketChannel listener, Consumer<SocketChannel> admit, Logger log) {
		this.listener = listener;
		this.admit = admit;
		this.log = log;
		this.thread = new Thread(this::acceptLoop, "ftp-accept");
	}

	void start() {
		this.thread.start();
	}

	private void acceptLoop() {
		while (this.listener.isOpen()) {
			try {
				this.admit.accept(this.listener.accept());
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				// Typically out of file descriptors: pause so the loop does not spin, then go on.
				this.log.warn("accept failed: {}", ex.getMessage());
				pause();
			}
			catch (RuntimeException ex) {
				// Never let one connection's failure stop the server accepting the next.
				this.log.error("could not serve a new connection", ex);
				pause();
			}
		}
	}

	/** Waits for the loop to end once the listener is closed. */
	void join() {
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
