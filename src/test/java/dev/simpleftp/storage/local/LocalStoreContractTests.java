package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.StoreContractTests;

/** The store contract, on a local directory (as a client opens it: hard links allowed, durable). */
class LocalStoreContractTests extends StoreContractTests {

	@TempDir
	Path directory;

	@Override
	protected FileStore openStore() throws IOException {
		return new LocalFileStore(this.directory.resolve("store"), LocalFileStore.HardLinks.ALLOWED);
	}

}
