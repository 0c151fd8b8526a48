package dev.simpleftp.server.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.BodySinkException;
import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.transfer.ChecksumChannel;
import dev.simpleftp.transfer.IncomingFile;
import dev.simpleftp.transfer.Throughput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.simpleftp.protocol.Parameters.BODY;
import static dev.simpleftp.protocol.Parameters.CHECKSUM;
import static dev.simpleftp.protocol.Parameters.MODIFIED;
import static dev.simpleftp.protocol.Parameters.OFFSET;
import static dev.simpleftp.protocol.Parameters.RESTART;

/**
 * {@code PUT <name> <size> [body=follows] [checksum=crc32c]}. Without {@code body=follows} the server accepts with
 * {@code 150} or refuses before any byte flows, then reads exactly {@code size} bytes. With
 * {@code body=follows} the bytes come straight after the request, so that a client can pipeline
 * many uploads: there is no {@code 150}, and a refusal is sent only after the body has been read
 * and dropped. Either way {@code 226} comes once the file is published. If the disk fails
 * part-way, the rest of the bytes are read and dropped so the connection stays in step, and the
 * reply says what went wrong; nothing is published. With {@code checksum=crc32c} (version 3) the
 * body is followed by a line {@code CHECKSUM crc32c=C}, the CRC32C of what the client sent; the
 * server compares it with the CRC32C of what it wrote and publishes only if they match
 * ({@code 456} otherwise). A PUT that declares more than {@link UploadLimits} allow is refused
 * before any byte is stored ({@code 552}, {@code 452}); running out of space part-way is a
 * {@code 452} too.
 */
