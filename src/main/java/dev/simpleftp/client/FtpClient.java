package dev.simpleftp.client;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocket;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.BodyFraming;
import dev.simpleftp.protocol.ChecksumChannel;
import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Tls;
import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileChecksums;
import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.IncomingFile;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.PartialWrite.Source;

/**
 * A connection to a Simple FTP server (docs/PROTOCOL.md), usable without the shell. Each method
 * either succeeds, or throws {@link ServerRefusedException} (the server said no; the connection
 * goes on), {@link LocalFileException} (a local file problem; the connection goes on) or
 * {@link ConnectionLostException} (the connection is closed). Files are only ever published
 * whole: a download is written to a hidden temporary file and renamed when complete.
 */
public final class FtpClient implements AutoCloseable {

	static final String PROTOCOL_NAME = "simple-ftp";

	/** The oldest protocol version this client can work with: it needs checksums on every transfer (3). */
	static final int PROTOCOL_VERSION = 3;

	/** Requests sent ahead without a reply, at most (docs/PROTOCOL.md, section "Pipelining"). */
	static final int WINDOW = 64;

	/** Bytes of request lines sent ahead without a reply, at most. */
	static final int WINDOW_BYTES = 16 * 1024;

	/** Uploads up to this size are sent without waiting for the server to accept them. */
	static final long EAGER_LIMIT = 1024 * 1024;

	/** The largest listing this client accepts: some 500,000 files. */
	static final long MAX_LISTING_BYTES = 64 * 1024 * 1024;

	private static final String BODY = BodyFraming.BODY;

	private static final String FOLLOWS = BodyFraming.FOLLOWS;

	/** PUT's parameter that says a {@code CHECKSUM crc32c=C} line follows the body. */
	private static final String CHECKSUM = BodyFraming.CHECKSUM;

	private static final String TRAILER_VERB = BodyFraming.TRAILER_VERB;

	private static final String OFFSET = BodyFraming.OFFSET;

	private static final String MODIFIED = "modified";

	private static final String RESTART = "restart";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	/** The length of that line, counted with the request in the window. */
	private static final int TRAILER_BYTES = "CHECKSUM crc32c=01234567\n".length();

	private static final int LINE_BUFFER_SIZE = 64 * 1024;

	/** Bodies move through one buffer this large; see docs/PERFORMANCE.md. */
	private static final int TRANSFER_BUFFER_SIZE = 1024 * 1024;

	private final SocketChannel channel;

	private final String server;

	private ProtocolReader reader;

	private ProtocolWriter writer;

	/** The TLS socket once {@code STARTTLS} has succeeded, or {@code null}. */
	private SSLSocket encrypted;

	private String user;

	private String access;

	private final ClientLimits limits;

	private final Watchdog watchdog;

	private final ProgressListener progress;

	private final ByteBuffer transferBuffer = ByteBuffer.allocateDirect(TRANSFER_BUFFER_SIZE);

	private final Instant connectedAt = Instant.now();

	private int serverVersion;

	private long bytesMoved;

	private int filesMoved;

	private int uploads;

	/** An exchange is running: only then does {@link #interrupt()} have anything to stop. */
	private volatile boolean busy;

	/** Set by {@link #interrupt()} before it closes the channel: the closing is the user's doing, not a failure. */
	private volatile boolean interrupted;

