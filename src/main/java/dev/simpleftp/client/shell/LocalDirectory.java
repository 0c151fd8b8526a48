package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.simpleftp.storage.local.LocalFileStore;

/** The shell's client directory: where downloads land and uploads come from, swept of stale partial downloads. */
final class LocalDirectory {

	private final ClientSettings settings;

	private LocalFileStore local;

	LocalDirectory(ClientSettings settings, LocalFileStore local) {
		this.settings = settings;
		this.local = swept(local);
	}

	/**
	 * Removes the partial downloads older than {@code ftp.client.partial-max-age} from {@code store}, which
	 * the client has just opened: a download nobody resumed must not fill the disk for ever.
	 */
	private LocalFileStore swept(LocalFileStore store) {
		try {
			store.removePartialsOlderThan(Instant.now().minus(this.settings.partialMaxAge()));
		}
		catch (IOException ex) {
			// Swept again the next time the directory is opened; lls shows what is kept meanwhile.
		}
		return store;
	}

	synchronized LocalFileStore store() {
		return this.local;
	}

	/**
	 * Makes {@code directory}, relative to the current client directory, the client directory for
	 * the rest of the session; an absent directory is refused and the current one kept.
	 * @return the new directory
	 * @throws CommandFailedException if it is missing, not a directory, or cannot be opened
	 */
	synchronized Path change(String directory) {
		Path current = this.local.root();
		String expanded = (directory.equals("~") || directory.startsWith("~/"))
				? System.getProperty("user.home") + directory.substring(1) : directory;
		Path target;
		try {
			target = current.resolve(expanded).normalize();
		}
		catch (InvalidPathException ex) {
			throw new CommandFailedException("bad directory '" + directory + "': " + ex.getReason());
		}
		if (!Files.exists(target)) {
			throw new CommandFailedException("no such directory: " + target + " (the client directory is still " + current + ")");
		}
		if (!Files.isDirectory(target)) {
			throw new CommandFailedException("not a directory: " + target + " (the client directory is still " + current + ")");
		}
		try {
			this.local = swept(new LocalFileStore(target, LocalFileStore.HardLinks.ALLOWED, this.local.durability()));
		}
		catch (IOException ex) {
			throw new CommandFailedException("cannot use " + target + ": " + ex.getMessage() + " (the client directory is still "
					+ current + ")");
		}
		return this.local.root();
	}

	/** The client directory's file names, for completion. */
	synchronized List<String> names() {
		try {
			return this.local.list().stream().map(entry -> entry.name().value()).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** The client directory's subdirectories, for completing lcd. */
	synchronized List<String> directories() {
		try (Stream<Path> entries = Files.list(this.local.root())) {
			return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

}
