package dev.simpleftp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.simpleftp.server.account.Account;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.local.LocalFileStore;

/**
 * The stores the server serves: its own, and one per account's own directory, each with its
 * partial-upload sweeper.
 */
final class AccountStores {

	private final ServerSettings settings;

	private final LocalFileStore store;

	/** The stores of accounts' own directories, each made once (it clears leftovers when made). */
	private final Map<Path, FileStore> accountStores = new ConcurrentHashMap<>();

	/** One per directory served: the server's, and each account's own. */
	private final List<PartialSweeper> partialSweepers = new CopyOnWriteArrayList<>();

	AccountStores(ServerSettings settings, LocalFileStore store) {
		this.settings = settings;
		this.store = store;
	}

	/**
	 * The store of an account's own directory: one per directory (accounts sharing one share it, and
	 * the server's directory is the server's store), each with its partial-upload sweeper, so that two
	 * stores never hold the same files.
	 */
	FileStore storeOf(Account account) {
		Path directory;
		try {
			directory = Files.createDirectories(account.directory()).toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot open the directory of account " + account.name() + ": "
					+ account.directory(), ex);
		}
		if (directory.equals(this.store.root())) {
			return this.store;
		}
		return this.accountStores.computeIfAbsent(directory, key -> {
			try {
				FileStore own = new LocalFileStore(key, this.settings.hardLinks(), this.store.durability());
				this.partialSweepers.add(new PartialSweeper(own, this.settings.partialMaxAge()));
				return own;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot open the directory of account " + account.name() + ": " + key, ex);
			}
		});
	}

	/** Starts sweeping the server's own directory. */
	void sweepServerStore() {
		this.partialSweepers.add(new PartialSweeper(this.store, this.settings.partialMaxAge()));
	}

	/** Stops every sweeper. */
	void close() {
		this.partialSweepers.forEach(PartialSweeper::close);
	}

}
