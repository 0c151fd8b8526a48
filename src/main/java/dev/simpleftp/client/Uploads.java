package dev.simpleftp.client;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.BodyFraming;
import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.ReadableFile;

import static dev.simpleftp.protocol.Parameters.BODY;
import static dev.simpleftp.protocol.Parameters.CHECKSUM;
import static dev.simpleftp.protocol.Parameters.FOLLOWS;
import static dev.simpleftp.protocol.Parameters.MODIFIED;
import static dev.simpleftp.protocol.Parameters.OFFSET;
import static dev.simpleftp.protocol.Parameters.RESTART;

/**
 * Uploads, pipelined within the request window: a small file sent straight after its request, a
 * large one once the server accepts it, resuming what the server holds of it ({@code PARTIAL}).
 */
final class Uploads {

	/** Uploads up to this size are sent without waiting for the server to accept them. */
	static final long EAGER_LIMIT = 1024 * 1024;




	private static final String TRAILER_VERB = BodyFraming.TRAILER_VERB;

	/** The length of that line, counted with the request in the window. */
	private static final int TRAILER_BYTES = "CHECKSUM crc32c=01234567\n".length();

	private final ServerLink link;

	private final Consumer<TransferResult> counter;

	Uploads(ServerLink link, Consumer<TransferResult> counter) {
		this.link = link;
		this.counter = counter;
	}

	/** See {@link FtpClient#putAll(List, FileStore, TransferListener, boolean)}. */
	BatchResult putAll(List<FileName> names, FileStore from, TransferListener listener, boolean restart)
			throws IOException {
		Batch batch = new Batch(listener, this.counter);
		this.link.exchange(() -> {
			Deque<Upload> unanswered = new ArrayDeque<>();
			for (FileName name : names) {
				ReadableFile file;
				try {
					file = openLocal(name, from);
				}
				catch (LocalFileException ex) {
					batch.failed(name, ex);
					continue;
				}
				try (file) {
					sendUpload(name, file, from, unanswered, batch, restart);
				}
			}
			while (!unanswered.isEmpty()) {
				receiveStored(unanswered.removeFirst(), batch);
			}
			return null;
		});
		return batch.result();
	}

	/**
	 * Sends one upload: a small one with {@code body=follows}, after reading replies if the window
	 * is full; a large one only once every earlier upload is answered and the server accepts it.
	 */
	private void sendUpload(FileName name, ReadableFile file, FileStore from, Deque<Upload> unanswered, Batch batch,
			boolean restart) throws IOException {
		long size;
		try {
			size = file.size();
		}
		catch (IOException ex) {
			batch.failed(name, new LocalFileException("cannot read " + name + " in " + from.location() + ": " + Failures.describe(ex), ex));
			return;
		}
		if (size > EAGER_LIMIT) {
			while (!unanswered.isEmpty()) {
				receiveStored(unanswered.removeFirst(), batch);
			}
			Instant modified;
			try {
				modified = from.modified(name);
			}
			catch (IOException ex) {
				batch.failed(name, new LocalFileException("cannot read " + name + " in " + from.location() + ": " + Failures.describe(ex), ex));
				return;
			}
			putAfterAcceptance(name, file, new Source(size, modified), batch, restart);
			return;
		}
		Request request = Request.of(Verb.PUT, name.value(), Long.toString(size)).with(BODY, FOLLOWS).with(CHECKSUM, Checksums.CRC32C);
		Upload upload = new Upload(name, size, ServerLink.lineBytes(request) + TRAILER_BYTES, System.nanoTime(), 0, null);
		while (!unanswered.isEmpty()
				&& (unanswered.size() >= ServerLink.WINDOW || unansweredBytes(unanswered) + upload.requestBytes() > ServerLink.WINDOW_BYTES)) {
			receiveStored(unanswered.removeFirst(), batch);
		}
		this.link.writer().queue(request);
		sendBody(file, upload, Checksums.newCrc32c(), batch);
		unanswered.addLast(upload);
	}

