package dev.simpleftp.client.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.simpleftp.client.Credentials;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;

import org.springframework.shell.core.InputReader;

/**
 * The shell's state: the connection it has open, if any, and the local directory. A connection the
 * server dropped counts as closed, except one it closed while idle, which the next command that
 * needs it opens again.
 */
final class ClientConnection {

	static final String NOT_CONNECTED = "you are not connected: use open PORT (or open HOST PORT) first";

	private final ClientSettings settings;

	private final LocalDirectory local;

	/** Volatile as well as guarded: {@link #interrupt()} reads it from another thread, while a command holds no lock. */
	private volatile FtpClient client;

	/** The connection was closed by {@link #interrupt()}, and the same server and login are to be connected to again. */
	private boolean reconnectDue;

	private String host;

	private int port;

	private boolean quitRequested;

	private RemoteNames remoteNames;

	/** TLS for every connection, made when first needed (an SSL context takes a while), or none. */
	private final Supplier<Tls> tls;

	private Tls madeTls;

	/** The environment variable a script can give the password in, so that none is asked for. */
	static final String PASSWORD_VARIABLE = "SIMPLE_FTP_PASSWORD";

	private final LoginMemory login = new LoginMemory();

	ClientConnection(ClientSettings settings, LocalFileStore local) {
		this(settings, local, () -> null);
	}

	/** @param tls TLS for every connection, asked for at the first {@code open}; {@code null} from it for none */
	ClientConnection(ClientSettings settings, LocalFileStore local, Supplier<Tls> tls) {
		this.settings = settings;
		this.local = new LocalDirectory(settings, local);
		this.tls = tls;
	}

	private Tls tls() {
		if (this.madeTls == null) {
			this.madeTls = this.tls.get();
		}
		return this.madeTls;
	}

	ClientSettings settings() {
		return this.settings;
	}

	synchronized LocalFileStore local() {
		return this.local.store();
	}

	/** See {@link LocalDirectory#change}. */
	synchronized Path changeLocal(String directory) {
		return this.local.change(directory);
	}

	/** The client directory's file names, for completion. */
	synchronized List<String> localNames() {
		return this.local.names();
	}

	/** The client directory's subdirectories, for completing lcd. */
	synchronized List<String> localDirectories() {
		return this.local.directories();
	}

	synchronized Optional<FtpClient> current() {
		if (this.client != null && !this.client.isOpen()) {
			this.reconnectDue |= this.client.wasInterrupted();
			this.client = null;
		}
		return Optional.ofNullable(this.client);
	}

	boolean isConnected() {
		return current().isPresent();
	}

	/**
	 * The open connection, or a failure telling the user how to open one. A server closes a
	 * connection that sat idle too long, saying so first with a {@code 421} (docs/PROTOCOL.md,
	 * "Errors and the state of the connection"); then this connects again to the same server and
	 * prints a line saying so to {@code notices}, before the command's own output.
	 * @throws CommandFailedException if not connected, or if connecting again fails: it says what
	 * happened and to use open
	 */
	synchronized FtpClient require(PrintWriter notices) {
		FtpClient open = current().orElseThrow(() -> new CommandFailedException(NOT_CONNECTED));
		Optional<String> goodbye;
		try {
			goodbye = open.droppedByServer();
		}
		catch (IOException ex) {
			this.client = null;
			throw new CommandFailedException(FailureMessages.failureMessage(ex));
		}
		if (goodbye.isEmpty()) {
			return open;
		}
		this.client = null;
		String reason = goodbye.get().replaceFirst("; closing the connection$", "");
		String closed = "the server had closed the idle connection (" + reason + ")";
		try {
			this.client = reconnect();
		}
		catch (IOException ex) {
			throw new CommandFailedException(closed + "; reconnecting failed: " + ex.getMessage() + "; use open to try again");
		}
		notices.println(closed + "; reconnected to " + this.client.server());
		notices.flush();
		return this.client;
	}

	/**
	 * Stops what the open connection is doing, from another thread: the shell's Ctrl-C. Takes no
	 * lock, since the command being stopped may hold it. The connection is closed to stop it
	 * (see {@link FtpClient#interrupt()}); {@link #reconnectAfterInterrupt()} opens it again.
	 * @return true if something was stopped; false if the connection was idle or there is none
	 */
	boolean interrupt() {
		FtpClient open = this.client;
		return open != null && open.interrupt();
	}

