package dev.simpleftp.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;


import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.transfer.Throughput;
import dev.simpleftp.transport.Connection;
import dev.simpleftp.transport.Tls;

/**
 * The connection as the client's parts share it: the socket, the line reader and writer (plain or
 * over TLS), the watchdog and the one transfer buffer; the exchange that runs each request under the
 * watchdog, and what a failure makes of the connection.
 */
final class ServerLink {

	/** Requests sent ahead without a reply, at most (docs/PROTOCOL.md, section "Pipelining"). */
	static final int WINDOW = 64;

	/** Bytes of request lines sent ahead without a reply, at most. */
	static final int WINDOW_BYTES = 16 * 1024;

	private static final int LINE_BUFFER_SIZE = 64 * 1024;

	/** Bodies move through one buffer this large; see docs/PERFORMANCE.md. */
	private static final int TRANSFER_BUFFER_SIZE = 1024 * 1024;

	private final SocketChannel channel;

	private final String server;

	/** The reader and writer, plain or, after {@code STARTTLS}, over TLS. */
	private final Connection connection;

	private final ClientLimits limits;

	private final Watchdog watchdog;

	private final ProgressListener progress;

	private final ByteBuffer transferBuffer = ByteBuffer.allocateDirect(TRANSFER_BUFFER_SIZE);

	/** An exchange is running: only then does {@link #interrupt()} have anything to stop. */
	private volatile boolean busy;

	/** Set by {@link #interrupt()} before it closes the channel: the closing is the user's doing, not a failure. */
	private volatile boolean interrupted;

	ServerLink(SocketChannel channel, String server, ClientLimits limits) {
		this.channel = channel;
		this.connection = new Connection(channel, LINE_BUFFER_SIZE, ProtocolWriter.DEFAULT_QUEUE_SIZE, ProgressListener.NONE);
		this.server = server;
		this.limits = limits;
		this.watchdog = new Watchdog(channel, limits.timeout(), limits.minRate());
		this.progress = this.watchdog::moved;
	}

	String server() {
		return this.server;
	}

	ClientLimits limits() {
		return this.limits;
	}

	ProtocolReader reader() {
		return this.connection.reader();
	}

	ProtocolWriter writer() {
		return this.connection.writer();
	}

	Watchdog watchdog() {
		return this.watchdog;
	}

	/** Tells the watchdog that body bytes moved. */
	ProgressListener progress() {
		return this.progress;
	}

	/** The one buffer every body moves through. */
	ByteBuffer transferBuffer() {
		return this.transferBuffer;
	}

	/** Runs the TLS handshake for {@code host}; from then on lines and bodies go through TLS. */
	void startTls(Tls tls, String host) throws IOException {
		this.connection.connectTls(tls, host);
	}

	boolean isEncrypted() {
		return this.connection.isEncrypted();
	}

	boolean isOpen() {
		return this.channel.isOpen();
	}

	/** See {@link FtpClient#interrupt()}. */
	boolean interrupt() {
		if (!this.busy || !this.channel.isOpen()) {
			return false;
		}
		this.interrupted = true;
		closeChannel();
		return true;
	}

	boolean wasInterrupted() {
		return this.interrupted;
	}

	/** Checks that the server still answers. */
	void noop() throws IOException {
		exchange(() -> {
			writer().send(Request.of(Verb.NOOP));
			return Failures.expect(ReplyCode.OK, readReply());
		});
	}

	Optional<String> droppedByServer() throws IOException {
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
	boolean hasArrived() throws IOException {
		return this.connection.hasArrived();
	}

	/** Says goodbye to the server if it is still there, and closes the connection. */
	void close() {
		try {
			if (this.channel.isOpen()) {
				exchange(() -> {
					writer().send(Request.of(Verb.QUIT));
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

	static int lineBytes(Request request) {
		return request.encode().getBytes(StandardCharsets.UTF_8).length + 1;
	}

	Reply readReply() throws IOException {
		String line = reader().readLine();
		this.watchdog.progress();
		if (line == null) {
			throw new EOFException("the server closed the connection");
		}
		return Reply.parse(line);
	}

	/** A refusal that closed the connection ends the whole exchange; any other concerns one file. */
	ServerRefusedException refusal(Reply reply) throws ServerRefusedException {
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
	<T> T exchange(Exchange<T> exchange) throws IOException {
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
					+ Throughput.size(this.watchdog.minRate()) + "/s over " + Failures.seconds(this.watchdog.timeout())
					+ " (ftp.client.min-rate); connection closed", ex);
		}
		if (ex instanceof DownloadStoppedException) {
			return new ConnectionLostException(ex.getMessage() + "; connection closed", ex);
		}
		if (this.watchdog.fired()) {
			return new ConnectionLostException("no answer from " + this.server + " for "
					+ Failures.seconds(this.watchdog.timeout()) + "; connection closed", ex);
		}
		if (ex instanceof ProtocolException) {
			return new ConnectionLostException(ex.getMessage() + "; connection closed", ex);
		}
		return new ConnectionLostException("connection to " + this.server + " lost: " + Failures.describe(ex), ex);
	}

	void closeChannel() {
		this.watchdog.close();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Nothing more to do for a channel being discarded.
		}
	}

	@FunctionalInterface
	interface Exchange<T> {

		T run() throws IOException;

	}

}
