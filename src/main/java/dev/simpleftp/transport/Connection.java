package dev.simpleftp.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.ProtocolWriter;

/**
 * One connection over a socket channel, plain or, after {@link #startTls}, TLS: owns the channel,
 * the {@link ProtocolReader} and {@link ProtocolWriter} over it, and how it closes.
 */
public final class Connection {

	/**
	 * Bytes buffered per connection for request lines (and pipelined bodies read with them); kept
	 * small since an idle connection holds it. Bodies mostly move through buffers of their own.
	 */
	private static final int BUFFER_SIZE = 8 * 1024;

	/** Bytes of replies held to go out in one write: the {@code 150} before a body, mostly. */
	private static final int REPLY_QUEUE_SIZE = 1024;

	/** How long, and for how many bytes, a connection ended by this side keeps reading before it closes. */
	private static final long LINGER_NANOS = Duration.ofMillis(200).toNanos();

	private static final long LINGER_MAX_BYTES = 1024 * 1024;

	private final SocketChannel channel;

	private final ProgressListener moved;

	private final int bufferSize;

	private final int queueSize;

	/** The TLS socket once {@link #startTls} has succeeded. */
	private SSLSocket encrypted;

	private ProtocolReader reader;

	private ProtocolWriter writer;

	/** A server's side of a connection. @param moved told of the bytes that move either way */
	public Connection(SocketChannel channel, ProgressListener moved) {
		this(channel, BUFFER_SIZE, REPLY_QUEUE_SIZE, moved);
	}

	/**
	 * @param bufferSize the reader's buffer, for lines and what arrives with them
	 * @param queueSize the writer's queue of lines to go out in one write
	 * @param moved told of the bytes that move either way
	 */
	public Connection(SocketChannel channel, int bufferSize, int queueSize, ProgressListener moved) {
		this.channel = channel;
		this.bufferSize = bufferSize;
		this.queueSize = queueSize;
		this.moved = moved;
		this.reader = new ProtocolReader(channel, bufferSize, moved);
		this.writer = new ProtocolWriter(channel, queueSize, moved);
	}

	public ProtocolReader reader() {
		return this.reader;
	}

	public ProtocolWriter writer() {
		return this.writer;
	}

	/** The channel under the connection: for a selector to watch it while nothing is buffered. */
	public SocketChannel channel() {
		return this.channel;
	}

	public boolean isOpen() {
		return this.channel.isOpen();
	}

	/** Whether the connection runs over TLS. */
	public boolean isEncrypted() {
		return this.encrypted != null;
	}

	/**
	 * Runs the TLS handshake as the server over the channel's socket; from then on the reader and
	 * writer go through TLS.
	 * @return the TLS session agreed
	 */
	public SSLSession startTls(Tls tls) throws IOException {
		return encrypt(tls.accept(this.channel.socket()));
	}

	/**
	 * Runs the TLS handshake as the client over the channel's socket, checking that the server's
	 * certificate is for {@code host}; from then on the reader and writer go through TLS.
	 * @return the TLS session agreed
	 */
	public SSLSession connectTls(Tls tls, String host) throws IOException {
		return encrypt(tls.connect(this.channel.socket(), host));
	}

	private SSLSession encrypt(SSLSocket socket) throws IOException {
		this.encrypted = socket;
		this.reader = new ProtocolReader(Tls.input(socket), this.bufferSize, this.moved);
		this.writer = new ProtocolWriter(Tls.output(socket), this.queueSize, this.moved);
		return socket.getSession();
	}

	/**
	 * True if bytes from the peer are waiting to be read, in the reader's buffer, the socket's or
	 * the TLS socket's. Never blocks.
	 */
	public boolean hasArrived() throws IOException {
		return this.reader.hasBuffered() || this.channel.socket().getInputStream().available() > 0
				|| (this.encrypted != null && this.encrypted.getInputStream().available() > 0);
	}

	/**
	 * Whether the peer has closed the connection (or its sending side), seen without waiting. What
	 * has arrived meanwhile stays buffered in the reader.
	 */
	public boolean peerGone() {
		try {
			if (this.encrypted != null) {
				// Under TLS the bytes go through the TLS socket: a read that times out at once.
				int timeout = this.encrypted.getSoTimeout();
				this.encrypted.setSoTimeout(1);
				try {
					return this.reader.endedAhead();
				}
				finally {
					this.encrypted.setSoTimeout(timeout);
				}
			}
			this.channel.configureBlocking(false);
			try {
				return this.reader.endedAhead();
			}
			finally {
				this.channel.configureBlocking(true);
			}
		}
		catch (IOException ex) {
			return true;
		}
	}

	/** Ends the input, so that a read (or a selector) sees the end of the stream at once. */
	public void shutdownInput() throws IOException {
		this.channel.shutdownInput();
	}

	/**
	 * Closes a connection this side ends after its last reply: the output first, then, for a short
	 * while, what the peer still sends is read and dropped. Closing a socket with unread bytes makes
	 * the kernel reset it, and a reset can make the peer lose that last reply, the one that says why
	 * (a refused upload whose body was already on its way, say). The channel is closed in any case.
	 */
	public void lingerThenClose() throws IOException {
		try {
			this.channel.shutdownOutput();
			this.channel.configureBlocking(false);
			ByteBuffer drain = ByteBuffer.allocate(64 * 1024);
			long deadline = System.nanoTime() + LINGER_NANOS;
			long drained = 0;
			while (System.nanoTime() < deadline && drained < LINGER_MAX_BYTES) {
				int read = this.channel.read(drain.clear());
				if (read < 0) {
					break;
				}
				drained += read;
				if (read == 0) {
					Thread.sleep(10);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close();
		}
	}

	public void close() throws IOException {
		this.channel.close();
	}

	/** The peer's address, or {@code null} if it was gone before it could be asked. */
	public static InetAddress remoteAddress(SocketChannel channel) {
		try {
			InetSocketAddress address = (InetSocketAddress) channel.getRemoteAddress();
			return (address != null) ? address.getAddress() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** The peer as the logs name it: host and port. */
	public static String describePeer(SocketChannel channel) {
		try {
			InetSocketAddress address = (InetSocketAddress) channel.getRemoteAddress();
			return (address != null) ? address.getHostString() + ":" + address.getPort() : "unknown peer";
		}
		catch (IOException ex) {
			return "unknown peer";
		}
	}

}
