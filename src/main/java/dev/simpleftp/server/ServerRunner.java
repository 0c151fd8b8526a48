package dev.simpleftp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.CommandHandlers;
import dev.simpleftp.server.command.TransferBuffers;
import dev.simpleftp.server.command.UploadLimits;
import dev.simpleftp.server.session.ConnectionWatchdog;
import dev.simpleftp.server.session.IdleConnections;
import dev.simpleftp.server.session.RefusalLog;
import dev.simpleftp.server.session.Session;
import dev.simpleftp.server.session.Timeouts;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Connection;
import dev.simpleftp.transport.Tls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;

/**
 * Owns the listening socket and every connection accepted on it. Accepts on a thread of its own
 * and runs each connection as a task on the executor, so a connection is served at once or told
 * the server is busy, never queued. A connection over {@code ftp.server.max-connections}, or over
 * {@code max-connections-per-address} from one address, is told so and closed. A
 * {@link ConnectionWatchdog} enforces the timeouts. {@link #stop()} stops accepting, lets transfers
 * in flight finish within {@link ServerSettings#shutdownTimeout()}, then closes what is left.
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

	/** The stores of accounts' own directories, each made once (it clears leftovers when made). */
	private final Map<Path, FileStore> accountStores = new ConcurrentHashMap<>();

	private final Session.Shared shared;

	private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

	/** Connections being served per client address. */
	private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

	/** Connections that have not logged in (or started TLS) yet, where the server requires it. */
	private final AtomicInteger unadmitted = new AtomicInteger();

	private final RefusalLog refusals = new RefusalLog(log);

	private ConnectionWatchdog watchdog;

	/** One per directory served: the server's, and each account's own. */
	private final List<PartialSweeper> partialSweepers = new CopyOnWriteArrayList<>();

	private volatile ServerSocketChannel listener;

	private IdleConnections idle;

	private Thread acceptor;

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
				UploadLimits.of(settings), listing, settings.maxConcurrentHashes(), accounts, tls);
		this.shared = new Session.Shared(store, this.handlers, this.refusals, tls, accounts, this::storeOf);
	}

	@Override
	public void start() {
		InetSocketAddress address = new InetSocketAddress(this.settings.host(), this.settings.port());
		requireSecureUnlessLoopback(address);
		// Each account's own directory now, so that a bad one stops the start rather than a login.
		this.accounts.all().stream().filter(account -> account.directory() != null).forEach(this::storeOf);
		ServerSocketChannel channel = null;
		try {
			channel = ServerSocketChannel.open();
			channel.bind(address, BACKLOG);
		}
		catch (IOException ex) {
			if (channel != null) {
				closeQuietly(channel);
			}
			throw new ListenFailedException(this.settings.host() + ":" + this.settings.port(), ex);
		}
		try {
			this.idle = new IdleConnections(this::resume);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("cannot open a selector for idle connections", ex);
		}
		this.listener = channel;
		log.info("listening on {}:{}, serving {}; {}; {} (max-connections {}, {} per address)", address.getHostString(),
				port(), this.store.root(), SecuritySummary.tls(this.tls), SecuritySummary.logins(this.accounts),
				this.settings.maxConnections(), this.settings.maxConnectionsPerAddress());
		this.watchdog = new ConnectionWatchdog(this.sessions, Timeouts.of(this.settings), this.refusals);
		this.acceptor = new Thread(this::acceptLoop, "ftp-accept");
		this.acceptor.start();
		this.partialSweepers.add(new PartialSweeper(this.store, this.settings.partialMaxAge()));
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
		return this.sessions.size();
	}

	private void acceptLoop() {
		while (this.listener.isOpen()) {
			try {
				admit(this.listener.accept());
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				// Typically out of file descriptors: pause so the loop does not spin, then go on.
				log.warn("accept failed: {}", ex.getMessage());
				pause();
			}
			catch (RuntimeException ex) {
				// Never let one connection's failure stop the server accepting the next.
				log.error("could not serve a new connection", ex);
				pause();
			}
		}
	}

	private void admit(SocketChannel channel) {
		try {
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (IOException ex) {
			// Reset before it was served: nothing to tell it.
			closeQuietly(channel);
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
		Session session = new Session(channel, this.shared, this::ended, this::parkIfMany);
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

	/**
	 * Parks a waiting session once more than {@code ftp.server.waiting-threads} connections are
	 * open: a thread costs more memory than a selector key, a selector round some 50 µs per request.
	 */
	private boolean parkIfMany(Session session) {
		if (this.sessions.size() <= this.settings.waitingThreads()) {
			return false;
		}
		this.idle.park(session);
		return true;
	}

	/**
	 * The store of an account's own directory: one per directory (accounts sharing one share it, and
	 * the server's directory is the server's store), each with its partial-upload sweeper, so that two
	 * stores never hold the same files.
	 */
	private FileStore storeOf(Account account) {
		Path directory;
		try {
			directory = Files.createDirectories(account.directory()).toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the directory of account " + account.name() + ": "
					+ account.directory(), ex);
		}
		if (directory.equals(this.store.root())) {
			return this.store;
		}
		return this.accountStores.computeIfAbsent(directory, key -> {
			try {
				FileStore own = new LocalFileStore(key, this.settings.hardLinks(), this.store.durability());
				this.partialSweepers.add(new PartialSweeper(own, this.settings.partialMaxAge()));
				return own;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot open the directory of account " + account.name() + ": " + key, ex);
			}
		});
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

	private void turnAway(SocketChannel channel, String kind, String why) {
		String peer = Connection.describePeer(channel);
		this.refusals.refused(kind, peer, "refused: " + why);
		try (channel) {
			String line = Reply.of(ReplyCode.SERVICE_UNAVAILABLE, why).encode() + "\n";
			channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			log.debug("could not tell {} it was refused: {}", peer, ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ServerSocketChannel current = this.listener;
		if (current == null || !current.isOpen()) {
			return;
		}
		log.info("stopping: no new connections; {} open, transfers in flight get up to {} s", this.sessions.size(),
				this.settings.shutdownTimeout().toSeconds());
		closeQuietly(current);
		joinAcceptor();
		this.sessions.forEach(Session::shutdown);
		if (!awaitSessions(this.settings.shutdownTimeout().toMillis())) {
			log.warn("{} connections still busy after {} s; closing them", this.sessions.size(),
					this.settings.shutdownTimeout().toSeconds());
			this.sessions.forEach(Session::abort);
			awaitSessions(2000);
		}
		this.idle.close();
		this.watchdog.close();
		this.partialSweepers.forEach(PartialSweeper::close);
		log.info("stopped");
	}

	private boolean awaitSessions(long millis) {
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (!this.sessions.isEmpty() && System.nanoTime() < deadline) {
			pause();
		}
		return this.sessions.isEmpty();
	}

	private void joinAcceptor() {
		try {
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(Channel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			log.debug("closing {}: {}", channel, ex.getMessage());
		}
	}

}