	/** A large upload: asks what the server holds of it (unless restarting), then sends what is missing. */
	private void putAfterAcceptance(FileName name, ReadableFile file, Source source, Batch batch, boolean restart)
			throws IOException {
		long started = System.nanoTime();
		Checksum checksum = Checksums.newCrc32c();
		long asked = 0;
		String restarted = null;
		if (!restart) {
			PartialUpload held;
			try {
				held = partialUpload(name);
			}
			catch (ServerRefusedException ex) { // one that closed the connection is thrown on by this.link.refusal()
				batch.failed(name, ex);
				return;
			}
			if (held != null) {
				restarted = held.mismatch(source, file, checksum);
				asked = (restarted == null) ? held.offset() : 0;
			}
		}
		Request request = Request.of(Verb.PUT, name.value(), Long.toString(source.size()))
			.with(MODIFIED, source.modified().toString())
			.with(CHECKSUM, Checksums.CRC32C);
		this.link.writer().send((asked > 0) ? request.with(OFFSET, Long.toString(asked)) : request);
		Reply reply = this.link.readReply();
		if (!reply.is(ReplyCode.SENDING)) {
			Failures.requireRefusal(reply, "PUT " + name);
			batch.failed(name, this.link.refusal(reply));
			return;
		}
		long offset = reply.parameter(OFFSET).isPresent() ? reply.longParameter(OFFSET) : 0;
		if (offset != 0 && offset != asked) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server asks for " + name + " from byte " + offset
					+ ", which this client did not offer");
		}
		if (offset == 0 && asked > 0) {
			checksum.reset();
			restarted = reply.parameter(RESTART).orElse("the server asks for it whole");
		}
		Upload upload = new Upload(name, source.size(), 0, started, offset, restarted);
		sendBody(file, upload, checksum, batch);
		receiveStored(upload, batch);
	}

	/** What the server holds of an interrupted upload of {@code name}, or {@code null} if nothing. */
	private PartialUpload partialUpload(FileName name) throws IOException {
		this.link.writer().send(Request.of(Verb.PARTIAL, name.value()));
		Reply reply = this.link.readReply();
		if (reply.is(ReplyCode.FILE_UNAVAILABLE)) {
			return null;
		}
		if (!reply.is(ReplyCode.OK)) {
			throw this.link.refusal(reply);
		}
		return new PartialUpload(reply.longParameter(OFFSET),
				new Source(reply.longParameter(Parameters.SIZE), Numbers.parseInstant(reply.parameter(MODIFIED).orElse(""), MODIFIED)),
				Checksums.parse(reply.parameter(Checksums.CRC32C).orElse(""), Checksums.CRC32C));
	}

	/**
	 * Sends an upload's bytes from its offset, then the CHECKSUM line with the CRC32C of the whole
	 * file ({@code checksum} holds that of the bytes before the offset); queued, not flushed.
	 */
	private void sendBody(ReadableFile file, Upload upload, Checksum checksum, Batch batch) throws IOException {
		this.link.writer().copyFile(file, upload.offset(), upload.size(), this.link.transferBuffer(),
				batch.progress(upload.name(), upload.size(), upload.offset(), this.link.progress()), checksum);
		this.link.writer().queue(Request.of(TRAILER_VERB).with(Checksums.CRC32C, Checksums.format(checksum)));
	}

	/** Reads the reply that ends one upload, after sending whatever is queued. */
	private void receiveStored(Upload upload, Batch batch) throws IOException {
		this.link.writer().flush();
		Reply reply = this.link.readReply();
		if (!reply.is(ReplyCode.TRANSFER_COMPLETE)) {
			Failures.requireRefusal(reply, "PUT " + upload.name());
			batch.failed(upload.name(), this.link.refusal(reply));
			return;
		}
		if (reply.longParameter(Parameters.SIZE) != upload.size()) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's 226 for " + upload.name() + " says size="
					+ reply.longParameter(Parameters.SIZE) + ", not " + upload.size() + ": the replies are out of step");
		}
		batch.done(new TransferResult(upload.name(), upload.size() - upload.offset(),
				Duration.ofNanos(System.nanoTime() - upload.started()), upload.offset(), upload.restarted()));
	}

	private static ReadableFile openLocal(FileName name, FileStore from) throws LocalFileException {
		try {
			return from.openForRead(name);
		}
		catch (NoSuchFileException ex) {
			throw new LocalFileException("no such local file: " + name + " (in " + from.location() + ")", ex);
		}
		catch (IOException ex) {
			throw new LocalFileException("cannot read " + name + " in " + from.location() + ": " + Failures.describe(ex), ex);
		}
	}

	private static int unansweredBytes(Deque<Upload> unanswered) {
		int bytes = 0;
		for (Upload upload : unanswered) {
			bytes += upload.requestBytes();
		}
		return bytes;
	}

	/** A PUT sent and not yet answered. */
	private record Upload(FileName name, long size, int requestBytes, long started, long offset, String restarted) {
	}

	/** What the server holds of an interrupted upload, as {@code PARTIAL} told. */
	private record PartialUpload(long offset, Source source, long crc32c) {

		/**
		 * Why the upload cannot resume from {@link #offset}, or {@code null} if it can; then
		 * {@code checksum} holds the CRC32C of the local file's first {@link #offset} bytes.
		 */
		String mismatch(Source local, ReadableFile file, Checksum checksum) throws IOException {
			if (!this.source.equals(local) || this.offset > local.size()) {
				return "the server's partial upload came from another version of the file";
			}
			file.addTo(checksum, this.offset, () -> {
			});
			if (checksum.getValue() != this.crc32c) {
				checksum.reset();
				return "the server's partial upload differs from this file in its first " + this.offset + " bytes";
			}
			return null;
		}

	}

}
