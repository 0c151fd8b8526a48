package dev.simpleftp.server.command;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.ReadableFile;
import dev.simpleftp.storage.TooManyEntriesException;

/**
 * {@code LIST}: {@code 150 size=N count=K}, then a body of K lines, one per file (see
 * {@link ListingEntry}), then {@code 226}. Only what a client could fetch is listed: regular files
 * with acceptable names, never the temporary files of transfers in progress. The body is built
 * into a {@link ListingSpool} first (the size must be known before it is sent, and the lines
 * sorted), then sent from that file as GET sends one: a client that does not read holds the
 * socket's buffers and at most a lent {@link TransferBuffers transfer buffer}, never the listing.
 * Building holds the directory's names in memory, so a directory with more than
 * {@code ftp.server.max-list-entries} is refused, and at most {@code ftp.server.concurrent-listings}
 * listings are built at once; the others wait their turn.
 */
final class ListHandler implements CommandHandler {

	/** The buffer of a LIST under TLS when every transfer buffer is lent. */
	private static final int ENCRYPTED_FALLBACK_BUFFER = 64 * 1024;

	private final TransferBuffers buffers;

	private final int maxEntries;

	/** Fair: a LIST waits behind those that came before it, never behind later ones. */
	private final Semaphore building;

	ListHandler(TransferBuffers buffers, ListingSettings settings) {
		this.buffers = buffers;
		this.maxEntries = settings.maxListEntries();
		this.building = new Semaphore(settings.concurrentListings(), true);
	}

	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		request.expectArguments(0, Verb.LIST.word());
		ListingSpool spool;
		try {
			spool = build(session);
		}
		catch (TooManyEntriesException ex) {
			Reply refusal = Reply.of(ReplyCode.LOCAL_ERROR, "too many entries to list: " + ex.getMessage());
			session.refused("too many entries to list", "refused LIST: " + refusal.text());
			session.reply(refusal);
			return;
		}
		catch (ClosedChannelException | InterruptedIOException ex) {
			throw ex;
		}
		catch (IOException ex) {
			session.reply(Reply.of(ReplyCode.LOCAL_ERROR, "cannot list the directory: " + ex.getMessage()));
			return;
		}
		try (spool; TransferBuffers.Lease lease = this.buffers.borrow()) {
			long size = spool.size();
			session.writer().queue(Reply.of(ReplyCode.SENDING, "listing " + spool.count() + " files")
				.with(Parameters.SIZE, size)
				.with(Parameters.COUNT, spool.count()));
			ReadableFile body = spool.channel();
			if (lease.buffer() != null) {
				session.writer().copyFile(body, size, lease.buffer(), ProgressListener.NONE);
			}
			else if (session.isEncrypted()) {
				session.writer().copyFile(body, size, ByteBuffer.allocate(ENCRYPTED_FALLBACK_BUFFER), ProgressListener.NONE);
			}
			else {
				session.writer().sendFile(body, size, ProgressListener.NONE);
			}
			session.reply(Reply.of(ReplyCode.TRANSFER_COMPLETE, "listed " + spool.count() + " files")
				.with(Parameters.SIZE, size)
				.with(Parameters.COUNT, spool.count()));
		}
	}

	/** The listing, once it is this connection's turn to build one. */
	private ListingSpool build(RequestContext session) throws IOException {
		awaitTurn(session);
		try {
			return ListingSpool.write(session.store(), this.maxEntries, session::stillWorking);
		}
		finally {
			this.building.release();
		}
	}

	/**
	 * Waits for a turn, as long as the connection is open. Waiting counts as working for the stall
	 * timeout: each turn ahead ends once its directory has been read, however slowly its client reads.
	 */
	private void awaitTurn(RequestContext session) throws IOException {
		try {
			while (!this.building.tryAcquire(1, TimeUnit.SECONDS)) {
				if (!session.isOpen()) {
					throw new ClosedChannelException();
				}
				session.stillWorking();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting to build a listing");
		}
	}

}
