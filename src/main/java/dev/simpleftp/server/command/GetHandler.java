package dev.simpleftp.server.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.ReadableFile;
import dev.simpleftp.transfer.Throughput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.simpleftp.protocol.Parameters.MODIFIED;
import static dev.simpleftp.protocol.Parameters.OFFSET;
import static dev.simpleftp.protocol.Parameters.RESTART;
import static dev.simpleftp.protocol.Parameters.SIZE;

/**
 * {@code GET <name> [offset=K size=S modified=T crc32c=C]}: {@code 150 size=N [offset=K] modified=T},
 * then the bytes from K (0 if not given) to N, then {@code 226 size=N crc32c=C} with the CRC32C of the whole file,
 * for the client to check what it wrote. A client that holds the first K bytes of a download asks
 * to resume with what it knows of them: the file's size and modification time when they came, and
 * their CRC32C. If the file is still the same (same size and time, and its first K bytes have that
 * CRC32C), the bytes from K follow; otherwise the whole file does ({@code offset=0}), and the text
 * says why. Once the 150 is out the length is promised, so any failure after it ends the
 * connection. A file goes out through a lent {@link TransferBuffers transfer buffer}, its first bytes
 * in the same write as the 150; with {@code ftp.server.zero-copy}, a file larger than
 * {@link #SMALL_FILE} goes out by sendfile instead, and the file is read a second time for its
 * checksum. When no buffer is free, sendfile it is.
 */
final class GetHandler implements CommandHandler {

	private static final Logger log = LoggerFactory.getLogger(GetHandler.class);

	/** Up to this size a file costs less copied with its 150 than in a write of its own. */
	static final long SMALL_FILE = 64 * 1024;





	private static final Set<String> RESUME_PARAMETERS = Set.of(OFFSET, SIZE, MODIFIED, Checksums.CRC32C);

	private static final String USAGE = "GET <name> [offset=K size=S modified=T crc32c=C]";

	private final TransferBuffers buffers;

	private final boolean zeroCopy;

	/** The buffer of a GET under TLS when every transfer buffer is lent. */
	private static final int ENCRYPTED_FALLBACK_BUFFER = 64 * 1024;

	GetHandler(TransferBuffers buffers, boolean zeroCopy) {
		this.buffers = buffers;
		this.zeroCopy = zeroCopy;
	}

	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		FileName name = FileRequests.name(request.expectArguments(1, USAGE, RESUME_PARAMETERS).get(0));
		Resume resume = Resume.of(request);
		ReadableFile file;
		long size;
		Instant modified;
		try {
			file = session.store().openForRead(name);
			size = file.size();
			modified = session.store().modified(name);
		}
		catch (IOException ex) {
			session.reply(FileRequests.cannotOpen(name, ex));
			return;
		}
		// Under TLS the bytes must pass through Java to be encrypted: no sendfile.
		boolean zeroCopy = this.zeroCopy && size > SMALL_FILE && !session.isEncrypted();
		try (file; TransferBuffers.Lease lease = zeroCopy ? null : this.buffers.borrow()) {
			long started = System.nanoTime();
			Checksum crc = Checksums.newCrc32c();
			String from = (resume == null) ? null : resume.check(file, size, modified, crc, session::stillWorking);
			long offset = (from == null && resume != null) ? resume.offset() : 0;
			if (offset == 0) {
				crc.reset();
			}
			Reply sending = Reply.of(ReplyCode.SENDING, (from != null) ? "sending " + name + " from the start: " + from
					: (offset > 0) ? "sending " + name + " from byte " + offset : "sending " + name)
				.with(SIZE, size);
			sending = (offset > 0) ? sending.with(OFFSET, offset) : (from != null) ? sending.with(RESTART, from) : sending;
			session.writer().queue(sending.with(MODIFIED, modified));
			if (lease != null && lease.buffer() != null) {
				session.writer().copyFile(file, offset, size, lease.buffer(), ProgressListener.NONE, crc);
			}
			else if (session.isEncrypted()) {
				// Every large buffer lent: a small one of its own, slower but still through TLS.
				session.writer().copyFile(file, offset, size, ByteBuffer.allocate(ENCRYPTED_FALLBACK_BUFFER),
						ProgressListener.NONE, crc);
			}
			else {
				session.writer().sendFile(file, offset, size, ProgressListener.NONE);
				crc.reset(); // sendfile never shows us the bytes: read the whole file again
				file.addTo(crc, size, session::stillWorking);
			}
			session.reply(Reply.of(ReplyCode.TRANSFER_COMPLETE, "sent " + name)
				.with(SIZE, size)
				.with(Checksums.CRC32C, Checksums.format(crc)));
			log.info("{} GET {}{}: {}", session.peer(), name, (offset > 0) ? " from byte " + offset : "",
					Throughput.describe(size - offset, Duration.ofNanos(System.nanoTime() - started)));
		}
	}

	/** What a client knows of the first bytes it holds, to resume a download. */
	private record Resume(long offset, long size, Instant modified, long crc32c) {

		/** The request's resume parameters: all four or none. */
		static Resume of(Request request) throws ProtocolException {
			if (request.parameters().isEmpty()) {
				return null;
			}
			if (!request.parameters().keySet().equals(RESUME_PARAMETERS)) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS,
						"to resume, give all of offset=K size=S modified=T crc32c=C: " + USAGE);
			}
			return new Resume(Numbers.parseLength(request.parameter(OFFSET).get(), OFFSET),
					Numbers.parseLength(request.parameter(SIZE).get(), SIZE),
					// Compared to the millisecond, the precision of the 150's modified= and of PUT's resume.
					Numbers.parseInstant(request.parameter(MODIFIED).get(), MODIFIED).truncatedTo(ChronoUnit.MILLIS),
					Checksums.parse(request.parameter(Checksums.CRC32C).get(), Checksums.CRC32C));
		}

		/**
		 * Why the download cannot resume, or {@code null} if it can; then {@code crc} holds the
		 * CRC32C of the first {@link #offset} bytes.
		 */
		String check(ReadableFile file, long size, Instant modified, Checksum crc, Runnable progress) throws IOException {
			if (size != this.size) {
				return "it changed on the server (" + size + " bytes, was " + this.size + ")";
			}
			if (!modified.equals(this.modified)) {
				return "it changed on the server (modified " + modified + ", was " + this.modified + ")";
			}
			if (this.offset > size) {
				return "the client holds more bytes (" + this.offset + ") than the file has (" + size + ")";
			}
			file.addTo(crc, this.offset, progress);
			if (crc.getValue() != this.crc32c) {
				return "the first " + this.offset + " bytes differ from the server's (CRC32C " + Checksums.format(this.crc32c)
						+ ", the server's " + Checksums.format(crc) + ")";
			}
			return null;
		}

	}

}
