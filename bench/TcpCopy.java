import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The protocol-less baseline for the benchmark: one file over one plain TCP connection between two
 * processes, 64 KiB at a time, with nothing else on the wire. Run as a single-file program:
 *
 * <pre>
 * java bench/TcpCopy.java send FILE PORTFILE          listens on 127.0.0.1:0, writes its port to PORTFILE,
 *                                                     sends FILE to the first connection and exits
 * java bench/TcpCopy.java receive HOST PORT OUTFILE   writes what it receives to OUTFILE and prints
 *                                                     "received BYTES bytes in NANOS ns"
 * </pre>
 *
 * The receiver's time runs from the moment it is connected until the last byte is in OUTFILE and
 * the file is closed, so it leaves out JVM start-up, as the Simple FTP client's own figure does.
 */
public class TcpCopy {

	private static final int BUFFER_SIZE = 64 * 1024;

	public static void main(String[] args) throws IOException {
		if (args.length == 3 && args[0].equals("send")) {
			send(Path.of(args[1]), Path.of(args[2]));
		}
		else if (args.length == 4 && args[0].equals("receive")) {
			receive(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
		}
		else {
			System.err.println("usage: java TcpCopy.java send FILE PORTFILE | receive HOST PORT OUTFILE");
			System.exit(2);
		}
	}

	private static void send(Path file, Path portFile) throws IOException {
		try (ServerSocket listener = new ServerSocket()) {
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			publishPort(listener.getLocalPort(), portFile);
			try (Socket socket = listener.accept();
					InputStream in = Files.newInputStream(file);
					OutputStream out = socket.getOutputStream()) {
				copy(in, out);
			}
		}
	}

	/** Written whole under a temporary name and renamed, so a reader never sees half a number. */
	private static void publishPort(int port, Path portFile) throws IOException {
		Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
		Files.writeString(temporary, Integer.toString(port));
		Files.move(temporary, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	private static void receive(String host, int port, Path file) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			long started = System.nanoTime();
			long bytes;
			try (InputStream in = socket.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
				bytes = copy(in, out);
			}
			long elapsed = System.nanoTime() - started;
			System.out.println("received " + bytes + " bytes in " + elapsed + " ns");
		}
	}

	private static long copy(InputStream in, OutputStream out) throws IOException {
		byte[] buffer = new byte[BUFFER_SIZE];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) >= 0) {
			out.write(buffer, 0, read);
			total += read;
		}
		return total;
	}

}