final class PutHandler implements CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(PutHandler.class);






	private static final String USAGE = "PUT <name> <size> [body=follows] [checksum=crc32c] [modified=T [offset=K]]";

	private final TransferBuffers buffers;

	private final UploadLimits limits;

	PutHandler(TransferBuffers buffers, UploadLimits limits) {
		this.buffers = buffers;
		this.limits = limits;
	}

	/**
	 * Checks the request, then receives the file. A refusal is only ever a reply: the session drops
	 * a body that follows (or ends the connection) before the reply goes out, whatever went wrong.
	 */
	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		boolean follows = request.parameter(BODY).isPresent();
		if (follows && session.body() == null) {
			throw new IllegalStateException("body=follows without the body's framing");
		}
		List<String> arguments = request.expectArguments(2, USAGE, Set.of(BODY, CHECKSUM, MODIFIED, OFFSET));
		long size = Numbers.parseLength(arguments.get(1), Parameters.SIZE);
		boolean checked = request.parameter(CHECKSUM).isPresent();
		if (checked && !Checksums.CRC32C.equals(request.parameter(CHECKSUM).get())) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "bad parameter checksum="
					+ request.parameter(CHECKSUM).get() + ": the only value is checksum=" + Checksums.CRC32C);
		}
		Source source = request.parameter(MODIFIED).isPresent()
				? new Source(size, Numbers.parseInstant(request.parameter(MODIFIED).get(), MODIFIED)) : null;
		long offset = request.parameter(OFFSET).isPresent()
				? Numbers.parseLength(request.parameter(OFFSET).get(), OFFSET) : 0;
		if (request.parameter(OFFSET).isPresent() && source == null) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "to resume (offset=K), give modified=T too: " + USAGE);
		}
		FileName name = FileRequests.name(arguments.get(0));
		try (TransferBuffers.Lease lease = this.buffers.borrow()) {
			receive(name, new Upload(size, follows, checked, source, offset), session, lease.buffer());
		}
	}

	private void receive(FileName name, Upload upload, RequestContext session, ByteBuffer buffer) throws IOException {
		IncomingFile incoming;
		Optional<UploadLimits.Refusal> refusal = this.limits.check(session.store(), name, upload.size(),
				upload.size() - Math.min(upload.offset(), upload.size()));
		if (refusal.isPresent()) {
			Reply reply = refusal.get().reply();
			session.refused(refusal.get().kind(), "refused PUT " + name + ": " + reply.text());
			session.reply(reply);
			return;
		}
		try {
			incoming = open(session.store(), name, FileRequests.partialOwner(session), upload, session::stillWorking);
		}
		catch (IOException ex) {
			session.reply(FileRequests.isOutOfSpace(ex) ? cannotStore(name, ex, session) : cannotOpen(name, ex, session));
			return;
		}
		try (incoming) {
			long started = System.nanoTime();
			long offset = incoming.offset();
			if (!upload.follows()) {
				Reply go = Reply.of(ReplyCode.SENDING, (incoming.restart() != null)
						? "send all " + upload.size() + " bytes for " + name + ": " + incoming.restart()
						: (offset > 0) ? "send the bytes of " + name + " from byte " + offset
								: "send " + upload.size() + " bytes for " + name);
				session.reply((offset > 0) ? go.with(OFFSET, offset)
						: (incoming.restart() != null) ? go.with(RESTART, incoming.restart()) : go);
			}
			IncomingBody body = upload.follows() ? session.body() : session.expectBody(upload.size() - offset, upload.checked());
			ChecksumChannel written = new ChecksumChannel(incoming.channel(), incoming.checksum());
			IOException storeFailure = null;
			try {
				body.readInto(written, ProgressListener.NONE, buffer);
			}
			catch (BodySinkException ex) {
				storeFailure = ex.getCause();
			}
			Long sent = upload.checked() ? body.readTrailer() : null;
			if (storeFailure != null) {
				incoming.discard(); // before the reply: once the client hears of it, nothing is left
				session.reply(cannotStore(name, storeFailure, session));
				return;
			}
			if (sent != null && sent != written.checksum().getValue()) {
				log.warn("{} PUT {}: checksum mismatch (sent {}, received {}); not stored", session.peer(), name,
						Checksums.format(sent), Checksums.format(written.checksum()));
				incoming.discard();
				session.reply(Reply.of(ReplyCode.CHECKSUM_MISMATCH, "checksum mismatch: " + name
						+ " was not stored (the bytes changed on the way; send it again)"));
				return;
			}
			try {
				incoming.commit();
			}
			catch (IOException ex) {
				session.reply(cannotStore(name, ex, session));
				return;
			}
			session.reply(Reply.of(ReplyCode.TRANSFER_COMPLETE, "stored " + name)
				.with(Parameters.SIZE, upload.size())
				.with(Checksums.CRC32C, Checksums.format(written.checksum())));
			log.info("{} PUT {}{}: {}", session.peer(), name, (offset > 0) ? " from byte " + offset : "",
					Throughput.describe(upload.size() - offset, Duration.ofNanos(System.nanoTime() - started)));
		}
	}

	/**
	 * Where the upload's bytes go: for an upload over {@link PartialWrite#WORTH_KEEPING} from a client
	 * that says which file it sends ({@code modified=}), a partial file that a cut-off leaves for the
	 * client to resume, kept from the client's offset if it holds those bytes of the same file;
	 * otherwise (or while another connection uploads the same name) a temporary file.
	 * @param owner whose partial uploads it sees and continues (see {@link FileRequests#partialOwner})
	 * @param progress run now and then while the partial file's CRC32C so far is computed
	 */
	private static IncomingFile open(FileStore store, FileName name, String owner, Upload upload, Runnable progress)
			throws IOException {
		if (!upload.resumable()) {
			return IncomingFile.temporary(store.beginWrite(name),
					(upload.offset() > 0) ? "uploads of " + PartialWrite.WORTH_KEEPING + " bytes or less are not resumed" : null);
		}
		Optional<PartialWrite> held = store.beginPartial(name, owner);
		if (held.isEmpty()) {
			return IncomingFile.temporary(store.beginWrite(name),
					(upload.offset() > 0) ? "another connection is uploading it right now" : null);
		}
		PartialWrite partial = held.get();
		Checksum checksum = Checksums.newCrc32c();
		String restart = null;
		long offset = 0;
		try {
			if (upload.offset() > 0) {
				Optional<Source> recorded = partial.recordedSource();
				if (recorded.isEmpty() || !recorded.get().equals(upload.source())) {
					restart = "the server holds no partial upload of this version of the file";
				}
				else if (upload.offset() > upload.size() || partial.length() < upload.offset()) {
					restart = "the server holds " + partial.length() + " bytes of it, not " + upload.offset();
				}
				else {
					partial.addFirst(upload.offset(), checksum, progress);
					offset = upload.offset();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			partial.close();
			throw ex;
		}
		return IncomingFile.partial(partial, offset, upload.source(), checksum, restart);
	}

	/**
	 * What the request said of its body: how long, whether it follows at once, whether a CHECKSUM
	 * line ends it, the client's file it comes from (if said), and where the client asks to resume.
	 */
	record Upload(long size, boolean follows, boolean checked, Source source, long offset) {

		/** Whether the bytes go to a partial file kept after a cut-off. */
		boolean resumable() {
			return this.source != null && !this.follows && this.size > PartialWrite.WORTH_KEEPING;
		}

	}

	/** Why the upload cannot start; to an upload-only account, only {@link FileRequests#cannotStoreHere}. */
	private static Reply cannotOpen(FileName name, IOException ex, RequestContext session) {
		Reply reply = FileRequests.cannotOpen(name, ex);
		if (!FileRequests.isUploadOnly(session) || ex instanceof FileStore.UnrepresentableNameException) {
			return reply;
		}
		session.refused("cannot store", "refused PUT " + name + ": " + reply.text());
		return FileRequests.cannotStoreHere(name);
	}

	private static Reply cannotStore(FileName name, IOException ex, RequestContext session) {
		if (FileRequests.isOutOfSpace(ex)) {
			session.refused("disk full", "PUT " + name + " failed: " + ex.getMessage());
			return UploadLimits.insufficientSpace("the disk filled up while " + name + " was being stored");
		}
		log.warn("{} could not store {}: {}", session.peer(), name, ex.getMessage());
		return FileRequests.isUploadOnly(session) ? FileRequests.cannotStoreHere(name)
				: Reply.of(ReplyCode.LOCAL_ERROR, "could not store " + name + ": " + ex.getMessage());
	}

}
