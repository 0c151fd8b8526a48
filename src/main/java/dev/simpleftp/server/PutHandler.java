package dev.simpleftp.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.BodySinkException;
import dev.simpleftp.protocol.ChecksumChannel;
import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Throughput;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.IncomingFile;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.PartialWrite.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	static final String BODY = "body";

	static final String FOLLOWS = "follows";

	static final String CHECKSUM = "checksum";

	/** The line that follows a body sent with {@code checksum=crc32c}. */
	static final String TRAILER_VERB = "CHECKSUM";

	static final String MODIFIED = "modified";

	static final String OFFSET = "offset";

	private static final String USAGE = "PUT <name> <size> [body=follows] [checksum=crc32c] [modified=T [offset=K]]";

	/**
	 * The longest refused body that follows which is read and dropped to keep the connection; a
	 * longer one costs more than a new connection, so the connection is closed instead.
	 */
	static final long SKIP_AT_MOST = 64 * 1024 * 1024;

	private final TransferBuffers buffers;

	private final UploadLimits limits;

	PutHandler(TransferBuffers buffers, UploadLimits limits) {
		this.buffers = buffers;
		this.limits = limits;
	}

	@Override
	public void handle(Request request, Session session) throws IOException {
		try {
			handleUpload(request, session);
		}
		catch (RuntimeException ex) {
			// Whether the body was read is not known: were the connection kept, bytes of the body could
			// be read as requests. The session answers 451; then the connection ends.
			session.endAfterThisRequest();
			throw ex;
		}
	}

	private void handleUpload(Request request, Session session) throws IOException {
		boolean follows = request.parameter(BODY).filter(FOLLOWS::equals).isPresent();
		boolean checked = request.parameter(CHECKSUM).isPresent();
		List<String> arguments;
		long size;
		try {
			// Count, size and checksum first: once they are known, a body that follows can be skipped.
			arguments = request.expectArguments(2, USAGE, request.parameters().keySet());
			size = Numbers.parseLength(arguments.get(1), "size");
			if (checked && !Checksums.CRC32C.equals(request.parameter(CHECKSUM).get())) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "bad parameter checksum="
						+ request.parameter(CHECKSUM).get() + ": the only value is checksum=" + Checksums.CRC32C);
			}
			if (follows && request.parameter(OFFSET).isPresent()) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "cannot resume (offset=K) an upload sent with body=follows");
			}
		}
		catch (ProtocolException ex) {
			throw follows ? unskippable(ex, session, "the body that follows cannot be skipped") : ex;
		}
		Upload upload = new Upload(size, follows, checked);
		try (TransferBuffers.Lease lease = this.buffers.borrow()) {
			Source source;
			long offset;
			try {
				request.expectArguments(2, USAGE, Set.of(BODY, CHECKSUM, MODIFIED, OFFSET));
				source = request.parameter(MODIFIED).isPresent()
						? new Source(size, Numbers.parseInstant(request.parameter(MODIFIED).get(), MODIFIED)) : null;
				offset = request.parameter(OFFSET).isPresent()
						? Numbers.parseLength(request.parameter(OFFSET).get(), OFFSET) : 0;
				if (offset > 0 && source == null) {
					throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "to resume (offset=K), give modified=T too: " + USAGE);
				}
			}
			catch (ProtocolException ex) {
				upload.skip(session, lease.buffer());
				throw ex;
			}
			if (request.parameter(BODY).isPresent() && !follows) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
						"bad parameter body=" + request.parameter(BODY).get() + ": the only value is body=" + FOLLOWS);
			}
			receive(arguments.get(0), upload.resuming(source, offset), session, lease.buffer());
		}
	}

	private void receive(String rawName, Upload upload, Session session, ByteBuffer buffer) throws IOException {
		FileName name;
		IncomingFile incoming;
		try {
			name = FileRequests.name(rawName);
		}
		catch (ProtocolException ex) {
			upload.skip(session, buffer);
			throw ex;
		}
		Optional<UploadLimits.Refusal> refusal = this.limits.check(session.store(), name, upload.size(),
				upload.size() - Math.min(upload.offset(), upload.size()));
		if (refusal.isPresent()) {
			refuse(refusal.get(), name, upload, session, buffer);
			return;
		}
		try {
			incoming = open(session.store(), name, FileRequests.partialOwner(session), upload, session::stillWorking);
		}
		catch (IOException ex) {
			upload.skip(session, buffer);
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
						: (incoming.restart() != null) ? go.with(GetHandler.RESTART, incoming.restart()) : go);
			}
			ChecksumChannel written = new ChecksumChannel(incoming.channel(), incoming.checksum());
			IOException storeFailure = null;
			try {
				session.reader().readBody(upload.size() - offset, written, ProgressListener.NONE, buffer);
			}
			catch (BodySinkException ex) {
				storeFailure = ex.getCause();
			}
			Long sent = upload.checked() ? readTrailer(session) : null;
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
				.with("size", upload.size())
				.with(Checksums.CRC32C, Checksums.format(written.checksum())));
			log.info("{} PUT {}{}: {}", session.peer(), name, (offset > 0) ? " from byte " + offset : "",
					Throughput.describe(upload.size() - offset, Duration.ofNanos(System.nanoTime() - started)));
		}
	}

	/**
	 * Refuses an upload over a limit. A body that follows is read and dropped to keep the connection,
	 * unless it is longer than {@link #SKIP_AT_MOST}: then the connection is closed after the reply.
	 */
	private static void refuse(UploadLimits.Refusal refusal, FileName name, Upload upload, Session session,
			ByteBuffer buffer) throws IOException {
		Reply reply = refusal.reply();
		session.refusals().refused(refusal.kind(), session.peer(), "refused PUT " + name + ": " + reply.text());
		if (upload.follows() && upload.size() > SKIP_AT_MOST) {
			session.endAfterThisRequest();
			reply = new Reply(reply.code(), reply.parameters(), reply.text() + "; closing the connection rather than read the "
					+ upload.size() + " bytes that follow");
		}
		else {
			upload.skip(session, buffer);
		}
		session.reply(reply);
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
	 * The {@code CHECKSUM crc32c=C} line after a checked body. Anything else means the client is out
	 * of step (or not speaking version 3), and the next request cannot be found: refuse and close.
	 */
	private static long readTrailer(Session session) throws IOException {
		String line = session.reader().readLine();
		if (line == null) {
			throw new EOFException("connection closed before the CHECKSUM line");
		}
		try {
			Request trailer = Request.parse(line);
			if (!trailer.verb().equals(TRAILER_VERB)) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "expected 'CHECKSUM crc32c=C' after the body, got '"
						+ trailer.verb() + "'");
			}
			trailer.expectArguments(0, "CHECKSUM crc32c=C", Set.of(Checksums.CRC32C));
			String value = trailer.parameter(Checksums.CRC32C)
				.orElseThrow(() -> new ProtocolException(ReplyCode.BAD_ARGUMENTS, "CHECKSUM without crc32c=C"));
			return Checksums.parse(value, "crc32c");
		}
		catch (ProtocolException ex) {
			throw unskippable(ex, session, "the end of the upload cannot be found");
		}
	}

	/**
	 * What the request said of its body: how long, whether it follows at once, whether a CHECKSUM
	 * line ends it, the client's file it comes from (if said), and where the client asks to resume.
	 */
	record Upload(long size, boolean follows, boolean checked, Source source, long offset) {

		Upload(long size, boolean follows, boolean checked) {
			this(size, follows, checked, null, 0);
		}

		Upload resuming(Source source, long offset) {
			return new Upload(this.size, this.follows, this.checked, source, offset);
		}

		/** Whether the bytes go to a partial file kept after a cut-off. */
		boolean resumable() {
			return this.source != null && !this.follows && this.size > PartialWrite.WORTH_KEEPING;
		}

		/** After a refusal: reads and drops a body (and its CHECKSUM line) that was sent without waiting. */
		void skip(Session session, ByteBuffer buffer) throws IOException {
			if (this.follows) {
				session.reader().skipBody(this.size, buffer);
				if (this.checked) {
					readTrailer(session);
				}
			}
		}

	}

	/** The end of the request cannot be found (a body of unknown length, a bad CHECKSUM line): refuse and close. */
	private static ProtocolException unskippable(ProtocolException ex, Session session, String because) {
		session.endAfterThisRequest();
		return new ProtocolException(ex.code(), ex.getMessage() + "; closing the connection, since " + because);
	}

	/** Why the upload cannot start; to an upload-only account, only {@link FileRequests#cannotStoreHere}. */
	private static Reply cannotOpen(FileName name, IOException ex, Session session) {
		Reply reply = FileRequests.cannotOpen(name, ex);
		if (!FileRequests.isUploadOnly(session) || ex instanceof FileStore.UnrepresentableNameException) {
			return reply;
		}
		session.refusals().refused("cannot store", session.peer(), "refused PUT " + name + ": " + reply.text());
		return FileRequests.cannotStoreHere(name);
	}

	private static Reply cannotStore(FileName name, IOException ex, Session session) {
		if (FileRequests.isOutOfSpace(ex)) {
			session.refusals().refused("disk full", session.peer(), "PUT " + name + " failed: " + ex.getMessage());
			return UploadLimits.insufficientSpace("the disk filled up while " + name + " was being stored");
		}
		log.warn("{} could not store {}: {}", session.peer(), name, ex.getMessage());
		return FileRequests.isUploadOnly(session) ? FileRequests.cannotStoreHere(name)
				: Reply.of(ReplyCode.LOCAL_ERROR, "could not store " + name + ": " + ex.getMessage());
	}

}
