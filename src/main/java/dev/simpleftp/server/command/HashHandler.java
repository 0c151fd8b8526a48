package dev.simpleftp.server.command;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.ReadableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code HASH <name>}: {@code 200 sha256=H size=N}, the SHA-256 of the file as {@code sha256sum}
 * prints it (version 3). For checking a file against a published hash; transfers themselves are
 * verified with CRC32C, which costs far less. Reading a whole file costs the server a while, so at
 * most {@code ftp.server.max-concurrent-hashes} run at once (more get {@code 451}), and each stops
 * as soon as its peer has closed the connection: nobody would read the answer.
 */
final class HashHandler implements CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(HashHandler.class);

	static final String SHA256 = "sha256";

	private final Semaphore permits;

	private final int limit;

	HashHandler(int maxConcurrent) {
		this.permits = new Semaphore(maxConcurrent);
		this.limit = maxConcurrent;
	}

	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		FileName name = FileRequests.name(request.expectArguments(1, "HASH <name>").get(0));
		if (!this.permits.tryAcquire()) {
			session.refused("too many hashes", "HASH refused: " + this.limit + " running");
			session.reply(Reply.of(ReplyCode.LOCAL_ERROR, "too many HASH requests at once on this server (the limit is "
					+ this.limit + "); try again later"));
			return;
		}
		try (Slots.Slot permit = session.slots().hold(this.permits::release)) {
			hash(name, session);
		}
	}

	private void hash(FileName name, RequestContext session) throws IOException {
		ReadableFile file;
		try {
			file = session.store().openForRead(name);
		}
		catch (IOException ex) {
			session.reply(FileRequests.cannotOpen(name, ex));
			return;
		}
		try (file) {
			long size = file.size();
			String sha256 = file.sha256(() -> {
				session.stillWorking();
				if (session.peerGone()) {
					throw new PeerGoneException();
				}
			});
			session.reply(Reply.of(ReplyCode.OK, "sha256 of " + name).with(SHA256, sha256).with(Parameters.SIZE, size));
		}
		catch (PeerGoneException ex) {
			log.info("{} HASH {}: stopped, the connection was closed", session.peer(), name);
		}
		catch (IOException ex) {
			session.reply(Reply.of(ReplyCode.LOCAL_ERROR, "could not read " + name + ": " + ex.getMessage()));
		}
	}

	/** The peer closed the connection while its file was being read: no one waits for the answer. */
	private static final class PeerGoneException extends RuntimeException {

		PeerGoneException() {
			super(null, null, false, false);
		}

	}

}
