package dev.simpleftp.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.simpleftp.protocol.BodySinkException;
import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PendingWrite;

/**
 * A connection to a Simple FTP server (docs/PROTOCOL.md), usable without the shell. Each method
 * either succeeds, or throws {@link ServerRefusedException} (the server said no; the connection
 * goes on), {@link LocalFileException} (a local file problem; the connection goes on) or
 * {@link ConnectionLostException} (the connection is closed). Files are only ever published
 * whole: a download is written to a hidden temporary file and renamed when complete.
 */
public final class FtpClient implements AutoCloseable {

	static final String PROTOCOL_NAME = "simple-ftp";

	/** The oldest protocol version this client can work with: it needs LIST and {@code body=follows}. */
	static final int PROTOCOL_VERSION = 2;

	/** Requests sent ahead without a reply, at most (docs/PROTOCOL.md, section "Pipelining"). */
	static final int WINDOW = 64;

	/** Bytes of request lines sent ahead without a reply, at most. */
	static final int WINDOW_BYTES = 16 * 1024;

	/** Uploads up to this size are sent without waiting for the server to accept them. */
	static final long EAGER_LIMIT = 1024 * 1024;

	/** The largest listing this client accepts: some 500,000 files. */
	static final long MAX_LISTING_BYTES = 64 * 1024 * 1024;

	private static final String BODY = "body";

	private static final String FOLLOWS = "follows";

	private static final int LINE_BUFFER_SIZE = 64 * 1024;

	/** Bodies move through one buffer this large; see docs/PERFORMANCE.md. */
	private static final int TRANSFER_BUFFER_SIZE = 1024 * 1024;

	private final SocketChannel channel;

	private final String server;

	private final ProtocolReader reader;

	private final ProtocolWriter writer;

	private final Watchdog watchdog;

	private final ProgressListener progress;

	private final ByteBuffer transferBuffer = ByteBuffer.allocateDirect(TRANSFER_BUFFER_SIZE);

	private final Instant connectedAt = Instant.now();

	private int serverVersion;

	private long bytesMoved;

	private int filesMoved;

	private int uploads;

	private FtpClient(SocketChannel channel, String server, Duration timeout) {
		this.channel = channel;
		this.server = server;
		this.reader = new ProtocolReader(channel, LINE_BUFFER_SIZE);
		this.writer = new ProtocolWriter(channel);
		this.watchdog = new Watchdog(channel, timeout);
		this.progress = bytes -> this.watchdog.progress();
	}

	/**
	 * Connects and checks the server's greeting.
	 * @param timeout for the connection, each reply, and each pause in a transfer
	 * @throws ServerRefusedException if the server is busy or stopping
	 * @throws ConnectionLostException if the server cannot be reached or is not a Simple FTP server
	 */
	public static FtpClient connect(String host, int port, Duration timeout) throws IOException {
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
		FtpClient client = new FtpClient(channel, server, timeout);
		client.greet();
		return client;
	}

