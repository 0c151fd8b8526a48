package dev.simpleftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that passes what the server sends to the client at no more than a set
 * rate (a slow network), and what the client sends at full speed: a download through it is still in
 * flight when a test acts. Its socket to the server has a small receive buffer, so that the server
 * cannot park many megabytes in the proxy. When either side closes, the bytes already read are
 * passed on and both sides are closed. {@link #close()} closes the listener and every connection.
 */
public final class ThrottledProxy implements AutoCloseable {

	private static final int UPSTREAM_RECEIVE_BUFFER = 64 * 1024;

	private final ServerSocket listener;

	private final int serverPort;

	private final long bytesPerSecond;

	private final long uploadBytesPerSecond;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	public ThrottledProxy(int serverPort, long bytesPerSecond) throws IOException {
		this(serverPort, bytesPerSecond, Long.MAX_VALUE);
	}

	/**
	 * A proxy that also passes what the client sends at no more than {@code uploadBytesPerSecond};
	 * its sockets from the client then have a small receive buffer too, so that an upload through
	 * it is still in flight when a test acts.
	 */
	public ThrottledProxy(int serverPort, long bytesPerSecond, long uploadBytesPerSecond) throws IOException {
		this.listener = new ServerSocket();
		if (uploadBytesPerSecond != Long.MAX_VALUE) {
			this.listener.setReceiveBufferSize(UPSTREAM_RECEIVE_BUFFER);
		}
		this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		this.serverPort = serverPort;
		this.bytesPerSecond = bytesPerSecond;
		this.uploadBytesPerSecond = uploadBytesPerSecond;
		Thread acceptor = new Thread(this::accept, "throttled-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	private void accept() {
		try {
			while (true) {
				Socket client = this.listener.accept();
				Socket server = new Socket();
				server.setReceiveBufferSize(UPSTREAM_RECEIVE_BUFFER);
				this.sockets.add(client);
				this.sockets.add(server);
				server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.serverPort), 5000);
				pump(client, server, this.uploadBytesPerSecond);
				pump(server, client, this.bytesPerSecond);
			}
		}
		catch (IOException ex) {
			// Closed by close().
		}
	}

	private void pump(Socket from, Socket to, long rate) {
		Thread pump = new Thread(() -> {
			int chunk = (int) Math.max(1024, Math.min(64 * 1024, rate / 50)); // some 20 ms worth at a time
			byte[] buffer = new byte[chunk];
			long started = System.nanoTime();
			long passed = 0;
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) > 0) {
					out.write(buffer, 0, read);
					passed += read;
					if (rate != Long.MAX_VALUE) {
						long due = started + TimeUnit.SECONDS.toNanos(1) * passed / rate;
						long wait = due - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
					}
				}
			}
			catch (IOException | InterruptedException ex) {
				// One side closed or reset; the other follows.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "throttled-proxy-pump");
		pump.setDaemon(true);
		pump.start();
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
		this.sockets.forEach(ThrottledProxy::closeQuietly);
	}

}
