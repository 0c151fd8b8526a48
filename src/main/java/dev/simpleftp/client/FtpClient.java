package dev.simpleftp.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.transport.Tls;

/**
 * A connection to a Simple FTP server (docs/PROTOCOL.md), usable without the shell. Each method
 * either succeeds, or throws {@link ServerRefusedException} (the server said no; the connection
 * goes on), {@link LocalFileException} (a local file problem; the connection goes on) or
 * {@link ConnectionLostException} (the connection is closed). Files are only ever published
 * whole: a download is written to a hidden temporary file and renamed when complete.
 */
public final class FtpClient implements AutoCloseable {

	/** Requests sent ahead without a reply, at most (docs/PROTOCOL.md, section "Pipelining"). */
	static final int WINDOW = ServerLink.WINDOW;

	/** Bytes of request lines sent ahead without a reply, at most. */
	static final int WINDOW_BYTES = ServerLink.WINDOW_BYTES;

	/** Uploads up to this size are sent without waiting for the server to accept them. */
	static final long EAGER_LIMIT = Uploads.EAGER_LIMIT;

	/** The largest listing this client accepts. */
	static final long MAX_LISTING_BYTES = Listings.MAX_LISTING_BYTES;

	private final ServerLink link;

	private final Handshake handshake;

	private final Downloads downloads;

	private final Uploads uploads;

	private final Listings listings;

	private final Commands commands;

	private final Tally tally = new Tally();

	private final Instant connectedAt = Instant.now();

	private FtpClient(ServerLink link) {
		this.link = link;
		this.handshake = new Handshake(link);
		this.downloads = new Downloads(link, this.tally::moved);
		this.uploads = new Uploads(link, this.tally::uploaded);
		this.listings = new Listings(link);
		this.commands = new Commands(link);
	}

	/**
	 * Connects, checks the server's greeting, and sends a first request at once ({@code NOOP}):
	 * a server closes a connection that sends no complete request soon after connecting
	 * (docs/PROTOCOL.md, "Errors and the state of the connection"), and a person at the shell may
	 * take longer than that to type a command.
	 * @param timeout for the connection, each reply, and each pause in a transfer
	 * @throws ServerRefusedException if the server is busy or stopping
	 * @throws ConnectionLostException if the server cannot be reached or is not a Simple FTP server
	 */
	public static FtpClient connect(String host, int port, Duration timeout) throws IOException {
		return connect(host, port, timeout, null);
	}

	/**
	 * As {@link #connect(String, int, Duration)}, over TLS if {@code tls} is given: the server must
	 * then offer it, its certificate must be trusted and name {@code host}, and nothing but
	 * {@code STARTTLS} is sent before; without {@code tls}, a server that requires TLS is refused
	 * at once with what to set.
	 * @param tls the certificates trusted, or {@code null} for no TLS
	 */
	public static FtpClient connect(String host, int port, Duration timeout, Tls tls) throws IOException {
		return connect(host, port, timeout, tls, Credentials.NONE);
	}

	/**
	 * As {@link #connect(String, int, Duration, Tls)}, logging in with what {@code credentials}
	 * gives if the server requires a login (its greeting says {@code login=required}).
	 * @throws ServerRefusedException if the login fails ({@code 530}) or the address is locked out
	 */
	public static FtpClient connect(String host, int port, Duration timeout, Tls tls, Credentials credentials)
			throws IOException {
		return connect(host, port, ClientLimits.of(timeout), tls, credentials);
	}

	/**
	 * As {@link #connect(String, int, Duration, Tls, Credentials)}, with {@code limits} on what the
	 * server may send (its timeout is the timeout). Every failure while connecting closes the socket.
	 */
	public static FtpClient connect(String host, int port, ClientLimits limits, Tls tls, Credentials credentials)
			throws IOException {
		FtpClient client = new FtpClient(Handshake.open(host, port, limits));
		try {
			client.handshake.greet(host, tls, credentials);
		}
		catch (IOException | RuntimeException ex) {
			client.link.closeChannel(); // most paths close it already; a refused STARTTLS, for one, did not
			throw ex;
		}
		return client;
	}

	/** The user logged in as, or {@code null} if the server needs no login. */
	public String user() {
		return this.handshake.user();
	}

	/** The logged-in account's access ({@code read-only}, {@code upload-only}, {@code read-write}), or {@code null}. */
	public String access() {
		return this.handshake.access();
	}

	/** Whether this connection runs over TLS. */
	public boolean isEncrypted() {
		return this.link.isEncrypted();
	}

	/** {@code host:port} as given to {@link #connect}. */
	public String server() {
		return this.link.server();
	}

	/** The protocol version the server's greeting named. */
	public int serverVersion() {
		return this.handshake.serverVersion();
	}

	public Instant connectedAt() {
		return this.connectedAt;
	}

	/** Bytes of files moved whole over this connection, both ways. */
	public long bytesMoved() {
		return this.tally.bytesMoved();
	}

	/** Files moved whole over this connection, both ways. */
	public int filesMoved() {
		return this.tally.filesMoved();
	}

	/** Files uploaded whole over this connection: when it changes, a cached listing is stale. */
	public int uploads() {
		return this.tally.uploads();
	}

	public boolean isOpen() {
		return this.link.isOpen();
	}