	private void greet() throws IOException {
		Reply greeting = exchange(() -> {
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
		if (greeting.is(ReplyCode.SERVICE_UNAVAILABLE)) {
			close();
			throw new ServerRefusedException(greeting);
		}
		if (!greeting.is(ReplyCode.READY) || !greeting.parameter("protocol").filter(PROTOCOL_NAME::equals).isPresent()) {
			close();
			throw new ConnectionLostException("not a Simple FTP server: it greeted with '" + greeting + "'", null);
		}
		String version = greeting.parameter("version").orElse("?");
		if (!version.matches("\\d{1,9}") || Integer.parseInt(version) < PROTOCOL_VERSION) {
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
	 * Downloads several files, pipelined: requests go out ahead of the replies (at most
	 * {@link #WINDOW} unanswered), so many small files cost about one round trip rather than one
	 * each. A file the server refuses, or that cannot be written locally, is reported to
	 * {@code listener} and the others go on.
	 * @throws ConnectionLostException if the connection fails; the files finished before are kept
	 */
	public BatchResult getAll(List<FileName> names, FileStore into, TransferListener listener) throws IOException {
		Batch batch = new Batch(listener, this::countMoved);
		exchange(() -> {
			Deque<Download> unanswered = new ArrayDeque<>();
			int unansweredBytes = 0;
			for (FileName name : names) {
				Request request = Request.of("GET", name.value());
				Download download = new Download(name, lineBytes(request));
				while (!unanswered.isEmpty()
						&& (unanswered.size() >= WINDOW || unansweredBytes + download.requestBytes() > WINDOW_BYTES)) {
					this.writer.flush();
					Download oldest = unanswered.removeFirst();
					unansweredBytes -= oldest.requestBytes();
					receiveFile(oldest.name(), into, batch);
				}
				this.writer.queue(request);
				unanswered.addLast(download);
				unansweredBytes += download.requestBytes();
			}
			this.writer.flush();
			while (!unanswered.isEmpty()) {
				receiveFile(unanswered.removeFirst().name(), into, batch);
			}
			return null;
		});
		return batch.result();
	}

	/** Reads one GET's replies and body; the request was sent before. */
	private void receiveFile(FileName name, FileStore into, Batch batch) throws IOException {
		long started = System.nanoTime();
		Reply reply = readReply();
		if (!reply.is(ReplyCode.SENDING)) {
			batch.failed(name, refusal(reply));
			return;
		}
		long length = reply.longParameter("size");
		PendingWrite pending = null;
		LocalFileException localFailure = null;
		try {
			pending = into.beginWrite(name);
		}
		catch (IOException ex) {
			localFailure = new LocalFileException("cannot write " + name + " in " + into.root() + ": " + describe(ex), ex);
		}
		try {
			localFailure = receiveBody(length, pending, localFailure, name, into, batch);
		}
		finally {
			closeQuietly(pending);
		}
		if (localFailure != null) {
			batch.failed(name, localFailure);
			return;
		}
		batch.done(new TransferResult(name, length, Duration.ofNanos(System.nanoTime() - started)));
	}

	/**
	 * Reads a body into {@code pending} (or drops it if there is nowhere to write it) and the
	 * {@code 226} after it, then publishes the file; returns why it could not be, or {@code null}.
	 */
	private LocalFileException receiveBody(long length, PendingWrite pending, LocalFileException earlier, FileName name,
			FileStore into, Batch batch) throws IOException {
		LocalFileException localFailure = earlier;
		try {
			if (pending == null) {
				this.reader.skipBody(length, this.transferBuffer);
			}
			else {
				this.reader.readBody(length, pending.channel(), batch.progress(name, length, this.progress), this.transferBuffer);
			}
		}
		catch (BodySinkException ex) {
			localFailure = new LocalFileException("cannot write " + name + " in " + into.root() + ": "
					+ describe(ex.getCause()), ex.getCause());
		}
		Reply trailer = readReply();
		if (!trailer.is(ReplyCode.TRANSFER_COMPLETE)) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sent '" + trailer + "' after the body of "
					+ name + " instead of 226");
		}
		return (localFailure != null) ? localFailure : commitLocal(pending, name, into);
	}

	/**
	 * Uploads several files, pipelined like {@link #getAll}: a file of at most {@link #EAGER_LIMIT}
	 * bytes goes out straight after its request ({@code body=follows}); a larger one waits for the
	 * server to accept it first, so that a refusal costs no bytes. A file the server refuses, or
	 * that cannot be read locally, is reported to {@code listener} and the others go on.
	 * @throws ConnectionLostException if the connection fails; the files stored before are kept
	 */
	public BatchResult putAll(List<FileName> names, FileStore from, TransferListener listener) throws IOException {
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
					sendUpload(name, file, from, unanswered, batch);
				}
			}
			while (!unanswered.isEmpty()) {
				receiveStored(unanswered.removeFirst(), batch);
			}
			return null;
		});
		return batch.result();
	}

