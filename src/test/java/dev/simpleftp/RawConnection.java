package dev.simpleftp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain socket speaking to a server byte by byte, as {@code nc} would: for tests that send what
 * no well-behaved client sends, and read replies exactly as they travel. Reads time out after 10 s.
 */
public final class RawConnection implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	public RawConnection(int port) throws IOException {
		this("127.0.0.1", port);
	}

	/**
	 * Connects from {@code fromAddress}, any of 127.0.0.0/8 on Linux: a test's way of being many
	 * client addresses at once.
	 */
	public RawConnection(String fromAddress, int port) throws IOException {
		this.socket = new Socket();
		this.socket.bind(new InetSocketAddress(fromAddress, 0));
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		this.socket.setSoTimeout(10_000);
		this.socket.setTcpNoDelay(true);
		this.in = new BufferedInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	/** Connects and reads the greeting. */
	public static RawConnection open(int port) throws IOException {
		RawConnection connection = new RawConnection(port);
		String greeting = connection.readLine();
		if (greeting == null || !greeting.startsWith("220 ")) {
			connection.close();
			throw new IOException("unexpected greeting: " + greeting);
		}
		return connection;
	}

	/** Sends {@code line} and a LF. */
	public RawConnection send(String line) throws IOException {
		return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	public RawConnection sendBytes(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/** Sends a line and reads one reply line. */
	public String request(String line) throws IOException {
		send(line);
		return readLine();
	}

	/** The next line without its LF, or null if the server closed the connection. */
	public String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = this.in.read()) != -1 && b != '\n') {
			line.write(b);
		}
		return (b == -1 && line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
	}

	/** True if a byte from the server is waiting to be read: a reply has come, without blocking for one. */
	public boolean hasReply() throws IOException {
		return this.in.available() > 0;
	}

	public byte[] readBytes(int count) throws IOException {
		return this.in.readNBytes(count);
	}

	/** True if the server has closed the connection (reads end of stream). */
	public boolean isClosedByServer() throws IOException {
		return this.in.read() == -1;
	}

	/** Closes at once with a TCP reset rather than an orderly close, like a killed process. */
	public void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
