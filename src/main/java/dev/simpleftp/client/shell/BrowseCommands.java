package dev.simpleftp.client.shell;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.client.RemoteListing;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.KeptPartial;
import dev.simpleftp.transfer.Throughput;

import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/**
 * Looking around: {@code ls} and {@code lls} list the server's and the client's files,
 * {@code lcd} and {@code lpwd} change and show the client directory, {@code status} shows the
 * connection. Lazy and not profile-bound, like {@link ClientCommands}.
 */
@Lazy
@Component
class BrowseCommands {

	private static final String CONNECTED = "connectedAvailability";

	private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ClientConnection connection;

	BrowseCommands(ClientConnection connection) {
		this.connection = connection;
	}

	@Command(name = "ls", alias = "LS", group = "Simple FTP", availabilityProvider = CONNECTED,
			description = "list the server's files (usage: ls)",
			help = "ls\n  Lists the server's files: size, modification time and name, sorted by name,"
					+ "\n  then how many and their total size. Example: ls")
	public String ls(@Arguments List<String> arguments, CommandContext context) {
		noArguments("ls", arguments);
		RemoteListing listing;
		try {
			listing = this.connection.require(context.outputWriter()).list();
		}
		catch (IOException ex) {
			throw new CommandFailedException(FailureMessages.failureMessage(ex));
		}
		String table = ListingTable.format(listing.files(), ZoneId.systemDefault(), "no files on the server");
		return listing.rejectedNote().map(note -> table + "\n" + note).orElse(table);
	}

	@Command(name = "lls", alias = "LLS", group = "Simple FTP",
			description = "list the client directory's files (usage: lls)",
			help = "lls\n  Lists the files of the client directory, as ls does the server's, then the partial"
					+ "\n  downloads kept there to resume (rm-partials removes them). Example: lls")
	public String lls(@Arguments List<String> arguments) {
		noArguments("lls", arguments);
		FileStore local = this.connection.local();
		try {
			String table = ListingTable.format(local.list(), ZoneId.systemDefault(), "no files in " + local.location());
			List<KeptPartial> kept = local.keptPartials();
			return kept.isEmpty() ? table : table + "\n" + keptNote(kept);
		}
		catch (IOException ex) {
			throw new CommandFailedException("cannot list " + local.location() + ": " + ex.getMessage());
		}
	}

	@Command(name = "rm-partials", alias = "RM-PARTIALS", group = "Simple FTP",
			description = "remove the partial downloads kept to resume (usage: rm-partials [NAME...])",
			help = "rm-partials [NAME...]\n  Removes the partial downloads of the NAMEs kept in the client directory, or all of"
					+ "\n  them; get NAME then starts from the first byte. lls shows them; they also expire after"
					+ "\n  ftp.client.partial-max-age. Examples: rm-partials, rm-partials big.bin")
	public String rmPartials(@Arguments List<String> arguments) {
		FileStore local = this.connection.local();
		try {
			if (arguments.isEmpty()) {
				List<KeptPartial> before = local.keptPartials();
				local.removePartialsOlderThan(Instant.MAX);
				int left = local.keptPartials().size();
				long freed = before.stream().mapToLong(KeptPartial::held).sum();
				int removed = before.size() - left;
				return ((removed == 0) ? "no partial downloads to remove"
						: "removed " + removed + " partial download" + ((removed == 1) ? "" : "s") + " (" + Throughput.size(freed) + ")")
						+ ((left > 0) ? "; " + left + " in use by a transfer kept" : "");
			}
			List<String> lines = new ArrayList<>();
			for (String argument : arguments) {
				FileName name = FileName.of(argument);
				lines.add((local.discardPartial(name) ? "removed the partial download of " : "no partial download of ")
						+ ListingTable.typed(name.value()));
			}
			return String.join("\n", lines);
		}
		catch (IllegalArgumentException ex) {
			throw new CommandFailedException(ex.getMessage());
		}
		catch (IOException ex) {
			throw new CommandFailedException("cannot remove partial downloads in " + local.location() + ": " + ex.getMessage());
		}
	}

	/** For example {@code 2 partial downloads kept: big.bin 457.7 MiB of 1.0 GiB, ...}. */
	static String keptNote(List<KeptPartial> kept) {
		List<String> each = new ArrayList<>();
		for (KeptPartial partial : kept) {
			String name = partial.name().map(file -> ListingTable.typed(file.value())).orElse("(unnamed)");
			each.add(name + " " + Throughput.size(partial.held())
					+ ((partial.size() >= 0) ? " of " + Throughput.size(partial.size()) : ""));
		}
		each.sort(null);
		return kept.size() + ((kept.size() == 1) ? " partial download kept: " : " partial downloads kept: ")
				+ String.join(", ", each) + " (get NAME resumes; rm-partials removes them)";
	}

	@Command(name = "lcd", alias = "LCD", group = "Simple FTP",
			description = "change the client directory for this session (usage: lcd DIR)",
			help = "lcd DIR\n  Makes DIR the client directory, where get saves and put reads, until the client exits."
					+ "\n  DIR is relative to the current client directory; ~ is your home directory."
					+ "\n  Examples: lcd downloads, lcd .., lcd ~/data")
	public String lcd(@Arguments List<String> arguments) {
		if (arguments.size() != 1) {
			throw new CommandFailedException("usage: lcd DIR, for example lcd downloads (quote a name with spaces)");
		}
		return "client directory: " + this.connection.changeLocal(arguments.get(0));
	}

	@Command(name = "lpwd", alias = "LPWD", group = "Simple FTP",
			description = "show the client directory (usage: lpwd)",
			help = "lpwd\n  Shows the client directory, where get saves and put reads. Example: lpwd")
	public String lpwd(@Arguments List<String> arguments) {
		noArguments("lpwd", arguments);
		return this.connection.local().root().toString();
	}

	@Command(name = "status", alias = "STATUS", group = "Simple FTP",
			description = "show the connection and the client directory (usage: status)",
			help = "status\n  Shows the server you are connected to, its protocol version, since when, and what was"
					+ "\n  moved over the connection; and the client directory. Example: status")
	public String status(@Arguments List<String> arguments) {
		noArguments("status", arguments);
		List<String> lines = new ArrayList<>();
		this.connection.current().ifPresentOrElse(client -> {
			Instant since = client.connectedAt();
			lines.add("connected to " + client.server() + ", protocol version " + client.serverVersion()
					+ (client.isEncrypted() ? ", over TLS" : "")
					+ ((client.user() != null) ? ", logged in as " + client.user() + " (" + client.access() + ")" : ""));
			lines.add("since " + SINCE.format(since.atZone(ZoneId.systemDefault())) + " ("
					+ duration(Duration.between(since, Instant.now())) + ")");
			lines.add("moved " + client.filesMoved() + ((client.filesMoved() == 1) ? " file, " : " files, ")
					+ Throughput.size(client.bytesMoved()));
		}, () -> lines.add("not connected: use open PORT (or open HOST PORT)"));
		lines.add("client directory: " + this.connection.local().root());
		return String.join("\n", lines);
	}

	private static void noArguments(String command, List<String> arguments) {
		if (!arguments.isEmpty()) {
			throw new CommandFailedException(command + " takes no arguments: usage: " + command);
		}
	}

	/** For example {@code 5 s}, {@code 3 min 2 s}, {@code 2 h 5 min}. */
	static String duration(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
	}

}
