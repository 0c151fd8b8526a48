package dev.simpleftp.client.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import dev.simpleftp.client.BatchResult;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.LocalFileException;
import dev.simpleftp.client.RemoteListing;
import dev.simpleftp.client.TransferInterruptedException;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.client.TransferResult;
import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;

import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import static dev.simpleftp.protocol.Parameters.RESTART;

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


	private static final String OPEN_USAGE = "open [--user NAME] [HOST] [PORT]";

	private static final String GET_USAGE = "get [--restart] NAME...";

	private static final String PUT_USAGE = "put [--restart] NAME...";

	private static final String RESTART_DESCRIPTION = "start from the first byte, even if part of the file is already there";

	private final ClientConnection connection;

	private final ProgressBars progressBars;

	ClientCommands(ClientConnection connection, ProgressBars progressBars) {
		this.connection = connection;
		this.progressBars = progressBars;
	}

	@Command(name = "open", alias = "OPEN", group = "Simple FTP",
			description = "connect to a server (usage: " + OPEN_USAGE + ")",
			help = OPEN_USAGE + "\n  Connects to the Simple FTP server at HOST:PORT; HOST defaults to ftp.client.host"
					+ " (127.0.0.1)\n  and PORT to ftp.client.port (12000). A word of digits alone is the PORT."
					+ "\n  Closes the current connection first, if any. If the server requires a login, the password"
					+ "\n  is asked for without echo (or taken from the environment variable " + ClientConnection.PASSWORD_VARIABLE + ")"
					+ "\n  and never written to the history; the user is NAME, or asked for.\n  Examples: open 12000,"
					+ " open localhost, open localhost 12000, open --user alice files.example.org 12000")
	public String open(@Option(longName = "user", description = "the user to log in as, if the server requires a login")
			String user, @Arguments List<String> arguments, CommandContext context) {
		if (arguments.size() > 2) {
			throw new CommandFailedException("usage: " + OPEN_USAGE + ", for example open 12000");
		}
		boolean portOnly = arguments.size() == 1 && arguments.get(0).chars().allMatch(Character::isDigit);
		String host = (arguments.isEmpty() || portOnly) ? this.connection.settings().host() : arguments.get(0);
		int port = (arguments.size() == 2 || portOnly) ? CommandWords.parsePort(arguments.get(arguments.size() - 1))
				: this.connection.settings().port();
		List<String> lines = new ArrayList<>();
		this.connection.close().ifPresent(previous -> lines.add("closed connection to " + previous));
		try {
			FtpClient client = this.connection.open(host, port, ClientConnection.asking(user, context.inputReader()));
			lines.add("connected to " + client.server() + (client.isEncrypted() ? " over TLS" : "")
					+ ((client.user() != null) ? ", logged in as " + client.user() + " (" + client.access() + ")" : ""));
		}
		catch (IOException ex) {
			lines.add(ex.getMessage());
			throw new CommandFailedException(String.join("\n", lines));
		}
		return String.join("\n", lines);
	}

	@Command(name = "get", alias = "GET", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "download files from the server into the client directory (usage: " + GET_USAGE + ")",
			help = GET_USAGE + "\n  Downloads each NAME from the server into the client directory (ftp.client.directory),"
					+ "\n  replacing a local file of that name only once every byte has arrived and its checksum"
					+ "\n  matches the server's. A download over 1 MiB that is cut off is kept hidden, and the next"
					+ "\n  get of that name resumes it if the server's file is still the same; --restart starts over."
					+ "\n  A NAME with * ? or [...] is a pattern matched against the server's files: get *.log"
					+ "\n  Several files are pipelined; one that fails is reported and the others go on."
					+ "\n  Quote a name with spaces: get \"my file.txt\""
					+ "\n  Examples: get report.pdf, get a.txt b.txt, get *.log, get --restart big.iso")
	public String get(@Option(longName = RESTART, description = RESTART_DESCRIPTION) String restartFirst,
			@Arguments List<String> words, CommandContext context) {
		List<String> arguments = CommandWords.withOptionValue(restartFirst, words);
		boolean restart = restartFirst != null;
		CommandWords.requireNames(GET_USAGE, "get", arguments);
		FtpClient client = this.connection.require(context.outputWriter());
		FileStore local = this.connection.local();
		return transferAll("got", arguments, context,
				() -> NamePatterns.expand(arguments, () -> remoteNames(client, context), "on the server"),
				(names, listener) -> client.getAll(names, local, listener, restart));
	}

	@Command(name = "put", alias = "PUT", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "upload files from the client directory to the server (usage: " + PUT_USAGE + ")",
			help = PUT_USAGE + "\n  Uploads each NAME from the client directory (ftp.client.directory) to the server,"
					+ "\n  which replaces its file of that name only once every byte has arrived and its checksum"
					+ "\n  matches the client's. An upload over 1 MiB that is cut off is kept hidden on the server,"
					+ "\n  and the next put of that name resumes it if the file is still the same; --restart starts over."
					+ "\n  A NAME with * ? or [...] is a pattern matched against the client directory: put *.csv"
					+ "\n  Several files are pipelined; one that fails is reported and the others go on."
					+ "\n  Quote a name with spaces: put \"my file.txt\""
					+ "\n  Examples: put notes.txt, put *.csv, put --restart big.iso")
	public String put(@Option(longName = RESTART, description = RESTART_DESCRIPTION) String restartFirst,
			@Arguments List<String> words, CommandContext context) {
		List<String> arguments = CommandWords.withOptionValue(restartFirst, words);
		boolean restart = restartFirst != null;
		CommandWords.requireNames(PUT_USAGE, "put", arguments);
		FtpClient client = this.connection.require(context.outputWriter());
		FileStore local = this.connection.local();
		return transferAll("put", arguments, context,
				() -> NamePatterns.expand(arguments, () -> localNames(local), "in " + local.location()),
				(names, listener) -> client.putAll(names, local, listener, restart));
	}

	/**
	 * Runs a transfer of the names the words stand for. One plain name prints one line, as it
	 * always did; anything more prints a line per file as it finishes, then a summary. If any file
	 * failed, the failures and the summary are the command's error, so its exit status says so.
	 * On a real terminal a progress bar shows meanwhile; it is gone before any line is printed.
	 */
	private String transferAll(String verb, List<String> words, CommandContext context, Expander expander,
			BatchTransfer transfer) {
		boolean single = words.size() == 1 && !Glob.isPattern(words.get(0));
		List<String> failures = new ArrayList<>();
		TransferProgress progress = new TransferProgress();
		List<FileName> names = null;
		try {
			NamePatterns.Expansion expansion = expander.expand();
			names = expansion.names();
			failures.addAll(expansion.problems());
			if (single && !failures.isEmpty()) {
				throw new CommandFailedException(failures.get(0));
			}
			BatchResult batch;
			try (ProgressBar bar = this.progressBars.start(context.outputWriter(), expansion.names())) {
				batch = transfer.run(expansion.names(), new TransferListener() {
					@Override
					public void moved(FileName name, long done, long size) {
						progress.moved(name, done, size);
						bar.moved(name, done, size);
					}

					@Override
					public void resumed(FileName name, long alreadyThere, long size) {
						progress.moved(name, alreadyThere, size);
						bar.resumed(name, alreadyThere, size);
					}

					@Override
					public void finished(TransferResult result) {
						progress.ended(result.name(), true);
						if (!single) {
							bar.printAbove(verb + " " + result.describe());
						}
					}

					@Override
					public void failed(FileName name, IOException cause) {
						progress.ended(name, false);
						failures.add(FailureMessages.withNextStep(cause));
					}
				});
			}
			if (single) {
				if (!failures.isEmpty()) {
					throw new CommandFailedException(failures.get(0));
				}
				return verb + " " + batch.done().get(0).describe();
			}
			if (batch.done().isEmpty() && batch.failed().isEmpty()) {
				throw new CommandFailedException(String.join("\n", failures));
			}
			String summary = batch.describe(verb)
					+ (expansion.problems().isEmpty() ? "" : ", " + expansion.problems().size() + " not found");
			if (!failures.isEmpty()) {
				if (!batch.done().isEmpty()) {
					// Nothing moved: a summary of none would only repeat the failures.
					failures.add(summary);
				}
				if (batch.done().isEmpty() && words.stream().noneMatch(Glob::isPattern)) {
					failures.add("if that was one name with spaces, quote it in double quotes: " + verb.replace("got", "get")
							+ " \"" + String.join(" ", words).replaceAll("^'|'$", "") + "\"");
				}
				throw new CommandFailedException(String.join("\n", failures));
			}
			return summary;
		}
		catch (TransferInterruptedException ex) {
			failures.add((names != null) ? progress.interrupted(verb.replace("got", "get"), names, this.connection.local())
					: FailureMessages.failureMessage(ex));
			throw new CommandFailedException(String.join("\n", failures));
		}
		catch (IOException ex) {
			failures.add(FailureMessages.failureMessage(ex));
			throw new CommandFailedException(String.join("\n", failures));
		}
	}

	/** The server's file names; names it listed that are not acceptable are reported, never used. */
	static List<FileName> remoteNames(FtpClient client, CommandContext context) throws IOException {
		RemoteListing listing = client.list();
		listing.rejectedNote().ifPresent(note -> {
			context.outputWriter().println(note);
			context.outputWriter().flush();
		});
		return listing.files().stream().map(FileEntry::name).toList();
	}

	static List<FileName> localNames(FileStore local) throws IOException {
		try {
			return local.list().stream().map(FileEntry::name).toList();
		}
		catch (IOException ex) {
			throw new LocalFileException("cannot list " + local.location() + ": " + ex.getMessage(), ex);
		}
	}

	@Command(name = "close", alias = "CLOSE", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "close the connection and stay in the client (usage: close)",
			help = "close\n  Closes the connection to the server; the client keeps running, so you can open another."
					+ "\n  Example: close")
	public String close() {
		return this.connection.close().map(server -> "closed connection to " + server)
			.orElseThrow(() -> new CommandFailedException(ClientConnection.NOT_CONNECTED));
	}

	@Command(name = "quit", alias = { "QUIT", "exit", "EXIT" }, group = "Simple FTP",
			description = "close any connection and leave the client (usage: quit)",
			help = "quit\n  Closes any connection and leaves the client. Example: quit")
	public String quit() {
		String said = this.connection.close().map(server -> "closed connection to " + server + "\n").orElse("");
		this.connection.requestQuit();
		return said + "bye";
	}

	@FunctionalInterface
	private interface Expander {

		NamePatterns.Expansion expand() throws IOException;

	}

	@FunctionalInterface
	private interface BatchTransfer {

		BatchResult run(List<FileName> names, TransferListener listener) throws IOException;

	}

}