	/**
	 * Stops the exchange in progress, from another thread (the shell's Ctrl-C). The protocol has no
	 * way to stop a body part way and stay in step, so this closes the connection, which ends a
	 * blocking read or write at once; the exchange then throws {@link TransferInterruptedException}.
	 * What a resume can use stays: the partial file of a download being received (as after any
	 * cut-off), and on the server the partial file of a large upload.
	 * @return true if an exchange was running and is being stopped; false if there was nothing to stop
	 */
	public boolean interrupt() {
		return this.link.interrupt();
	}

	/** True if {@link #interrupt()} closed this connection. */
	public boolean wasInterrupted() {
		return this.link.wasInterrupted();
	}

	/**
	 * Downloads {@code name} into {@code into}, replacing any file of that name only once every
	 * byte has arrived.
	 */
	public TransferResult get(FileName name, FileStore into) throws IOException {
		return single(getAll(List.of(name), into, TransferListener.NONE));
	}

	/** Uploads {@code name} from {@code from}; the server publishes it only once every byte has arrived. */
	public TransferResult put(FileName name, FileStore from) throws IOException {
		return single(putAll(List.of(name), from, TransferListener.NONE));
	}

	private static TransferResult single(BatchResult batch) throws IOException {
		if (!batch.failed().isEmpty()) {
			throw batch.failed().values().iterator().next();
		}
		return batch.done().get(0);
	}

	/**
	 * Downloads several files, pipelined: requests go out without waiting for each reply, at most
	 * {@link #WINDOW} requests and {@link #WINDOW_BYTES} bytes of request lines ahead. Each file is
	 * verified (the CRC32C of what was written against the server's) and published atomically; a
	 * file over {@link PartialWrite#WORTH_KEEPING} arrives into a partial file that a cut-off leaves in
	 * place, and the next download of that name resumes from it if the server's file is still the same. A file the
	 * server refuses, or that cannot be written locally, is reported to {@code listener} and the
	 * others go on.
	 * @param restart drop any partial downloads of these names and start from the first byte
	 * @throws ConnectionLostException if the connection fails; the files received before are kept
	 */
	public BatchResult getAll(List<FileName> names, FileStore into, TransferListener listener, boolean restart)
			throws IOException {
		return this.downloads.getAll(names, into, listener, restart);
	}

	/** As {@link #getAll(List, FileStore, TransferListener, boolean)}, resuming where it can. */
	public BatchResult getAll(List<FileName> names, FileStore into, TransferListener listener) throws IOException {
		return getAll(names, into, listener, false);
	}

	/**
	 * Uploads several files, pipelined like {@link #getAll}: a file of at most {@link #EAGER_LIMIT}
	 * bytes goes out straight after its request ({@code body=follows}); a larger one waits for the
	 * server to accept it first, so that a refusal costs no bytes. Each is verified by the server (the
	 * CRC32C of what it wrote against the client's). A larger one also resumes the server's partial
	 * upload of it, if the server holds one of this very file ({@code PARTIAL}: same size, time, and
	 * CRC32C of the bytes held). A file the server refuses, or that cannot be read locally, is
	 * reported to {@code listener} and the others go on.
	 * @param restart send every file from its first byte, even if the server holds part of it
	 * @throws ConnectionLostException if the connection fails; the files stored before are kept
	 */
	public BatchResult putAll(List<FileName> names, FileStore from, TransferListener listener, boolean restart)
			throws IOException {
		return this.uploads.putAll(names, from, listener, restart);
	}

	/** As {@link #putAll(List, FileStore, TransferListener, boolean)}, resuming where it can. */
	public BatchResult putAll(List<FileName> names, FileStore from, TransferListener listener) throws IOException {
		return putAll(names, from, listener, false);
	}

	/**
	 * The server's files. Names that are not acceptable file names are never returned as files but
	 * set apart, so that a hostile server cannot steer a later download outside the directory. A
	 * listing of more than {@link #MAX_LISTING_BYTES} bytes or more entries than the limits allow is
	 * refused and the connection closed. Only the network is timed: the watchdog stops once the
	 * {@code 226} has arrived, before the entries are parsed.
	 */
	public RemoteListing list() throws IOException {
		return this.listings.list();
	}

	/** The SHA-256 of a file on the server, in lower-case hexadecimal as {@code sha256sum} prints it. */
	public String sha256(FileName name) throws IOException {
		return this.commands.sha256(name);
	}

	/** Checks that the server still answers. */
	public void noop() throws IOException {
		this.link.noop();
	}

	/**
	 * What the server said if it closed this connection while it sat between requests: a server
	 * sends {@code 421} before it closes a connection that was idle too long, or when it stops
	 * (docs/PROTOCOL.md, "Errors and the state of the connection"). Never blocks when nothing has
	 * arrived; a line that has is read under the watchdog. Call it only between exchanges, when no
	 * reply is due, so that anything waiting was sent unasked.
	 * @return the {@code 421}'s text, the connection now closed; empty if the server has said nothing
	 * @throws ConnectionLostException if the server sent anything else unasked; the connection is closed
	 */
	public Optional<String> droppedByServer() throws IOException {
		return this.link.droppedByServer();
	}

	/**
	 * True if bytes from the server are waiting to be read, in the reader's buffer or the socket's;
	 * between exchanges, a sign that {@link #droppedByServer()} has something to read. Never blocks.
	 */
	public boolean hasArrived() throws IOException {
		return this.link.hasArrived();
	}

	/** Says goodbye to the server if it is still there, and closes the connection. */
	@Override
	public void close() {
		this.link.close();
	}

}