	/**
	 * After {@link #interrupt()} closed the connection, connects again to the same server with the
	 * login kept in memory, as after an idle close, so that the shell stays where it was.
	 * @return what went wrong if connecting again failed; empty if it succeeded or was not needed
	 */
	synchronized Optional<String> reconnectAfterInterrupt() {
		current();
		if (!this.reconnectDue) {
			return Optional.empty();
		}
		this.reconnectDue = false;
		try {
			this.client = reconnect();
			return Optional.empty();
		}
		catch (IOException ex) {
			this.login.forget();
			return Optional.of("the connection was closed to stop the transfer, and reconnecting failed: " + ex.getMessage()
					+ "; use open to try again");
		}
	}

	/** Connects again to the server given to {@code open}, with its limits and the login kept in memory. */
	private FtpClient reconnect() throws IOException {
		return FtpClient.connect(this.host, this.port, this.settings.limits(), tls(), this.login.credentials());
	}

	/** Connects without credentials; the caller closes any previous connection first. */
	synchronized FtpClient open(String host, int port) throws IOException {
		return open(host, port, Credentials.NONE);
	}

	/**
	 * Connects, logging in with what {@code credentials} gives if the server requires a login; the
	 * caller closes any previous connection first. The login is kept in memory, for reconnecting
	 * after the server closed an idle connection, until the connection is closed.
	 */
	synchronized FtpClient open(String host, int port, Credentials credentials) throws IOException {
		if (current().isPresent()) {
			throw new IllegalStateException("still connected to " + this.client.server());
		}
		this.reconnectDue = false;
		this.login.forget();
		this.login.remember(credentials);
		try {
			this.client = FtpClient.connect(host, port, this.settings.limits(), tls(), this.login.credentials());
		}
		catch (IOException | RuntimeException ex) {
			this.login.forget();
			throw ex;
		}
		this.host = host;
		this.port = port;
		return this.client;
	}

	/**
	 * Credentials for {@code open}: the user given (or asked for) and the password from
	 * {@value #PASSWORD_VARIABLE} or asked for without echo, never from the command line. JLine keeps
	 * a masked line out of the history.
	 */
	static Credentials asking(String user, InputReader input) {
		return server -> {
			try {
				String name = (user != null && !user.isBlank()) ? user : input.readInput("user for " + server + ": ");
				if (name == null || name.isBlank()) {
					return null;
				}
				String fromEnvironment = System.getenv(PASSWORD_VARIABLE);
				char[] password = (fromEnvironment != null) ? fromEnvironment.toCharArray()
						: input.readPassword("password for " + name.strip() + "@" + server + ": ");
				return (password != null) ? new Credentials.Login(name.strip(), password) : null;
			}
			catch (IOException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IOException("the server at " + server + " requires a login, and " + ex.getMessage(), ex);
			}
		};
	}

	/** Closes the connection, if any; returns the server it was to. Also run when the client exits. */
	public synchronized Optional<String> close() {
		Optional<FtpClient> closing = current();
		closing.ifPresent(FtpClient::close);
		this.client = null;
		this.reconnectDue = false;
		this.login.forget();
		return closing.map(FtpClient::server);
	}

	/**
	 * The server's file names, for completion: from a listing kept for a few seconds, and fetched
	 * again after an upload or on another connection. Empty if not connected or the listing fails,
	 * and, without a request, if the server has sent something unasked: a {@code 421} that the next
	 * command reads and reconnects after (see {@link #require}).
	 */
	synchronized List<String> remoteNames() {
		Optional<FtpClient> client = current();
		if (client.isEmpty()) {
			return List.of();
		}
		if (this.remoteNames == null || !this.remoteNames.isFreshFor(client.get())) {
			try {
				if (client.get().hasArrived()) {
					return List.of();
				}
				this.remoteNames = RemoteNames.fetch(client.get());
			}
			catch (IOException ex) {
				return List.of();
			}
		}
		return this.remoteNames.names();
	}

	synchronized void requestQuit() {
		this.quitRequested = true;
	}

	synchronized boolean quitRequested() {
		return this.quitRequested;
	}

}
