package dev.simpleftp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32C;

/**
 * A server that runs a script on the first connection and then closes it: a misbehaving or hostile
 * peer, for tests of what the client does with what no real server sends. Records every line it
 * reads, so a test can assert on exactly what the client asked for.
 */
public final class FakeServer implements AutoCloseable {

	/** The greeting of a server speaking version 3, as the real one sends it. */
	public static final String GREETING = "220 protocol=simple-ftp version=3 fake\n";

	/**
	 * The {@code modified=} that {@link #serving} sends on every GET's 150 (which a version 3 client
	 * requires there).
	 */
	public static final String MODIFIED = "2026-01-01T00:00:00Z";

	private final ServerSocket listener;

	private final Thread thread;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile Socket accepted;

	public FakeServer(Script script) throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.thread = new Thread(() -> {
			try (Socket socket = this.listener.accept()) {
				this.accepted = socket;
				script.run(new Peer(socket, this.received));
			}
			catch (Exception ex) {
				// The client closing first ends the script; nothing to report.
			}
		}, "fake-server");
		this.thread.start();
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** The lines read from the client so far, without their line endings. */
	public List<String> received() {
		return List.copyOf(this.received);
	}

	/** Waits for the script to end, at most {@code millis}. */
	public void awaitScript(long millis) throws InterruptedException {
		this.thread.join(millis);
	}

	/** Stops listening and ends the connection, if any, wherever its script is. */
	@Override
	public void close() throws Exception {
		this.listener.close();
		Socket socket = this.accepted;
		if (socket != null) {
			socket.close();
		}
		this.thread.interrupt();
		this.thread.join(5000);
	}

	/**
	 * A script that answers like a version 3 server with a given listing, however hostile (the
	 * client's first request, NOOP, included): LIST
	 * sends {@code listing} as its body, GET sends the file of that name from {@code files} (with
	 * {@code modified=}{@link #MODIFIED}) or 550,
	 * NOOP 200, QUIT 221 and ends.
	 */
	public static Script serving(String listing, Map<String, byte[]> files) {
		return serving(GREETING, listing, files);
	}

	/** As {@link #serving(String, Map)}, with another greeting line. */
	public static Script serving(String greeting, String listing, Map<String, byte[]> files) {
		return client -> {
			client.send(greeting);
			String line;
			while ((line = client.readLine()) != null) {
				if (line.equals("LIST")) {
					byte[] body = listing.getBytes(StandardCharsets.UTF_8);
					String count = "count=" + listing.lines().count();
					client.send("150 size=" + body.length + " " + count + " listing\n").write(body)
						.send("226 size=" + body.length + " " + count + " listed\n");
				}
				else if (line.startsWith("GET ") && files.containsKey(line.substring(4))) {
					byte[] body = files.get(line.substring(4));
					client.send("150 size=" + body.length + " modified=" + MODIFIED + " sending\n")
						.write(body)
						.send("226 size=" + body.length + " crc32c=" + crc32c(body) + " sent\n");
				}
				else if (line.startsWith("GET ")) {
					client.send("550 no such file: " + line.substring(4) + "\n");
				}
				else if (line.equals("NOOP")) {
					client.send("200 ok\n");
				}
				else if (line.equals("QUIT")) {
					client.send("221 goodbye\n");
					return;
				}
				else {
					client.send("500 not in this script: " + line + "\n");
				}
			}
		};
	}

	/**
	 * The CRC32C of {@code bytes} as version 3 carries it in {@code crc32c=} (after GET's and PUT's
	 * body): eight lower-case hexadecimal digits.
	 */
	public static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

	@FunctionalInterface
	public interface Script {

		void run(Peer client) throws Exception;

	}

	/** The fake server's side of the one connection. */
	public static final class Peer {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private final List<String> received;

		Peer(Socket socket, List<String> received) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
			this.received = received;
		}

		public Socket socket() {
			return this.socket;
		}

		/**
		 * Greets as a version 3 server and answers the client's first request, the {@code NOOP} it
		 * sends at once after a good greeting, with {@code 200}; the NOOP is recorded like any line.
		 * @throws IOException if the first request is anything else, or does not come
		 */
		public Peer greet() throws IOException {
			send(GREETING);
			String first = readLine();
			if (!"NOOP".equals(first)) {
				throw new IOException("expected the client's NOOP first, got " + first);
			}
			return send("200 ok\n");
		}

		/** Sends {@code text} as it is: the caller writes the line endings. */
		public Peer send(String text) throws IOException {
			return write(text.getBytes(StandardCharsets.UTF_8));
		}

		public Peer write(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}

		/** The next line without its LF, recorded; {@code null} at end of stream. */
		public String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			if (b == -1 && line.size() == 0) {
				return null;
			}
			String text = line.toString(StandardCharsets.UTF_8);
			this.received.add(text);
			return text;
		}

		/** Exactly {@code count} bytes, as a body. */
		public byte[] readBytes(int count) throws IOException {
			byte[] bytes = this.in.readNBytes(count);
			if (bytes.length < count) {
				throw new EOFException("client sent " + bytes.length + " of " + count + " bytes");
			}
			return bytes;
		}

		/** Reads and records lines until the client says QUIT, answered with 221, or closes the connection. */
		public void readUntilQuit() throws IOException {
			String line;
			while ((line = readLine()) != null) {
				if (line.equals("QUIT")) {
					send("221 goodbye\n");
					return;
				}
			}
		}

	}

}
