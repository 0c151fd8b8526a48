package dev.simpleftp.client.shell;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.FileEntry;

/** The server's file names as one listing gave them, and whether they are still worth using. */
final class RemoteNames {

	/** How long a listing serves completion before it is fetched again. */
	static final Duration LIFETIME = Duration.ofSeconds(10);

	private final FtpClient client;

	private final int uploads;

	private final long fetched;

	private final List<String> names;

	private RemoteNames(FtpClient client, int uploads, long fetched, List<String> names) {
		this.client = client;
		this.uploads = uploads;
		this.fetched = fetched;
		this.names = names;
	}

	static RemoteNames fetch(FtpClient client) throws IOException {
		int uploads = client.uploads();
		List<String> names = client.list().files().stream().map(FileEntry::name).map(Object::toString).toList();
		return new RemoteNames(client, uploads, System.nanoTime(), names);
	}

	/** True for the same connection, with no upload since, within {@link #LIFETIME}. */
	boolean isFreshFor(FtpClient current) {
		return current == this.client && current.uploads() == this.uploads
				&& System.nanoTime() - this.fetched < LIFETIME.toNanos();
	}

	List<String> names() {
		return this.names;
	}

}
