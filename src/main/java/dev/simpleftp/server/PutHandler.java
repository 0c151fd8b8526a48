package dev.simpleftp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.simpleftp.protocol.BodySinkException;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PendingWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT <name> <size> [body=follows]}. Without the parameter the server accepts with
 * {@code 150} or refuses before any byte flows, then reads exactly {@code size} bytes. With
 * {@code body=follows} the bytes come straight after the request, so that a client can pipeline
 * many uploads: there is no {@code 150}, and a refusal is sent only after the body has been read
 * and dropped. Either way {@code 226} comes once the file is published. If the disk fails
 * part-way, the rest of the bytes are read and dropped so the connection stays in step, and the
 * reply says what went wrong; nothing is published.
 */
final class PutHandler implements CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(PutHandler.class);

	static final String BODY = "body";

	static final String FOLLOWS = "follows";

	private static final String USAGE = "PUT <name> <size> [body=follows]";

	private final TransferBuffers buffers;

	PutHandler(TransferBuffers buffers) {
		this.buffers = buffers;
	}

	@Override
	public void handle(Request request, Session session) throws IOException {
		boolean follows = request.parameter(BODY).filter(FOLLOWS::equals).isPresent();
		List<String> arguments;
		long size;
		try {
			// Count and size first: once they are known, a body that follows can be skipped.
			arguments = request.expectArguments(2, USAGE, request.parameters().keySet());
			size = Numbers.parseLength(arguments.get(1), "size");
		}
		catch (ProtocolException ex) {
			throw follows ? unskippable(ex, session) : ex;
		}
		try (TransferBuffers.Lease lease = this.buffers.borrow()) {
			try {
				request.expectArguments(2, USAGE, Set.of(BODY));
			}
			catch (ProtocolException ex) {
				skipIf(follows, size, session, lease.buffer());
				throw ex;
			}
			if (request.parameter(BODY).isPresent() && !follows) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
						"bad parameter body=" + request.parameter(BODY).get() + ": the only value is body=" + FOLLOWS);
			}
			receive(arguments.get(0), size, follows, session, lease.buffer());
		}
	}

	private void receive(String rawName, long size, boolean follows, Session session, ByteBuffer buffer)
			throws IOException {
		FileName name;
		PendingWrite pending;
		try {
			name = FileRequests.name(rawName);
		}
		catch (ProtocolException ex) {
			skipIf(follows, size, session, buffer);
			throw ex;
		}
		try {
			pending = session.store().beginWrite(name);
		}
		catch (IOException ex) {
			skipIf(follows, size, session, buffer);
			session.reply(FileRequests.cannotOpen(name, ex));
			return;
		}
		try (pending) {
			long started = System.nanoTime();
			if (!follows) {
				session.reply(Reply.of(ReplyCode.SENDING, "send " + size + " bytes for " + name));
			}
			try {
				session.reader().readBody(size, pending.channel(), ProgressListener.NONE, buffer);
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

	private static void skipIf(boolean follows, long size, Session session, ByteBuffer buffer) throws IOException {
		if (follows) {
			session.reader().skipBody(size, buffer);
		}
	}

	/** A body follows whose length is unknown, so the next request cannot be found: refuse and close. */
	private static ProtocolException unskippable(ProtocolException ex, Session session) {
		session.endAfterThisRequest();
		return new ProtocolException(ex.code(), ex.getMessage() + "; closing the connection, since the body that follows"
				+ " cannot be skipped");
	}

	private static Reply cannotStore(FileName name, IOException ex) {
		log.warn("could not store {}: {}", name, ex.getMessage());
		if (FileRequests.isOutOfSpace(ex)) {
			return Reply.of(ReplyCode.INSUFFICIENT_STORAGE, "insufficient storage: " + name + " was not stored");
		}
		return Reply.of(ReplyCode.LOCAL_ERROR, "could not store " + name + ": " + ex.getMessage());
	}

}
