import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.local.Durability;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;

/**
 * The one place where the bench makes main-code objects other than the client library's own: the
 * client's local store and its TLS. Their classes may move or change shape as the main code does,
 * and then this class is what changes; the scenarios only pass the objects on to the client library.
 */
final class MainClasses {

	private MainClasses() {
	}

	/** A store in {@code directory} as the client's own, hard links allowed (the workspace shares bytes by them). */
	static LocalFileStore clientStore(Path directory) throws IOException {
		return new LocalFileStore(directory, LocalFileStore.HardLinks.ALLOWED);
	}

	/** The same, forcing what it stores to the disk as {@code durability} says. */
	static LocalFileStore clientStore(Path directory, Durability durability) throws IOException {
		return new LocalFileStore(directory, LocalFileStore.HardLinks.ALLOWED, durability);
	}

	/** A client connected to {@code host:port}, over TLS with {@code tls} (the JDK's defaults), or plain if it is null. */
	static FtpClient connect(String host, int port, Duration timeout, SSLContext tls) throws IOException {
		return FtpClient.connect(host, port, timeout, (tls != null) ? new Tls(tls, null, null) : null);
	}

}
