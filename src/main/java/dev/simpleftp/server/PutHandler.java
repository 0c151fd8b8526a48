package dev.simpleftp.server;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.simpleftp.protocol.BodySinkException;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PendingWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT <name> <size>}: accepted with {@code 150} or refused before any byte flows; then the
 * client sends exactly {@code size} bytes and the server answers {@code 226} once the file is
 * published. If the disk fails part-way, the rest of the bytes are read and dropped so the
 * connection stays in step, and the reply says what went wrong; nothing is published.
 */
final class PutHandler implements CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(PutHandler.class);

	@Override
	public void handle(Request request, Session session) throws IOException {
		List<String> arguments = request.expectArguments(2, "PUT <name> <size>");
		FileName name = FileRequests.name(arguments.get(0));
		long size = Numbers.parseLength(arguments.get(1), "size");
		PendingWrite pending;
		try {
			pending = session.store().beginWrite(name);
		}
		catch (IOException ex) {
			session.reply(FileRequests.cannotOpen(name, ex));
			return;
		}
		try (pending) {
			long started = System.nanoTime();
			session.reply(Reply.of(ReplyCode.SENDING, "send " + size + " bytes for " + name));
			try {
				session.reader().readBody(size, pending.channel(), ProgressListener.NONE);
			}
			catch (BodySinkException ex) {
				session.reply(cannotStore(name, ex.getCause()));
				return;
			}
			try {
				pending.commit();
			}
			catch (IOException ex) {
				session.reply(cannotStore(name, ex));
				return;
			}
			session.reply(Reply.of(ReplyCode.TRANSFER_COMPLETE, "stored " + name).with("size", size));
			log.info("{} PUT {}: {}", session.peer(), name,
					Throughput.describe(size, Duration.ofNanos(System.nanoTime() - started)));
		}
	}

	private static Reply cannotStore(FileName name, IOException ex) {
		log.warn("could not store {}: {}", name, ex.getMessage());
		if (FileRequests.isOutOfSpace(ex)) {
			return Reply.of(ReplyCode.INSUFFICIENT_STORAGE, "insufficient storage: " + name + " was not stored");
		}
		return Reply.of(ReplyCode.LOCAL_ERROR, "could not store " + name + ": " + ex.getMessage());
	}

}