	private FtpClient(SocketChannel channel, String server, ClientLimits limits) {
		this.channel = channel;
		this.server = server;
		this.limits = limits;
		this.reader = new ProtocolReader(channel, LINE_BUFFER_SIZE);
		this.writer = new ProtocolWriter(channel);
		this.watchdog = new Watchdog(channel, limits.timeout(), limits.minRate());
		this.progress = this.watchdog::moved;
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
		Duration timeout = limits.timeout();
		String server = host + ":" + port;
		SocketChannel channel = SocketChannel.open();
		try {
			channel.socket().connect(new InetSocketAddress(host, port), (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (UnknownHostException ex) {
			channel.close();
			throw new ConnectionLostException("cannot connect to " + server + ": unknown host " + host, ex);
		}
		catch (SocketTimeoutException ex) {
			channel.close();
			throw new ConnectionLostException("cannot connect to " + server + ": no answer within " + seconds(timeout), ex);
		}
		catch (IOException ex) {
			channel.close();
			throw new ConnectionLostException("cannot connect to " + server + ": " + lowerCase(ex.getMessage())
					+ " (is the server running on that port?)", ex);
		}
		FtpClient client = new FtpClient(channel, server, limits);
		try {
			client.greet(host, tls, credentials);
		}
		catch (IOException | RuntimeException ex) {
			client.closeChannel(); // most paths close it already; a refused STARTTLS, for one, did not
			throw ex;
		}
		return client;
	}

	private void greet(String host, Tls tls, Credentials credentials) throws IOException {
		Reply greeting = readGreeting();
		boolean tlsRequired = greeting.is(ReplyCode.READY) && greeting.parameter("tls").filter("required"::equals).isPresent();
		if (tls != null && greeting.is(ReplyCode.READY) && !tlsRequired) {
			close();
			throw new ConnectionLostException("the server at " + this.server + " does not offer TLS; not connecting without it"
					+ " (ftp.client.ssl.bundle is set)", null);
		}
		if (tls == null && tlsRequired) {
			close();
			throw new ConnectionLostException("the server at " + this.server + " requires TLS: set ftp.client.ssl.bundle to"
					+ " an SSL bundle that trusts its certificate (README, \"TLS and accounts\")", null);
		}
		if (tls != null) {
			startTls(host, tls);
			greeting = readGreeting();
		}
		checkGreeting(greeting);
		if (greeting.parameter("login").filter("required"::equals).isPresent()) {
			logIn(credentials);
			return;
		}
		try {
			noop();
		}
		catch (ServerRefusedException ex) {
			close();
			if (ex.closedConnection()) {
				throw ex;
			}
			throw new ConnectionLostException("not a working Simple FTP server: it answered NOOP with '" + ex.reply()
					+ "'", ex);
		}
	}

	/** {@code LOGIN user password}; its {@code 230} says the account's access. The password is wiped after. */
	private void logIn(Credentials credentials) throws IOException {
		Credentials.Login login;
		try {
			login = credentials.ask(this.server);
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
		if (login == null) {
			close();
			throw new ConnectionLostException("the server at " + this.server + " requires a login: open it with --user NAME"
					+ " (the password is asked for)", null);
		}
		try {
			Reply loggedIn = exchange(() -> {
				this.writer.send(Request.of("LOGIN", login.user(), new String(login.password())));
				return expect(ReplyCode.LOGGED_IN, readReply());
			});
			this.user = login.user();
			this.access = loggedIn.parameter("access").orElse("?");
		}
		catch (ServerRefusedException ex) {
			close();
			throw ex;
		}
		finally {
			java.util.Arrays.fill(login.password(), '\0');
		}
	}

	/** The user logged in as, or {@code null} if the server needs no login. */
	public String user() {
		return this.user;
	}

	/** The logged-in account's access ({@code read-only}, {@code upload-only}, {@code read-write}), or {@code null}. */
	public String access() {
		return this.access;
	}

	/** {@code STARTTLS}, its {@code 234}, the handshake; then lines and bodies go through TLS. */
	private void startTls(String host, Tls tls) throws IOException {
		exchange(() -> {
			this.writer.send(Request.of("STARTTLS"));
			return expect(ReplyCode.TLS_GO_AHEAD, readReply());
		});
		SSLSocket socket;
		this.watchdog.arm();
		try {
			socket = tls.connect(this.channel.socket(), host);
		}
		catch (IOException ex) {
			closeChannel();
			throw new ConnectionLostException("TLS with " + this.server + " failed: " + describe(ex)
					+ (this.watchdog.fired() ? "" : " (does the SSL bundle of ftp.client.ssl.bundle trust the server's"
							+ " certificate, and is the certificate for " + host + "?)"), ex);
		}
		finally {
			this.watchdog.disarm();
		}
		this.encrypted = socket;
		this.reader = new ProtocolReader(Tls.input(socket), LINE_BUFFER_SIZE);
		this.writer = new ProtocolWriter(Tls.output(socket));
	}

	/** Whether this connection runs over TLS. */
	public boolean isEncrypted() {
		return this.encrypted != null;
	}

	private Reply readGreeting() throws IOException {
		return exchange(() -> {
			String line = this.reader.readLine();
			if (line == null) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server closed the connection without a greeting");
			}
			try {
				return Reply.parse(line);
			}
			catch (ProtocolException ex) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "not a Simple FTP server: it said '" + ex.getMessage() + "'");
			}
		});
	}

	private void checkGreeting(Reply greeting) throws IOException {
		if (greeting.is(ReplyCode.SERVICE_UNAVAILABLE)) {
			close();
			throw new ServerRefusedException(greeting);
		}
		if (!greeting.is(ReplyCode.READY) || !greeting.parameter("protocol").filter(PROTOCOL_NAME::equals).isPresent()) {
			close();
			throw new ConnectionLostException("not a Simple FTP server: it greeted with '" + greeting + "'", null);
		}
		String version = greeting.parameter("version").orElse("?");
		if (greeting.parameter("version").isPresent() && !version.matches("\\d{1,9}")) {
			close();
			throw new ConnectionLostException("cannot read the protocol version in the server's greeting: version="
					+ FileName.printable(version) + " is not a version number", null);
		}
		if (greeting.parameter("version").isEmpty() || Integer.parseInt(version) < PROTOCOL_VERSION) {
			close();
			throw new ConnectionLostException("the server speaks protocol version " + version + "; this client needs version "
					+ PROTOCOL_VERSION + " or later (upgrade the server)", null);
		}
		this.serverVersion = Integer.parseInt(version);
	}

	/** {@code host:port} as given to {@link #connect}. */
	public String server() {
		return this.server;
	}

	/** The protocol version the server's greeting named. */
	public int serverVersion() {
		return this.serverVersion;
	}

	public Instant connectedAt() {
		return this.connectedAt;
	}

	/** Bytes of files moved whole over this connection, both ways. */
	public synchronized long bytesMoved() {
		return this.bytesMoved;
	}

	/** Files moved whole over this connection, both ways. */
	public synchronized int filesMoved() {
		return this.filesMoved;
	}

	/** Files uploaded whole over this connection: when it changes, a cached listing is stale. */
	public synchronized int uploads() {
		return this.uploads;
	}

	private synchronized void countMoved(TransferResult result) {
		this.bytesMoved += result.bytes();
		this.filesMoved++;
	}

	private synchronized void countUploaded(TransferResult result) {
		countMoved(result);
		this.uploads++;
	}

	public boolean isOpen() {
		return this.channel.isOpen();
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
		if (!this.busy || !this.channel.isOpen()) {
			return false;
		}
		this.interrupted = true;
		closeChannel();
		return true;
	}

	/** True if {@link #interrupt()} closed this connection. */
	public boolean wasInterrupted() {
		return this.interrupted;
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
		Batch batch = new Batch(listener, this::countMoved);
		exchange(() -> {
			Deque<Download> unanswered = new ArrayDeque<>();
			int unansweredBytes = 0;
			for (FileName name : names) {
				Resume resume;
				try {
					resume = restart ? Resume.dropped(into, name) : Resume.of(into, name);
				}
				catch (IOException ex) {
					batch.failed(name, new LocalFileException("cannot read the partial download of " + name + " in "
							+ into.root() + ": " + describe(ex), ex));
					continue;
				}
				Request request = (resume == null) ? Request.of("GET", name.value()) : resume.request(name);
				Download download = new Download(name, lineBytes(request), resume);
				while (!unanswered.isEmpty()
						&& (unanswered.size() >= WINDOW || unansweredBytes + download.requestBytes() > WINDOW_BYTES)) {
					this.writer.flush();
					Download oldest = unanswered.removeFirst();
					unansweredBytes -= oldest.requestBytes();
					receiveFile(oldest, into, batch);
				}
				this.writer.queue(request);
				unanswered.addLast(download);
				unansweredBytes += download.requestBytes();
			}
			this.writer.flush();
			while (!unanswered.isEmpty()) {
				receiveFile(unanswered.removeFirst(), into, batch);
			}
			return null;
		});
		return batch.result();
	}

	/** As {@link #getAll(List, FileStore, TransferListener, boolean)}, resuming where it can. */
	public BatchResult getAll(List<FileName> names, FileStore into, TransferListener listener) throws IOException {
		return getAll(names, into, listener, false);
	}

	/** Reads one GET's replies and body; the request was sent before. */
	private void receiveFile(Download download, FileStore into, Batch batch) throws IOException {
		FileName name = download.name();
		long started = System.nanoTime();
		Reply reply = readReply();
		if (!reply.is(ReplyCode.SENDING)) {
			requireRefusal(reply, "GET " + name);
			if (download.resume() != null && reply.is(ReplyCode.FILE_UNAVAILABLE)) {
				discardPartialQuietly(into, name); // the server's file is gone: nothing to resume any more
			}
			batch.failed(name, refusal(reply));
			return;
		}
		long size = reply.longParameter("size");
		long offset = reply.parameter("offset").isPresent() ? reply.longParameter("offset") : 0;
		String modified = reply.parameter(MODIFIED).orElseThrow(() -> new ProtocolException(ReplyCode.SYNTAX_ERROR,
				"the server sent no modified= with " + name));
		if (offset > size || (offset > 0 && (download.resume() == null || offset != download.resume().offset()))) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sends " + name + " from byte " + offset
					+ ", which this client did not ask for");
		}
		String restarted = (download.resume() != null && offset == 0)
				? reply.parameter(RESTART).orElse("the server sends it whole") : null;
		requireSpace(into, name, size - offset);
		IncomingFile incoming = null;
		IOException localFailure = null;
		try {
			incoming = landing(into, name, size, offset, modified, download.resume(), restarted);
		}
		catch (IOException ex) {
			localFailure = new LocalFileException("cannot write " + name + " in " + into.root() + ": " + describe(ex), ex);
		}
		try {
			localFailure = receiveBody(size, offset, incoming, localFailure, name, into,
					batch.progress(name, size, offset, this.progress));
		}
		finally {
			closeQuietly(incoming); // after a cut-off a partial file stays, to resume from
		}
		if (localFailure != null) {
			batch.failed(name, localFailure);
			return;
		}
		batch.done(new TransferResult(name, size - offset, Duration.ofNanos(System.nanoTime() - started), offset, restarted));
	}

	/**
	 * Where a download goes: a file over {@link PartialWrite#WORTH_KEEPING} (or one being resumed) into
	 * its partial file, kept from {@code offset} with the CRC32C computed when the resume was asked
	 * for; a smaller one into a temporary file.
	 */
	private static IncomingFile landing(FileStore into, FileName name, long size, long offset, String modified,
			Resume resume, String restarted) throws IOException {
		if (size <= PartialWrite.WORTH_KEEPING && offset == 0) {
			if (resume != null) {
				into.discardPartial(name);
			}
			return IncomingFile.temporary(into.beginWrite(name));
		}
		Optional<PartialWrite> partial = into.beginPartial(name);
		if (partial.isEmpty()) {
			if (offset > 0) {
				throw new IOException("another transfer is writing its partial file");
			}
			return IncomingFile.temporary(into.beginWrite(name));
		}
		Checksum checksum = (offset > 0) ? resume.checksum() : Checksums.newCrc32c();
		Source source;
		try {
			source = new Source(size, Numbers.parseInstant(modified, MODIFIED)); // parsed only here: it costs
		}
		catch (ProtocolException ex) {
			partial.get().close();
			throw ex;
		}
		return IncomingFile.partial(partial.get(), offset, source, checksum, restarted);
	}

	/**
	 * Reads a body into {@code incoming} (or drops it if there is nowhere to write it) and the
	 * {@code 226} after it, checks the CRC32C of the whole file against the server's, then publishes
	 * the file; returns why it could not be, or {@code null}. A corrupted or unwritable file is
	 * discarded; a cut-off (an exception) leaves a partial file to resume from.
	 */
	private IOException receiveBody(long size, long offset, IncomingFile incoming, IOException earlier, FileName name,
			FileStore into, ProgressListener progress) throws IOException {
		long length = size - offset;
		IOException localFailure = earlier;
		ChecksumChannel written = null;
		if (incoming == null) {
			this.reader.skipBody(length, this.transferBuffer);
		}
		else {
			StoppingSink sink = new StoppingSink(new ChecksumChannel(incoming.channel(), incoming.checksum()));
			written = sink.target();
			try {
				this.reader.readBody(length, sink, progress, this.transferBuffer);
			}
			catch (UncheckedIOException ex) {
				discardQuietly(incoming); // frees the disk: a partial that filled it helps no one
				throw new DownloadStoppedException("cannot write " + name + " in " + into.root() + ": "
						+ describe(sink.failure()) + "; the download stopped and nothing of it was kept", sink.failure());
			}
		}
		Reply trailer = readReply();
		if (!trailer.is(ReplyCode.TRANSFER_COMPLETE)) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sent '" + trailer + "' after the body of "
					+ name + " instead of 226");
		}
		if (trailer.longParameter("size") != size) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's 226 after the body of " + name + " says size="
					+ trailer.longParameter("size") + ", its 150 said " + size + ": the replies are out of step");
		}
		long sent = Checksums.parse(trailer.parameter(Checksums.CRC32C).orElseThrow(() -> new ProtocolException(
				ReplyCode.SYNTAX_ERROR, "the server sent no crc32c= after the body of " + name)), "crc32c");
		if (localFailure != null) {
			discardQuietly(incoming);
			return localFailure;
		}
		if (sent != written.checksum().getValue()) {
			discardQuietly(incoming);
			return new ChecksumMismatchException("checksum mismatch: " + name + " was not saved (the server sent crc32c "
					+ Checksums.format(sent) + ", the bytes written have " + Checksums.format(written.checksum())
					+ "; get it again)");
		}
		return commitLocal(incoming, name, into);
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
		Batch batch = new Batch(listener, this::countUploaded);
		exchange(() -> {
			Deque<Upload> unanswered = new ArrayDeque<>();
			for (FileName name : names) {
				FileChannel file;
				try {
					file = openLocal(name, from);
				}
				catch (LocalFileException ex) {
					batch.failed(name, ex);
					continue;
				}
				try (file) {
					sendUpload(name, file, from, unanswered, batch, restart);
				}
			}
			while (!unanswered.isEmpty()) {
				receiveStored(unanswered.removeFirst(), batch);
			}
			return null;
		});
		return batch.result();
	}

	/** As {@link #putAll(List, FileStore, TransferListener, boolean)}, resuming where it can. */
	public BatchResult putAll(List<FileName> names, FileStore from, TransferListener listener) throws IOException {
		return putAll(names, from, listener, false);
	}

	/**
	 * Sends one upload: a small one with {@code body=follows}, after reading replies if the window
	 * is full; a large one only once every earlier upload is answered and the server accepts it.
	 */
	private void sendUpload(FileName name, FileChannel file, FileStore from, Deque<Upload> unanswered, Batch batch,
			boolean restart) throws IOException {
		long size;
		try {
			size = file.size();
		}
		catch (IOException ex) {
			batch.failed(name, new LocalFileException("cannot read " + name + " in " + from.root() + ": " + describe(ex), ex));
			return;
		}
		if (size > EAGER_LIMIT) {
			while (!unanswered.isEmpty()) {
				receiveStored(unanswered.removeFirst(), batch);
			}
			Instant modified;
			try {
				modified = from.modified(name);
			}
			catch (IOException ex) {
				batch.failed(name, new LocalFileException("cannot read " + name + " in " + from.root() + ": " + describe(ex), ex));
				return;
			}
			putAfterAcceptance(name, file, new Source(size, modified), batch, restart);
			return;
		}
		Request request = Request.of("PUT", name.value(), Long.toString(size)).with(BODY, FOLLOWS).with(CHECKSUM, Checksums.CRC32C);
		Upload upload = new Upload(name, size, lineBytes(request) + TRAILER_BYTES, System.nanoTime(), 0, null);
		while (!unanswered.isEmpty()
				&& (unanswered.size() >= WINDOW || unansweredBytes(unanswered) + upload.requestBytes() > WINDOW_BYTES)) {
			receiveStored(unanswered.removeFirst(), batch);
		}
		this.writer.queue(request);
		sendBody(file, upload, Checksums.newCrc32c(), batch);
		unanswered.addLast(upload);
	}

	/** A large upload: asks what the server holds of it (unless restarting), then sends what is missing. */
	private void putAfterAcceptance(FileName name, FileChannel file, Source source, Batch batch, boolean restart)
			throws IOException {
		long started = System.nanoTime();
		Checksum checksum = Checksums.newCrc32c();
		long asked = 0;
		String restarted = null;
		if (!restart) {
			PartialUpload held;
			try {
				held = partialUpload(name);
			}
			catch (ServerRefusedException ex) { // one that closed the connection is thrown on by refusal()
				batch.failed(name, ex);
				return;
			}
			if (held != null) {
				restarted = held.mismatch(source, file, checksum);
				asked = (restarted == null) ? held.offset() : 0;
			}
		}
		Request request = Request.of("PUT", name.value(), Long.toString(source.size()))
			.with(MODIFIED, source.modified().toString())
			.with(CHECKSUM, Checksums.CRC32C);
		this.writer.send((asked > 0) ? request.with(OFFSET, Long.toString(asked)) : request);
		Reply reply = readReply();
		if (!reply.is(ReplyCode.SENDING)) {
			requireRefusal(reply, "PUT " + name);
			batch.failed(name, refusal(reply));
			return;
		}
		long offset = reply.parameter(OFFSET).isPresent() ? reply.longParameter(OFFSET) : 0;
		if (offset != 0 && offset != asked) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server asks for " + name + " from byte " + offset
					+ ", which this client did not offer");
		}
		if (offset == 0 && asked > 0) {
			checksum.reset();
			restarted = reply.parameter(RESTART).orElse("the server asks for it whole");
		}
		Upload upload = new Upload(name, source.size(), 0, started, offset, restarted);
		sendBody(file, upload, checksum, batch);
		receiveStored(upload, batch);
	}

	/** What the server holds of an interrupted upload of {@code name}, or {@code null} if nothing. */
	private PartialUpload partialUpload(FileName name) throws IOException {
		this.writer.send(Request.of("PARTIAL", name.value()));
		Reply reply = readReply();
		if (reply.is(ReplyCode.FILE_UNAVAILABLE)) {
			return null;
		}
		if (!reply.is(ReplyCode.OK)) {
			throw refusal(reply);
		}
		return new PartialUpload(reply.longParameter(OFFSET),
				new Source(reply.longParameter("size"), Numbers.parseInstant(reply.parameter(MODIFIED).orElse(""), MODIFIED)),
				Checksums.parse(reply.parameter(Checksums.CRC32C).orElse(""), Checksums.CRC32C));
	}

	/**
	 * Sends an upload's bytes from its offset, then the CHECKSUM line with the CRC32C of the whole
	 * file ({@code checksum} holds that of the bytes before the offset); queued, not flushed.
	 */
	private void sendBody(FileChannel file, Upload upload, Checksum checksum, Batch batch) throws IOException {
		this.writer.copyFile(file, upload.offset(), upload.size(), this.transferBuffer,
				batch.progress(upload.name(), upload.size(), upload.offset(), this.progress), checksum);
		this.writer.queue(Request.of(TRAILER_VERB).with(Checksums.CRC32C, Checksums.format(checksum)));
	}

	/** Reads the reply that ends one upload, after sending whatever is queued. */
	private void receiveStored(Upload upload, Batch batch) throws IOException {
		this.writer.flush();
		Reply reply = readReply();
		if (!reply.is(ReplyCode.TRANSFER_COMPLETE)) {
			requireRefusal(reply, "PUT " + upload.name());
			batch.failed(upload.name(), refusal(reply));
			return;
		}
		if (reply.longParameter("size") != upload.size()) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's 226 for " + upload.name() + " says size="
					+ reply.longParameter("size") + ", not " + upload.size() + ": the replies are out of step");
		}
		batch.done(new TransferResult(upload.name(), upload.size() - upload.offset(),
				Duration.ofNanos(System.nanoTime() - upload.started()), upload.offset(), upload.restarted()));
	}

	/**
	 * The server's files. Names that are not acceptable file names are never returned as files but
	 * set apart, so that a hostile server cannot steer a later download outside the directory. A
	 * listing of more than {@link #MAX_LISTING_BYTES} bytes or more entries than the limits allow is
	 * refused and the connection closed. Only the network is timed: the watchdog stops once the
	 * {@code 226} has arrived, before the entries are parsed.
	 */
	public RemoteListing list() throws IOException {
		int maxEntries = this.limits.maxListEntries();
		return exchange(() -> {
			this.writer.send(Request.of("LIST"));
			Reply reply = readReply();
			if (!reply.is(ReplyCode.SENDING)) {
				requireRefusal(reply, "LIST");
				throw refusal(reply);
			}
			long length = reply.longParameter("size");
			if (length > MAX_LISTING_BYTES) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's listing is too large: " + length
						+ " bytes, more than this client accepts (" + Throughput.size(MAX_LISTING_BYTES) + ")");
			}
			if (reply.parameter("count").isPresent() && reply.longParameter("count") > maxEntries) {
				throw tooManyEntries(reply.longParameter("count") + " entries");
			}
			byte[] body = new byte[(int) length];
			this.reader.readBody(length, Channels.newChannel(new ArraySink(body)), this.progress,
					this.transferBuffer);
			Reply trailer = readReply();
			if (!trailer.is(ReplyCode.TRANSFER_COMPLETE) || trailer.longParameter("size") != length) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sent '" + trailer + "' after a listing of "
						+ length + " bytes instead of 226 size=" + length + ": the replies are out of step");
			}
			this.watchdog.disarm();
			return parseListing(body, maxEntries);
		});
	}

	private static ProtocolException tooManyEntries(String what) {
		return new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's listing is too large: " + what
				+ ", more than this client accepts (ftp.client.max-list-entries)");
	}

	/**
	 * Parses a listing, holding one small {@link FileEntry} per file: names already seen are found
	 * by sorting (stably, so the first of a name is the one kept), not with a set beside the list.
	 */
	private static RemoteListing parseListing(byte[] body, int maxEntries) throws IOException {
		ProtocolReader lines = new ProtocolReader(Channels.newChannel(new ByteArrayInputStream(body)), 2 * ProtocolReader.MAX_LINE_BYTES);
		List<FileEntry> files = new ArrayList<>();
		List<String> rejected = new ArrayList<>();
		String line;
		int entries = 0;
		while ((line = lines.readLine()) != null) {
			if (++entries > maxEntries) {
				throw tooManyEntries("more than " + maxEntries + " entries");
			}
			ListingEntry entry = ListingEntry.parse(line);
			if (FileName.isValid(entry.name())) {
				files.add(new FileEntry(FileName.of(entry.name()), entry.size(), entry.modified()));
			}
			else {
				rejected.add(FileName.printable(entry.name()));
			}
		}
		files.sort(Comparator.comparing(file -> file.name().value()));
		List<FileEntry> unique = new ArrayList<>(files.size());
		for (FileEntry file : files) {
			if (!unique.isEmpty() && unique.get(unique.size() - 1).name().equals(file.name())) {
				rejected.add(FileName.printable(file.name().value()));
			}
			else {
				unique.add(file);
			}
		}
		return new RemoteListing(unique, rejected);
	}

	/** Lets a body be read straight into an array of its exact size, without a growing copy. */
	private static final class ArraySink extends java.io.OutputStream {

		private final byte[] target;

		private int position;

		ArraySink(byte[] target) {
			this.target = target;
		}

		@Override
		public void write(int b) {
			this.target[this.position++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			System.arraycopy(bytes, offset, this.target, this.position, length);
			this.position += length;
		}

	}

	/** The SHA-256 of a file on the server, in lower-case hexadecimal as {@code sha256sum} prints it. */
	public String sha256(FileName name) throws IOException {
		return exchange(() -> {
			this.writer.send(Request.of("HASH", name.value()));
			Reply reply = readReply();
			if (!reply.is(ReplyCode.OK)) {
				throw refusal(reply);
			}
			String sha256 = reply.parameter("sha256").orElse("");
			if (!SHA256.matcher(sha256).matches()) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's HASH reply has no sha256= of 64"
						+ " hexadecimal digits: '" + reply + "'");
			}
			return sha256;
		});
	}

	/** Checks that the server still answers. */
	public void noop() throws IOException {
		exchange(() -> {
			this.writer.send(Request.of("NOOP"));
			return expect(ReplyCode.OK, readReply());
		});
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
		if (!this.channel.isOpen() || !hasArrived()) {
			return Optional.empty();
		}
		Reply said = exchange(this::readReply);
		closeChannel();
		if (!said.is(ReplyCode.SERVICE_UNAVAILABLE)) {
			throw new ConnectionLostException("the server sent '" + said + "' when no reply was due; connection closed",
					null);
		}
		return Optional.of(said.text().isEmpty() ? "server replied " + said.code() : said.text());
	}

	/**
	 * True if bytes from the server are waiting to be read, in the reader's buffer or the socket's;
	 * between exchanges, a sign that {@link #droppedByServer()} has something to read. Never blocks.
	 */
	public boolean hasArrived() throws IOException {
		return this.reader.hasBuffered() || this.channel.socket().getInputStream().available() > 0
				|| (this.encrypted != null && this.encrypted.getInputStream().available() > 0);
	}

	/** Says goodbye to the server if it is still there, and closes the connection. */
	@Override
	public void close() {
		try {
			if (this.channel.isOpen()) {
				exchange(() -> {
					this.writer.send(Request.of("QUIT"));
					return readReply();
				});
			}
		}
		catch (IOException ex) {
			// Closing either way; the server may already be gone.
		}
		finally {
			closeChannel();
		}
	}

	/** Publishes a download; returns why it could not be, or {@code null}. */
	private static LocalFileException commitLocal(IncomingFile incoming, FileName name, FileStore into) {
		try {
			incoming.commit();
			return null;
		}
		catch (IOException ex) {
			return new LocalFileException("cannot save " + name + " in " + into.root() + ": " + describe(ex), ex);
		}
	}

	private static void closeQuietly(IncomingFile incoming) {
		if (incoming == null) {
			return;
		}
		try {
			incoming.close();
		}
		catch (IOException ex) {
			// Only a temporary file is left, which the next start of a store removes.
		}
	}

	private static void discardQuietly(IncomingFile incoming) {
		if (incoming == null) {
			return;
		}
		try {
			incoming.discard();
		}
		catch (IOException ex) {
			// A temporary file is removed by the next start of a store; a partial one is replaced next time.
		}
	}

	private static void discardPartialQuietly(FileStore into, FileName name) {
		try {
			into.discardPartial(name);
		}
		catch (IOException ex) {
			// Replaced by the next download of that name.
		}
	}

	private static int lineBytes(Request request) {
		return request.encode().getBytes(StandardCharsets.UTF_8).length + 1;
	}

	private static FileChannel openLocal(FileName name, FileStore from) throws LocalFileException {
		try {
			return from.openForRead(name);
		}
		catch (NoSuchFileException ex) {
			throw new LocalFileException("no such local file: " + name + " (in " + from.root() + ")", ex);
		}
		catch (IOException ex) {
			throw new LocalFileException("cannot read " + name + " in " + from.root() + ": " + describe(ex), ex);
		}
	}

	private Reply readReply() throws IOException {
		String line = this.reader.readLine();
		this.watchdog.progress();
		if (line == null) {
			throw new EOFException("the server closed the connection");
		}
		return Reply.parse(line);
	}

	/**
	 * A reply that is not the success awaited must be a failure (4xx, 5xx) to be the answer to
	 * {@code request}; anything else (a {@code 226} where a {@code 150} is due) means the replies
	 * are out of step, and nothing more read from the stream can be trusted.
	 */
	private static void requireRefusal(Reply reply, String request) throws ProtocolException {
		if (reply.code() < 400) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server answered " + request + " with '" + reply
					+ "', which is no answer to it: the replies are out of step");
		}
	}

	/**
	 * Refuses, before any byte is written, a download that would leave less than
	 * {@code ftp.client.min-free-space} on the disk: a server may declare any size.
	 */
	private void requireSpace(FileStore into, FileName name, long bytes) throws IOException {
		long free;
		try {
			free = into.usableSpace();
		}
		catch (IOException ex) {
			return; // the disk cannot say: a write that fails stops the download instead
		}
		if (bytes > free - this.limits.minFreeSpace()) {
			throw new DownloadStoppedException("not enough space for " + name + " in " + into.root() + ": the server"
					+ " sends " + Throughput.size(bytes) + ", the disk has " + Throughput.size(free) + " free and "
					+ Throughput.size(this.limits.minFreeSpace()) + " is kept free (ftp.client.min-free-space);"
					+ " nothing was written", null);
		}
	}

	private static Reply expect(ReplyCode code, Reply reply) throws ServerRefusedException {
		if (!reply.is(code)) {
			throw new ServerRefusedException(reply);
		}
		return reply;
	}

	/** A refusal that closed the connection ends the whole exchange; any other concerns one file. */
	private ServerRefusedException refusal(Reply reply) throws ServerRefusedException {
		ServerRefusedException refused = new ServerRefusedException(reply);
		if (refused.closedConnection()) {
			throw refused;
		}
		return refused;
	}

	/**
	 * Runs one request-reply exchange under the watchdog. Anything but a refusal or a local file
	 * problem leaves the connection in an unknown state, so it is closed.
	 */
	private <T> T exchange(Exchange<T> exchange) throws IOException {
		if (!this.channel.isOpen()) {
			throw this.interrupted ? new TransferInterruptedException(this.server, null)
					: new ConnectionLostException("not connected to " + this.server + " any more", null);
		}
		boolean outer = this.busy;
		this.busy = true;
		this.watchdog.arm();
		try {
			return exchange.run();
		}
		catch (IOException ex) {
			if (this.interrupted) {
				closeChannel();
				throw new TransferInterruptedException(this.server, ex);
			}
			if (ex instanceof ServerRefusedException refused) {
				if (refused.closedConnection()) {
					closeChannel();
				}
				throw ex;
			}
			if (ex instanceof LocalFileException) {
				throw ex;
			}
			closeChannel();
			throw lost(ex);
		}
		finally {
			this.watchdog.disarm();
			this.busy = outer;
		}
	}

	private ConnectionLostException lost(IOException ex) {
		if (this.watchdog.tooSlow()) {
			return new ConnectionLostException("the transfer from " + this.server + " moved less than "
					+ Throughput.size(this.watchdog.minRate()) + "/s over " + seconds(this.watchdog.timeout())
					+ " (ftp.client.min-rate); connection closed", ex);
		}
		if (ex instanceof DownloadStoppedException) {
			return new ConnectionLostException(ex.getMessage() + "; connection closed", ex);
		}
		if (this.watchdog.fired()) {
			return new ConnectionLostException("no answer from " + this.server + " for "
					+ seconds(this.watchdog.timeout()) + "; connection closed", ex);
		}
		if (ex instanceof ProtocolException) {
			return new ConnectionLostException(ex.getMessage() + "; connection closed", ex);
		}
		return new ConnectionLostException("connection to " + this.server + " lost: " + describe(ex), ex);
	}

	private void closeChannel() {
		this.watchdog.close();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Nothing more to do for a channel being discarded.
		}
	}

	private static String describe(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return "no such file or directory";
		}
		String message = ex.getMessage();
		return (message != null) ? lowerCase(message) : ex.getClass().getSimpleName();
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static String lowerCase(String message) {
		return (message == null || message.isEmpty()) ? "unknown error"
				: Character.toLowerCase(message.charAt(0)) + message.substring(1);
	}

	/** A download that cannot go on: the body still on its way cannot be read, so the connection ends. */
	private static final class DownloadStoppedException extends IOException {

		DownloadStoppedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * Passes a body to {@code target} and, at its first write failure, remembers it and throws it
	 * unchecked: the reader would take an {@link IOException} as the sink's and read the rest of the
	 * body to drop it, which a server declaring any size could make go on for ever.
	 */
	private static final class StoppingSink implements WritableByteChannel {

		private final ChecksumChannel target;

		private IOException failure;

		StoppingSink(ChecksumChannel target) {
			this.target = target;
		}

		ChecksumChannel target() {
			return this.target;
		}

		IOException failure() {
			return this.failure;
		}

		@Override
		public int write(ByteBuffer bytes) throws IOException {
			try {
				return this.target.write(bytes);
			}
			catch (IOException ex) {
				this.failure = ex;
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public boolean isOpen() {
			return this.target.isOpen();
		}

		@Override
		public void close() throws IOException {
			this.target.close();
		}

	}

	/** A GET sent and not yet answered. */
	private record Download(FileName name, int requestBytes, Resume resume) {
	}

	/** A PUT sent and not yet answered. */
	private record Upload(FileName name, long size, int requestBytes, long started, long offset, String restarted) {
	}

	/** What the client holds of an interrupted download: the bytes, the server's file they came from, their CRC32C. */
	private record Resume(long offset, Source source, Checksum checksum) {

		/** The partial download of {@code name} worth resuming, if any. */
		static Resume of(FileStore into, FileName name) throws IOException {
			if (!into.hasPartial(name)) {
				return null;
			}
			Optional<PartialWrite> held = into.beginPartial(name);
			if (held.isEmpty()) {
				return null; // another transfer is writing it: this one starts afresh, into a temporary file
			}
			try (PartialWrite partial = held.get()) {
				long length = partial.length();
				if (partial.recordedSource().isEmpty() || length == 0) {
					return null;
				}
				Checksum checksum = Checksums.newCrc32c();
				partial.addFirst(length, checksum);
				return new Resume(length, partial.recordedSource().get(), checksum);
			}
		}

		/** Drops any partial download of {@code name}: the transfer starts from its first byte. */
		static Resume dropped(FileStore into, FileName name) throws IOException {
			into.discardPartial(name);
			return null;
		}

		Request request(FileName name) {
			return Request.of("GET", name.value())
				.with(OFFSET, Long.toString(this.offset))
				.with("size", Long.toString(this.source.size()))
				.with(MODIFIED, this.source.modified().toString())
				.with(Checksums.CRC32C, Checksums.format(this.checksum));
		}

	}

	/** What the server holds of an interrupted upload, as {@code PARTIAL} told. */
	private record PartialUpload(long offset, Source source, long crc32c) {

		/**
		 * Why the upload cannot resume from {@link #offset}, or {@code null} if it can; then
		 * {@code checksum} holds the CRC32C of the local file's first {@link #offset} bytes.
		 */
		String mismatch(Source local, FileChannel file, Checksum checksum) throws IOException {
			if (!this.source.equals(local) || this.offset > local.size()) {
				return "the server's partial upload came from another version of the file";
			}
			FileChecksums.add(checksum, file, this.offset);
			if (checksum.getValue() != this.crc32c) {
				checksum.reset();
				return "the server's partial upload differs from this file in its first " + this.offset + " bytes";
			}
			return null;
		}

	}

	private static int unansweredBytes(Deque<Upload> unanswered) {
		int bytes = 0;
		for (Upload upload : unanswered) {
			bytes += upload.requestBytes();
		}
		return bytes;
	}

	/** Collects how each file of a batch ended, and tells the listener as it goes. */
	private static final class Batch {

		private final TransferListener listener;

		private final Consumer<TransferResult> counter;

		private final long started = System.nanoTime();

		private final List<TransferResult> done = new ArrayList<>();

		private final Map<FileName, IOException> failed = new LinkedHashMap<>();

		Batch(TransferListener listener, Consumer<TransferResult> counter) {
			this.listener = listener;
			this.counter = counter;
		}

		void done(TransferResult result) {
			this.done.add(result);
			this.counter.accept(result);
			this.listener.finished(result);
		}

		void failed(FileName name, IOException cause) {
			this.failed.put(name, cause);
			this.listener.failed(name, cause);
		}

		/** Counts a body's bytes for the listener, after telling {@code watchdog} they moved. */
		ProgressListener progress(FileName name, long size, long alreadyThere, ProgressListener watchdog) {
			if (alreadyThere > 0) {
				this.listener.resumed(name, alreadyThere, size);
			}
			long[] moved = { alreadyThere };
			return bytes -> {
				watchdog.moved(bytes);
				moved[0] += bytes;
				this.listener.moved(name, moved[0], size);
			};
		}

		BatchResult result() {
			return new BatchResult(this.done, this.failed, Duration.ofNanos(System.nanoTime() - this.started));
		}

	}

	@FunctionalInterface
	private interface Exchange<T> {

		T run() throws IOException;

	}

}
