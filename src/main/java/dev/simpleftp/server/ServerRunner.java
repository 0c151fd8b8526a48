package dev.simpleftp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.CommandHandlers;
import dev.simpleftp.server.command.ListingSettings;
import dev.simpleftp.server.command.TransferBuffers;
import dev.simpleftp.server.command.UploadLimits;
import dev.simpleftp.server.session.ConnectionWatchdog;
import dev.simpleftp.server.session.IdleConnections;
import dev.simpleftp.server.session.RefusalLog;
import dev.simpleftp.server.session.Session;
import dev.simpleftp.server.session.Timeouts;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;

/**
 * Owns the listening socket and every connection accepted on it. Accepts on a thread of its own
 * ({@link Acceptor}) and runs each connection as a task on the executor, so a connection is served
 * at once or told the server is busy, never queued. A connection over
 * {@code ftp.server.max-connections}, or over {@code max-connections-per-address} from one address,
 * is told so and closed ({@link Admission}). A {@link ConnectionWatchdog} enforces the timeouts.
 * {@link #stop()} stops accepting, lets transfers in flight finish within
 * {@link ServerSettings#shutdownTimeout()}, then closes what is left ({@link Drain}).
 */
public final class ServerRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ServerRunner.class);

	private static final int BACKLOG = 512;

	/** Transfers at once that get a buffer of their own; 16 MiB in all (see {@link TransferBuffers}). */
	private static final int TRANSFER_BUFFERS = 16;

	private final ServerSettings settings;

	private final LocalFileStore store;

	private final TaskExecutor executor;

	private final CommandHandlers handlers;

	/** TLS as the server offers it, or {@code null}. */
	private final Tls tls;

	private final Accounts accounts;

	private final AccountStores stores;

	private final RefusalLog refusals = new RefusalLog(log);

	private final Admission admission;

	private ConnectionWatchdog watchdog;

	private volatile ServerSocketChannel listener;

	private IdleConnections idle;

	private Acceptor acceptor;

	public ServerRunner(ServerSettings settings, LocalFileStore store, TaskExecutor executor) {
		this(settings, store, executor, null);
	}

	/** @param tls TLS for every connection ({@code STARTTLS} required first), or {@code null} for none */
	public ServerRunner(ServerSettings settings, LocalFileStore store, TaskExecutor executor, Tls tls) {
		this(settings, store, executor, tls, Accounts.none());
	}

	/**
	 * @param tls TLS for every connection ({@code STARTTLS} required first), or {@code null} for none
	 * @param accounts the accounts a client logs in to, if any are configured
	 */
	public ServerRunner(ServerSettings settings, LocalFileStore store, TaskExecutor executor, Tls tls, Accounts accounts) {
		this(settings, store, executor, tls, accounts, ListingSettings.defaults());
	}

	/**
	 * @param tls TLS for every connection ({@code STARTTLS} required first), or {@code null} for none
	 * @param accounts the accounts a client logs in to, if any are configured
	 * @param listing what a LIST may cost
	 */
	public ServerRunner(ServerSettings settings, LocalFileStore store, TaskExecutor executor, Tls tls, Accounts accounts,
			ListingSettings listing) {
		this.settings = settings;
		this.store = store;
		this.executor = executor;
		this.tls = tls;
		this.accounts = accounts;
		this.handlers = CommandHandlers.standard(new TransferBuffers(TRANSFER_BUFFERS), settings.zeroCopy(),
				uploadLimits(settings), listing, settings.maxConcurrentHashes(), accounts, tls);
		this.stores = new AccountStores(settings, store);
		Session.Shared shared = new Session.Shared(store, this.handlers, this.refusals, tls, accounts, this.stores::storeOf);
		this.admission = new Admission(settings, accounts, executor, shared, this.refusals, this::parkIfMany, log);
	}

	@Override
	public void start() {
		InetSocketAddress address = new InetSocketAddress(this.settings.host(), this.settings.port());
		requireSecureUnlessLoopback(address);
		// Each account's own directory now, so that a bad one stops the start rather than a login.
		this.accounts.all().stream().filter(account -> account.directory() != null).forEach(this.stores::storeOf);
		ServerSocketChannel channel = null;
		try {
			channel = ServerSocketChannel.open();
			channel.bind(address, BACKLOG);
		}
		catch (IOException ex) {
			if (channel != null) {
				Admission.closeQuietly(channel, log);
			}
			throw new ListenFailedException(this.settings.host() + ":" + this.settings.port(), ex);
		}
		try {
			this.idle = new IdleConnections(this::resume);
		}
		catch (IOException ex) {
			Admission.closeQuietly(channel, log);
			throw new UncheckedIOException("cannot open a selector for idle connections", ex);
		}
		this.listener = channel;
		log.info("listening on {}:{}, serving {}; {}; {} (max-connections {}, {} per address)", address.getHostString(),
				port(), this.store.root(), SecuritySummary.tls(this.tls), SecuritySummary.logins(this.accounts),
				this.settings.maxConnections(), this.settings.maxConnectionsPerAddress());
		this.watchdog = new ConnectionWatchdog(this.admission.sessions(), timeouts(this.settings), this.refusals);
		this.acceptor = new Acceptor(channel, this.admission::admit, log);
		this.acceptor.start();
		this.stores.sweepServerStore();
	}

	/**
	 * The last phase to start and the first to stop: the connections finish before Spring pauses
	 * the task executor they run on (phase {@code Integer.MAX_VALUE / 2}).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Secure by default: on loopback the server may run open; on any other address it needs TLS and
	 * accounts, unless {@code ftp.server.allow-insecure=true} says otherwise, which is logged.
	 */
	private void requireSecureUnlessLoopback(InetSocketAddress address) {
		if (address.getAddress() != null && address.getAddress().isLoopbackAddress()) {
			return;
		}
		boolean accounts = this.accounts.required();
		if (this.tls != null && accounts) {
			return;
		}
		String missing = ((this.tls == null) ? "TLS (ftp.server.ssl.bundle)" : "")
				+ ((this.tls == null && !accounts) ? " and " : "") + (accounts ? "" : "accounts (ftp.server.users)");
		if (!this.settings.allowInsecure()) {
			throw new InsecureSettingsException(this.settings.host(), missing);
		}
		log.warn("listening on {}, not a loopback address, without {}: anyone who can reach it can use the server"
				+ " and read what goes over the network (ftp.server.allow-insecure=true)", this.settings.host(), missing);
	}

	/** What a PUT may declare, from {@code ftp.server.max-file-size} and {@code min-free-space}. */
	static UploadLimits uploadLimits(ServerSettings settings) {
		return new UploadLimits(settings.maxFileSize().toBytes(), settings.minFreeSpace().toBytes());
	}

	/** The timeouts the watchdog enforces, from the settings of the same names. */
	static Timeouts timeouts(ServerSettings settings) {
		return new Timeouts(settings.firstRequestTimeout(), settings.idleTimeout(), settings.stallTimeout(),
				settings.loginTimeout(), settings.minRate().toBytes());
	}

	/** The port actually listened on: the configured one, or the one picked for port 0. */
	public int port() {
		try {
			return ((InetSocketAddress) this.listener.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("not listening", ex);
		}
	}

	@Override
	public boolean isRunning() {
		ServerSocketChannel current = this.listener;
		return current != null && current.isOpen();
	}

	/** Connections being served right now. */
	public int connectionCount() {
		return this.admission.sessions().size();
	}

	/**
	 * Parks a waiting session once more than {@code ftp.server.waiting-threads} connections are
	 * open: a thread costs more memory than a selector key, a selector round more time per request
	 * (docs/PERFORMANCE.md).
	 */
	private boolean parkIfMany(Session session) {
		if (this.admission.sessions().size() <= this.settings.waitingThreads()) {
			return false;
		}
		this.idle.park(session);
		return true;
	}

	/** Runs a parked session again now that its next request has arrived. */
	private void resume(Session session) {
		try {
			this.executor.execute(session);
		}
		catch (TaskRejectedException ex) {
			this.refusals.refused("server busy", session.peer(), "refused: server busy");
			session.turnAway("server busy; try again later");
		}
	}

	@Override
	public void stop() {
		ServerSocketChannel current = this.listener;
		if (current == null || !current.isOpen()) {
			return;
		}
		log.info("stopping: no new connections; {} open, transfers in flight get up to {} s",
				this.admission.sessions().size(), this.settings.shutdownTimeout().toSeconds());
		Admission.closeQuietly(current, log);
		this.acceptor.join();
		Drain.sessions(this.admission.sessions(), this.settings.shutdownTimeout(), log);
		this.idle.close();
		this.watchdog.close();
		this.stores.close();
		log.info("stopped");
	}

}
