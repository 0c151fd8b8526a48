import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Plain sockets that connect, read the greeting, and then say nothing until closed. */
final class IdleConnections implements AutoCloseable {

	private final List<Socket> sockets = new ArrayList<>();

	int size() {
		return this.sockets.size();
	}

	static IdleConnections open(String host, int port, int count, Duration timeout) throws IOException {
		IdleConnections connections = new IdleConnections();
		try {
			for (int i = 1; i <= count; i++) {
				Socket socket = new Socket();
				connections.sockets.add(socket);
				socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
				socket.setSoTimeout((int) timeout.toMillis());
				String greeting = readLine(socket.getInputStream());
				Bench.require(greeting.startsWith("220 "), "idle connection " + i + " was greeted with '" + greeting + "'");
			}
			return connections;
		}
		catch (IOException | RuntimeException ex) {
			connections.close();
			throw ex;
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.write(b);
		}
		return line.toString(StandardCharsets.UTF_8).strip();
	}

	@Override
	public void close() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Closing either way.
			}
		}
	}

}
