package dev.simpleftp.protocol;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.Channels;
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
		return Channels.newChannel(socket.getInputStream());
	}

	/** What goes to the peer, encrypted. */
	public static WritableByteChannel output(SSLSocket socket) throws IOException {
		return Channels.newChannel(socket.getOutputStream());
	}

}
