package dev.simpleftp.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import dev.simpleftp.protocol.BodySinkException;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
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

	static final String PROTOCOL_VERSION = "1";

	private static final int BUFFER_SIZE = 256 * 1024;

	private final SocketChannel channel;

	private final String server;

	private final ProtocolReader reader;

	private final ProtocolWriter writer;

	private final Watchdog watchdog;

	private FtpClient(SocketChannel channel, String server, Duration timeout) {
		this.channel = channel;
		this.server = server;
		this.reader = new ProtocolReader(channel, BUFFER_SIZE);
		this.writer = new ProtocolWriter(channel);
		this.watchdog = new Watchdog(channel, timeout);
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
		if (!PROTOCOL_VERSION.equals(version)) {
			close();
			throw new ConnectionLostException("the server speaks protocol version " + version + "; this client speaks version "
					+ PROTOCOL_VERSION, null);
		}
	}

	/** {@code host:port} as given to {@link #connect}. */
	public String server() {
		return this.server;
	}

	public boolean isOpen() {
		return this.channel.isOpen();
	}

	/**
	 * Downloads {@code name} into {@code into}, replacing any file of that name only once every
	 * byte has arrived.
	 */
	public TransferResult get(FileName name, FileStore into) throws IOException {
		PendingWrite pending = beginLocalWrite(name, into);
		try (pending) {
			long started = System.nanoTime();
			long size = exchange(() -> {
				this.writer.send(Request.of("GET", name.value()));
				Reply reply = expect(ReplyCode.SENDING, readReply());
				long length = reply.longParameter("size");
				BodySinkException localFailure = null;
				try {
					this.reader.readBody(length, pending.channel(), bytes -> this.watchdog.progress());
				}
				catch (BodySinkException ex) {
					localFailure = ex;
				}
				expect(ReplyCode.TRANSFER_COMPLETE, readReply());
				if (localFailure != null) {
					throw new LocalFileException("cannot write " + name + " in " + into.root() + ": "
							+ localFailure.getMessage(), localFailure.getCause());
				}
				return length;
			});
			commitLocal(pending, name, into);
			return new TransferResult(name, size, Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/** Uploads {@code name} from {@code from}; the server publishes it only once every byte has arrived. */
	public TransferResult put(FileName name, FileStore from) throws IOException {
		FileChannel file = openLocal(name, from);
		try (file) {
			long started = System.nanoTime();
			long size = file.size();
			exchange(() -> {
				this.writer.send(Request.of("PUT", name.value(), Long.toString(size)));
				expect(ReplyCode.SENDING, readReply());
				this.writer.sendFile(file, size, bytes -> this.watchdog.progress());
				return expect(ReplyCode.TRANSFER_COMPLETE, readReply());
			});
			return new TransferResult(name, size, Duration.ofNanos(System.nanoTime() - started));
		}
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

	private PendingWrite beginLocalWrite(FileName name, FileStore into) throws LocalFileException {
		try {
			return into.beginWrite(name);
		}
		catch (IOException ex) {
			throw new LocalFileException("cannot write " + name + " in " + into.root() + ": " + describe(ex), ex);
		}
	}

	private static void commitLocal(PendingWrite pending, FileName name, FileStore into) throws LocalFileException {
		try {
			pending.commit();
		}
		catch (IOException ex) {
			throw new LocalFileException("cannot save " + name + " in " + into.root() + ": " + describe(ex), ex);
		}
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

	@FunctionalInterface
	private interface Exchange<T> {

		T run() throws IOException;

	}

}
