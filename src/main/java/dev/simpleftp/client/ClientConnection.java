package dev.simpleftp.client;

import java.io.IOException;
import java.util.Optional;

import dev.simpleftp.storage.FileStore;

/**
 * The shell's state: the connection it has open, if any, and the local directory. A connection the
 * server dropped counts as closed.
 */
final class ClientConnection {

	static final String NOT_CONNECTED = "you are not connected: use open PORT (or open HOST PORT) first";

	private final ClientSettings settings;

	private final FileStore local;

	private FtpClient client;

	private boolean quitRequested;

	ClientConnection(ClientSettings settings, FileStore local) {
		this.settings = settings;
		this.local = local;
	}

	ClientSettings settings() {
		return this.settings;
	}

	FileStore local() {
		return this.local;
	}

	synchronized Optional<FtpClient> current() {
		if (this.client != null && !this.client.isOpen()) {
			this.client = null;
		}
		return Optional.ofNullable(this.client);
	}

	boolean isConnected() {
		return current().isPresent();
	}

	/** The open connection, or a failure telling the user how to open one. */
	FtpClient require() {
		return current().orElseThrow(() -> new CommandFailedException(NOT_CONNECTED));
	}

	/** Connects; the caller closes any previous connection first. */
	synchronized FtpClient open(String host, int port) throws IOException {
		if (current().isPresent()) {
			throw new IllegalStateException("still connected to " + this.client.server());
		}
		this.client = FtpClient.connect(host, port, this.settings.timeout());
		return this.client;
	}

	/** Closes the connection, if any; returns the server it was to. Also run when the client exits. */
	public synchronized Optional<String> close() {
		Optional<FtpClient> closing = current();
		closing.ifPresent(FtpClient::close);
		this.client = null;
		return closing.map(FtpClient::server);
	}

	synchronized void requestQuit() {
		this.quitRequested = true;
	}

	synchronized boolean quitRequested() {
		return this.quitRequested;
	}

}
