package dev.simpleftp.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.InvalidFileNameException;

import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/**
 * The shell commands: a thin layer that checks arguments, calls {@link FtpClient} and prints one
 * line per result. A failure is thrown as {@link CommandFailedException} with the line to show.
 * Not profile-bound: Spring Shell's command scan does not see profiles given on the command line,
 * so the class is lazy and its dependency carries the profile instead.
 */
@Lazy
@Component
class ClientCommands {

	private static final String CONNECTED = "connectedAvailability";

	private final ClientConnection connection;

	ClientCommands(ClientConnection connection) {
		this.connection = connection;
	}

	@Command(name = "open", alias = "OPEN", group = "Simple FTP",
			description = "connect to a server (usage: open [HOST] PORT; HOST defaults to ftp.client.host)",
			help = "open [HOST] PORT\n  Connects to the Simple FTP server at HOST:PORT; HOST defaults to ftp.client.host"
					+ " (127.0.0.1).\n  Closes the current connection first, if any.\n  Examples: open 12000, open localhost 12000")
	public String open(@Arguments List<String> arguments) {
		if (arguments.isEmpty() || arguments.size() > 2) {
			throw new CommandFailedException("usage: open [HOST] PORT, for example open 12000");
		}
		String host = (arguments.size() == 2) ? arguments.get(0) : this.connection.settings().host();
		int port = parsePort(arguments.get(arguments.size() - 1));
		List<String> lines = new ArrayList<>();
		this.connection.close().ifPresent(previous -> lines.add("closed connection to " + previous));
		try {
			FtpClient client = this.connection.open(host, port);
			lines.add("connected to " + client.server());
		}
		catch (IOException ex) {
			lines.add(ex.getMessage());
			throw new CommandFailedException(String.join("\n", lines));
		}
		return String.join("\n", lines);
	}

	@Command(name = "get", alias = "GET", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "download NAME from the server into the client directory (usage: get NAME)",
			help = "get NAME\n  Downloads NAME from the server into the client directory (ftp.client.directory),"
					+ "\n  replacing a local file of that name only once every byte has arrived."
					+ "\n  Quote a name with spaces: get \"my file.txt\"")
	public String get(@Arguments List<String> arguments) {
		FileName name = singleName("get", arguments);
		FtpClient client = this.connection.require();
		return "got " + transfer(() -> client.get(name, this.connection.local()));
	}

	@Command(name = "put", alias = "PUT", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "upload NAME from the client directory to the server (usage: put NAME)",
			help = "put NAME\n  Uploads NAME from the client directory (ftp.client.directory) to the server,"
					+ "\n  which replaces its file of that name only once every byte has arrived."
					+ "\n  Quote a name with spaces: put \"my file.txt\"")
	public String put(@Arguments List<String> arguments) {
		FileName name = singleName("put", arguments);
		FtpClient client = this.connection.require();
		return "put " + transfer(() -> client.put(name, this.connection.local()));
	}

	@Command(name = "close", alias = "CLOSE", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "close the connection and stay in the client (usage: close)",
			help = "close\n  Closes the connection to the server; the client keeps running, so you can open another.")
	public String close() {
		return this.connection.close().map(server -> "closed connection to " + server)
			.orElseThrow(() -> new CommandFailedException(ClientConnection.NOT_CONNECTED));
	}

	@Command(name = "quit", alias = { "QUIT", "exit", "EXIT" }, group = "Simple FTP",
			description = "close any connection and leave the client (usage: quit)",
			help = "quit\n  Closes any connection and leaves the client. Also spelled exit.")
	public String quit() {
		String said = this.connection.close().map(server -> "closed connection to " + server + "\n").orElse("");
		this.connection.requestQuit();
		return said + "bye";
	}

	private static int parsePort(String text) {
		try {
			int port = Integer.parseInt(text);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, as for a number out of range.
		}
		throw new CommandFailedException("bad port '" + text + "': expected a number from 1 to 65535, as in open 12000");
	}

	private static FileName singleName(String command, List<String> arguments) {
		if (arguments.isEmpty()) {
			throw new CommandFailedException("usage: " + command + " NAME");
		}
		if (arguments.size() > 1) {
			String joined = String.join(" ", arguments).replaceAll("^'|'$", "");
			throw new CommandFailedException(command + " takes one name; quote a name with spaces in double quotes: "
					+ command + " \"" + joined + "\"");
		}
		try {
			return FileName.of(arguments.get(0));
		}
		catch (InvalidFileNameException ex) {
			throw new CommandFailedException(ex.getMessage());
		}
	}

	private static String transfer(Transfer transfer) {
		try {
			return transfer.run().describe();
		}
		catch (IOException ex) {
			throw new CommandFailedException(failureMessage(ex));
		}
	}

	private static String failureMessage(IOException ex) {
		if (ex instanceof ServerRefusedException refused && refused.closedConnection()) {
			return ex.getMessage() + "; connection closed, use open to reconnect";
		}
		if (ex instanceof ConnectionLostException) {
			return ex.getMessage() + "; use open to reconnect";
		}
		return ex.getMessage();
	}

	@FunctionalInterface
	private interface Transfer {

		TransferResult run() throws IOException;

	}

}
