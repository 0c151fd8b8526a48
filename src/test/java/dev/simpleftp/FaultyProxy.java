package dev.simpleftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on 127.0.0.1 between a client and a server that injects one fault in flight: it
 * flips one bit of one byte (the fault a transfer's checksum must catch), or it cuts the
 * connection (the fault a resume must recover from). The place is the {@code offset}-th byte after
 * the end of the first line, in the chosen direction, that starts with {@code marker} (a GET's
 * {@code 150} from the server, a PUT's request from the client): that byte is flipped, or the
 * connection is closed with exactly {@code offset} bytes passed. Only the first such line counts,
 * so after a flip the connection's later transfers pass untouched. One connection at a time, as
 * the tests need.
 */
public final class FaultyProxy implements AutoCloseable {

	public enum Direction {
		TO_CLIENT, TO_SERVER
	}

	public enum Fault {
		FLIP, CUT
	}

	private final ServerSocket listener;

	private final int serverPort;

	private final Direction direction;

	private final byte[] marker;

	private final long offset;

	private final Fault fault;

	private final AtomicBoolean injected = new AtomicBoolean();

	private final Thread acceptor;

	/** A proxy that flips the byte. */
	public FaultyProxy(int serverPort, Direction direction, String marker, long offset) throws IOException {
		this(serverPort, direction, marker, offset, Fault.FLIP);
	}

	public FaultyProxy(int serverPort, Direction direction, String marker, long offset, Fault fault) throws IOException {
		this.fault = fault;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.serverPort = serverPort;
		this.direction = direction;
		this.marker = marker.getBytes(StandardCharsets.UTF_8);
		this.offset = offset;
		this.acceptor = new Thread(this::accept, "corrupting-proxy");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Whether the fault was injected (a test asserts it, so that a pass is not an accident of timing). */
	public boolean injected() {
		return this.injected.get();
	}

	private void accept() {
		try {
			while (true) {
				Socket client = this.listener.accept();
				Socket server = new Socket(InetAddress.getLoopbackAddress(), this.serverPort);
				pump(client, server, this.direction == Direction.TO_SERVER);
				pump(server, client, this.direction == Direction.TO_CLIENT);
			}
		}
		catch (IOException ex) {
			// Closed by close().
		}
	}

	private void pump(Socket from, Socket to, boolean corrupt) {
		Thread pump = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				byte[] buffer = new byte[64 * 1024];
				Scanner scanner = corrupt ? new Scanner() : null;
				int read;
				while ((read = in.read(buffer)) > 0) {
					int pass = (scanner != null) ? scanner.pass(buffer, read) : read;
					out.write(buffer, 0, pass);
					if (scanner != null && scanner.cut) {
						out.flush();
						break; // closing both sockets below
					}
				}
			}
			catch (IOException ex) {
				// One side closed; the other follows.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "corrupting-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	/** Finds the marker line in a stream and flips the chosen byte after it. */
	private final class Scanner {

		private final StringBuilder line = new StringBuilder();

		private boolean found;

		private long afterLine;

		private boolean cut;

		/** Applies the fault to these bytes; returns how many of them to pass on (fewer for a cut). */
		int pass(byte[] bytes, int length) {
			for (int i = 0; i < length && !FaultyProxy.this.injected.get(); i++) {
				if (this.found) {
					if (this.afterLine++ == FaultyProxy.this.offset) {
						FaultyProxy.this.injected.set(true);
						if (FaultyProxy.this.fault == Fault.CUT) {
							this.cut = true;
							return i;
						}
						bytes[i] ^= 0x10;
					}
				}
				else if (bytes[i] == '\n') {
					this.found = startsWithMarker();
					this.line.setLength(0);
				}
				else if (this.line.length() < 4096) {
					this.line.append((char) (bytes[i] & 0xff));
				}
				if (this.found && FaultyProxy.this.fault == Fault.CUT && FaultyProxy.this.offset == 0
						&& bytes[i] == '\n') {
					FaultyProxy.this.injected.set(true); // cut right after the line: no byte of the body passes
					this.cut = true;
					return i + 1;
				}
			}
			return length;
		}

		private boolean startsWithMarker() {
			if (this.line.length() < FaultyProxy.this.marker.length) {
				return false;
			}
			for (int i = 0; i < FaultyProxy.this.marker.length; i++) {
				if (this.line.charAt(i) != (char) (FaultyProxy.this.marker[i] & 0xff)) {
					return false;
				}
			}
			return true;
		}

	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
	}

}
