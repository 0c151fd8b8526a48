package dev.simpleftp.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS over a connection already open, as {@code STARTTLS} starts it (docs/PROTOCOL.md, "TLS"):
 * the server's side with its key and certificate, the client's with the certificates it trusts,
 * checking that the server's certificate names the host it connected to.
 */
public final class Tls {

	private final SSLContext context;

	private final String[] protocols;

	private final String[] ciphers;

	/**
	 * @param protocols the protocol versions to enable, or {@code null} for the JDK's defaults
	 * @param ciphers the cipher suites to enable, or {@code null} for the JDK's defaults
	 */
	public Tls(SSLContext context, String[] protocols, String[] ciphers) {
		this.context = context;
		this.protocols = protocols;
		this.ciphers = ciphers;
	}

	/** The protocol versions a connection may use: those configured, else the JDK's defaults (for the log). */
	public String[] protocols() {
		return (this.protocols != null) ? this.protocols.clone() : this.context.getDefaultSSLParameters().getProtocols();
	}

	/** The server's side: the handshake over {@code socket}, which the returned socket closes. */
	public SSLSocket accept(Socket socket) throws IOException {
		SSLSocket tls = layer(socket, null);
		tls.setUseClientMode(false);
		tls.startHandshake();
		return tls;
	}

	/**
	 * The client's side: the handshake over {@code socket}, checking that the server's certificate
	 * chains to one trusted and names {@code host} (a DNS name or an IP address in its subject
	 * alternative names), as HTTPS does.
	 */
	public SSLSocket connect(Socket socket, String host) throws IOException {
		SSLSocket tls = layer(socket, host);
		tls.setUseClientMode(true);
		SSLParameters parameters = tls.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		tls.setSSLParameters(parameters);
		tls.startHandshake();
		return tls;
	}

	private SSLSocket layer(Socket socket, String host) throws IOException {
		SSLSocket tls = (SSLSocket) this.context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
		if (this.protocols != null) {
			tls.setEnabledProtocols(this.protocols);
		}
		if (this.ciphers != null) {
			tls.setEnabledCipherSuites(this.ciphers);
		}
		return tls;
	}

	/** What the peer sends, decrypted. */
	public static ReadableByteChannel input(SSLSocket socket) throws IOException {
		return new Input(socket.getInputStream());
	}

	/** What goes to the peer, encrypted. */
	public static WritableByteChannel output(SSLSocket socket) throws IOException {
		return new Output(socket.getOutputStream());
	}

	/**
	 * Bytes moved through a TLS stream per call at most, through one array: {@code Channels.newChannel}
	 * moves 8 KiB at a time, which makes 8 KiB TLS records and a system call for each (docs/PERFORMANCE.md,
	 * "TLS"); the array stays small enough for every connection to hold one.
	 */
	static final int CHUNK = 256 * 1024;

	/** Writes each buffer (up to {@link #CHUNK} at a time) in one call, which TLS cuts into full records. */
	private static final class Output implements WritableByteChannel {

		private final OutputStream out;

		private byte[] array = new byte[0];

		private volatile boolean open = true;

		Output(OutputStream out) {
			this.out = out;
		}

		@Override
		public int write(ByteBuffer source) throws IOException {
			int length = Math.min(source.remaining(), CHUNK);
			if (source.hasArray()) {
				this.out.write(source.array(), source.arrayOffset() + source.position(), length);
				source.position(source.position() + length);
				return length;
			}
			if (this.array.length < length) {
				this.array = new byte[length];
			}
			source.get(this.array, 0, length);
			this.out.write(this.array, 0, length);
			return length;
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void close() throws IOException {
			this.open = false;
			this.out.close();
		}

	}

	/**
	 * Reads what has arrived, up to the room given (and {@link #CHUNK}): it waits only for the first
	 * bytes, then takes whatever else TLS has already decrypted.
	 */
	private static final class Input implements ReadableByteChannel {

		private final InputStream in;

		private byte[] array = new byte[0];

		private volatile boolean open = true;

		Input(InputStream in) {
			this.in = in;
		}

		@Override
		public int read(ByteBuffer target) throws IOException {
			int room = Math.min(target.remaining(), CHUNK);
			if (room == 0) {
				return 0;
			}
			if (this.array.length < room) {
				this.array = new byte[room];
			}
			int total = 0;
			do {
				int read = this.in.read(this.array, total, room - total);
				if (read < 0) {
					if (total == 0) {
						return -1;
					}
					break;
				}
				total += read;
			}
			while (total < room && this.in.available() > 0);
			target.put(this.array, 0, total);
			return total;
		}

		@Override
		public boolean isOpen() {
			return this.open;
		}

		@Override
		public void close() throws IOException {
			this.open = false;
			this.in.close();
		}

	}

}