	/**
	 * Sends one upload: a small one with {@code body=follows}, after reading replies if the window
	 * is full; a large one only once every earlier upload is answered and the server accepts it.
	 */
	private void sendUpload(FileName name, FileChannel file, FileStore from, Deque<Upload> unanswered, Batch batch)
			throws IOException {
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
			putAfterAcceptance(new Upload(name, size, 0, System.nanoTime()), file, batch);
			return;
		}
		Request request = Request.of("PUT", name.value(), Long.toString(size)).with(BODY, FOLLOWS);
		Upload upload = new Upload(name, size, lineBytes(request), System.nanoTime());
		while (!unanswered.isEmpty()
				&& (unanswered.size() >= WINDOW || unansweredBytes(unanswered) + upload.requestBytes() > WINDOW_BYTES)) {
			receiveStored(unanswered.removeFirst(), batch);
		}
		this.writer.queue(request);
		this.writer.copyFile(file, size, this.transferBuffer, batch.progress(name, size, this.progress));
		unanswered.addLast(upload);
	}

	private void putAfterAcceptance(Upload upload, FileChannel file, Batch batch) throws IOException {
		this.writer.send(Request.of("PUT", upload.name().value(), Long.toString(upload.size())));
		Reply reply = readReply();
		if (!reply.is(ReplyCode.SENDING)) {
			batch.failed(upload.name(), refusal(reply));
			return;
		}
		this.writer.copyFile(file, upload.size(), this.transferBuffer,
				batch.progress(upload.name(), upload.size(), this.progress));
		receiveStored(upload, batch);
	}

	/** Reads the reply that ends one upload. */
	private void receiveStored(Upload upload, Batch batch) throws IOException {
		Reply reply = readReply();
		if (!reply.is(ReplyCode.TRANSFER_COMPLETE)) {
			batch.failed(upload.name(), refusal(reply));
			return;
		}
		batch.done(new TransferResult(upload.name(), upload.size(), Duration.ofNanos(System.nanoTime() - upload.started())));
	}

	/**
	 * The server's files. Names that are not acceptable file names are never returned as files but
	 * set apart, so that a hostile server cannot steer a later download outside the directory.
	 */
	public RemoteListing list() throws IOException {
		return exchange(() -> {
			this.writer.send(Request.of("LIST"));
			Reply reply = readReply();
			if (!reply.is(ReplyCode.SENDING)) {
				throw refusal(reply);
			}
			long length = reply.longParameter("size");
			if (length > MAX_LISTING_BYTES) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's listing is too large: " + length
						+ " bytes, more than this client accepts (" + Throughput.size(MAX_LISTING_BYTES) + ")");
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream((int) length);
			this.reader.readBody(length, Channels.newChannel(body), this.progress, this.transferBuffer);
			expect(ReplyCode.TRANSFER_COMPLETE, readReply());
			return parseListing(body.toByteArray());
		});
	}

	private static RemoteListing parseListing(byte[] body) throws IOException {
		ProtocolReader lines = new ProtocolReader(Channels.newChannel(new ByteArrayInputStream(body)), 2 * ProtocolReader.MAX_LINE_BYTES);
		List<FileEntry> files = new ArrayList<>();
		List<String> rejected = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String line;
		while ((line = lines.readLine()) != null) {
			ListingEntry entry = ListingEntry.parse(line);
			if (FileName.isValid(entry.name()) && seen.add(entry.name())) {
				files.add(new FileEntry(FileName.of(entry.name()), entry.size(), entry.modified()));
			}
			else {
				rejected.add(FileName.printable(entry.name()));
			}
		}
		files.sort(Comparator.comparing(file -> file.name().value()));
		return new RemoteListing(files, rejected);
	}

	/** Checks that the server still answers. */
	public void noop() throws IOException {
		exchange(() -> {
			this.writer.send(Request.of("NOOP"));
			return expect(ReplyCode.OK, readReply());
		});
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
	private static LocalFileException commitLocal(PendingWrite pending, FileName name, FileStore into) {
		try {
			pending.commit();
			return null;
		}
		catch (IOException ex) {
			return new LocalFileException("cannot save " + name + " in " + into.root() + ": " + describe(ex), ex);
		}
	}

	private static void closeQuietly(PendingWrite pending) {
		if (pending == null) {
			return;
		}
		try {
			pending.close();
		}
		catch (IOException ex) {
			// Only a temporary file is left, which the next start of a store removes.
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
			throw new ConnectionLostException("not connected to " + this.server + " any more", null);
		}
		this.watchdog.arm();
		try {
			return exchange.run();
		}
		catch (ServerRefusedException ex) {
			if (ex.closedConnection()) {
				closeChannel();
			}
			throw ex;
		}
		catch (LocalFileException ex) {
			throw ex;
		}
		catch (IOException ex) {
			closeChannel();
			throw lost(ex);
		}
		finally {
			this.watchdog.disarm();
		}
	}

	private ConnectionLostException lost(IOException ex) {
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

	/** A GET sent and not yet answered. */
	private record Download(FileName name, int requestBytes) {
	}

	/** A PUT sent and not yet answered. */
	private record Upload(FileName name, long size, int requestBytes, long started) {
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
		ProgressListener progress(FileName name, long size, ProgressListener watchdog) {
			long[] moved = { 0 };
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
