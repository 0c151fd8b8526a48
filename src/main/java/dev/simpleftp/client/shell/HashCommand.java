package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.LocalFileException;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.ReadableFile;

import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * {@code hash}: the SHA-256 of files on the server or in the client directory, as {@code sha256sum}
 * prints them. Lazy and not profile-bound, like {@link ClientCommands}.
 */
@Lazy
@Component
class HashCommand {

	private final ClientConnection connection;

	HashCommand(ClientConnection connection) {
		this.connection = connection;
	}

	@Command(name = "hash", alias = "HASH", group = "Simple FTP",
			description = "print the SHA-256 of files on the server, or with --local in the client directory"
					+ " (usage: hash [--local] NAME...)",
			help = "hash [--local] NAME...\n  Prints the SHA-256 of each NAME on the server as sha256sum prints it:"
					+ " the hash, two spaces, the name.\n  With --local, of the files in the client directory instead."
					+ "\n  Every transfer is already checked end to end (CRC32C); hash is for comparing with a"
					+ " published SHA-256.\n  A NAME with * ? or [...] is a pattern, as for get and put."
					+ "\n  Examples: hash report.pdf, hash --local report.pdf, hash *.iso")
	public String hash(@Option(longName = "local", description = "hash files of the client directory instead")
			String firstLocal, @Arguments List<String> arguments, CommandContext context) {
		boolean local = firstLocal != null;
		List<String> words = CommandWords.withOptionValue(firstLocal, arguments);
		if (words.isEmpty()) {
			throw new CommandFailedException("usage: hash [--local] NAME..., for example hash notes.txt");
		}
		FileStore store = this.connection.local();
		FtpClient client = local ? null : this.connection.require(context.outputWriter());
		List<String> lines = new ArrayList<>();
		boolean failed = false;
		try {
			NamePatterns.Expansion expansion = local
					? NamePatterns.expand(words, () -> ClientCommands.localNames(store), "in " + store.location())
					: NamePatterns.expand(words, () -> ClientCommands.remoteNames(client, context), "on the server");
			lines.addAll(expansion.problems());
			failed = !expansion.problems().isEmpty();
			for (FileName name : expansion.names()) {
				try {
					lines.add((local ? localSha256(store, name) : client.sha256(name)) + "  " + name.value());
				}
				catch (ConnectionLostException ex) {
					throw ex;
				}
				catch (IOException ex) {
					lines.add(FailureMessages.withNextStep(ex));
					failed = true;
				}
			}
		}
		catch (IOException ex) {
			lines.add(FailureMessages.failureMessage(ex));
			failed = true;
		}
		if (failed) {
			throw new CommandFailedException(String.join("\n", lines));
		}
		return String.join("\n", lines);
	}

	private static String localSha256(FileStore store, FileName name) throws IOException {
		try (ReadableFile file = store.openForRead(name)) {
			return file.sha256(() -> {
			});
		}
		catch (NoSuchFileException ex) {
			throw new LocalFileException("no such local file: " + name + " (in " + store.location() + ")", ex);
		}
	}

}
