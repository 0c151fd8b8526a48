package dev.simpleftp.client.shell;

import java.util.List;
import java.util.Locale;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.CommandCompleter;

/**
 * TAB completion: command names as Spring Shell completes them, and then the words it does not
 * complete: the server's file names after {@code get}, the client directory's after {@code put},
 * its subdirectories after {@code lcd}, each matching what has been typed of the word so far.
 */
final class FileNameCompleter extends CommandCompleter {

	private final ClientConnection connection;

	FileNameCompleter(CommandRegistry registry, ClientConnection connection) {
		super(registry);
		this.connection = connection;
	}

	@Override
	public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
		List<String> names = (line.wordIndex() > 0) ? namesFor(line.words().get(0), line.words().contains("--local")) : null;
		if (names == null) {
			super.complete(reader, line, candidates);
			return;
		}
		String typed = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
		for (String name : names) {
			if (name.startsWith(typed)) {
				candidates.add(new Candidate(name, name, null, null, null, null, true));
			}
		}
	}

	/** The names a command's arguments are drawn from, or {@code null} if it takes no file names. */
	private List<String> namesFor(String command, boolean local) {
		return switch (command.toLowerCase(Locale.ROOT)) {
			case "get" -> this.connection.remoteNames();
			case "hash" -> local ? this.connection.localNames() : this.connection.remoteNames();
			case "put" -> this.connection.localNames();
			case "lcd" -> this.connection.localDirectories();
			default -> null;
		};
	}

}
