package dev.simpleftp.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Duration;

import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET <name>}: {@code 150 size=N}, then exactly N bytes, then {@code 226}. Once the 150 is
 * out the length is promised, so any failure after it ends the connection. A file goes out through
 * a lent {@link TransferBuffers transfer buffer}, its first bytes in the same write as the 150;
 * with {@code ftp.server.zero-copy}, a file larger than {@link #SMALL_FILE} goes out by sendfile
 * instead. When no buffer is free, sendfile it is.
 */
final class GetHandler implements CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(GetHandler.class);

	/** Up to this size a file costs less copied with its 150 than in a write of its own. */
	static final long SMALL_FILE = 64 * 1024;

	private final TransferBuffers buffers;

	private final boolean zeroCopy;

	GetHandler(TransferBuffers buffers, boolean zeroCopy) {
		this.buffers = buffers;
		this.zeroCopy = zeroCopy;
	}

	@Override
	public void handle(Request request, Session session) throws IOException {
		FileName name = FileRequests.name(request.expectArguments(1, "GET <name>").get(0));
		FileChannel file;
		long size;
		try {
			file = session.store().openForRead(name);
			size = file.size();
		}
		catch (IOException ex) {
			session.reply(FileRequests.cannotOpen(name, ex));
			return;
		}
		try (file; TransferBuffers.Lease lease = (this.zeroCopy && size > SMALL_FILE) ? null : this.buffers.borrow()) {
			long started = System.nanoTime();
			session.writer().queue(Reply.of(ReplyCode.SENDING, "sending " + name).with("size", size));
			if (lease != null && lease.buffer() != null) {
				session.writer().copyFile(file, size, lease.buffer(), ProgressListener.NONE);
			}
			else {
				session.writer().sendFile(file, size, ProgressListener.NONE);
			}
			session.reply(Reply.of(ReplyCode.TRANSFER_COMPLETE, "sent " + name).with("size", size));
			log.info("{} GET {}: {}", session.peer(), name,
					Throughput.describe(size, Duration.ofNanos(System.nanoTime() - started)));
		}
	}

}
