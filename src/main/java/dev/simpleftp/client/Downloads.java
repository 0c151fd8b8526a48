package dev.simpleftp.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.Numbers;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProgressListener;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.transfer.ChecksumChannel;
import dev.simpleftp.transfer.IncomingFile;
import dev.simpleftp.transfer.Throughput;

import static dev.simpleftp.protocol.Parameters.MODIFIED;
import static dev.simpleftp.protocol.Parameters.RESTART;

/**
 * Downloads, pipelined within the request window: each file received into a temporary or partial
 * file, its CRC32C checked against the server's, then published; a partial one resumed where it can.
 */
final class Downloads {

	private final ServerLink link;

	private final Consumer<TransferResult> counter;

	Downloads(ServerLink link, Consumer<TransferResult> counter) {
		this.link = link;
		this.counter = counter;
	}

	/** See {@link FtpClient#getAll(List, FileStore, TransferListener, boolean)}. */
	BatchResult getAll(List<FileName> names, FileStore into, TransferListener listener, boolean restart)
			throws IOException {
		Batch batch = new Batch(listener, this.counter);
		this.link.exchange(() -> {
			Deque<Download> unanswered = new ArrayDeque<>();
			int unansweredBytes = 0;
			for (FileName name : names) {
				Resume resume;
				try {
					resume = restart ? Resume.dropped(into, name) : Resume.of(into, name);
				}
				catch (IOException ex) {
					batch.failed(name, new LocalFileException("cannot read the partial download of " + name + " in "
							+ into.location() + ": " + Failures.describe(ex), ex));
					continue;
				}
				Request request = (resume == null) ? Request.of(Verb.GET, name.value()) : resume.request(name);
				Download download = new Download(name, ServerLink.lineBytes(request), resume);
				while (!unanswered.isEmpty()
						&& (unanswered.size() >= ServerLink.WINDOW || unansweredBytes + download.requestBytes() > ServerLink.WINDOW_BYTES)) {
					this.link.writer().flush();
					Download oldest = unanswered.removeFirst();
					unansweredBytes -= oldest.requestBytes();
					receiveFile(oldest, into, batch);
				}
				this.link.writer().queue(request);
				unanswered.addLast(download);
				unansweredBytes += download.requestBytes();
			}
			this.link.writer().flush();
			while (!unanswered.isEmpty()) {
				receiveFile(unanswered.removeFirst(), into, batch);
			}
			return null;
		});
		return batch.result();
	}

	/** Reads one GET's replies and body; the request was sent before. */
	private void receiveFile(Download download, FileStore into, Batch batch) throws IOException {
		FileName name = download.name();
		long started = System.nanoTime();
		Reply reply = this.link.readReply();
		if (!reply.is(ReplyCode.SENDING)) {
			Failures.requireRefusal(reply, "GET " + name);
			if (download.resume() != null && reply.is(ReplyCode.FILE_UNAVAILABLE)) {
				discardPartialQuietly(into, name); // the server's file is gone: nothing to resume any more
			}
			batch.failed(name, this.link.refusal(reply));
			return;
		}
		long size = reply.longParameter(Parameters.SIZE);
		long offset = reply.parameter(Parameters.OFFSET).isPresent() ? reply.longParameter(Parameters.OFFSET) : 0;
		String modified = reply.parameter(MODIFIED).orElseThrow(() -> new ProtocolException(ReplyCode.SYNTAX_ERROR,
				"the server sent no modified= with " + name));
		if (offset > size || (offset > 0 && (download.resume() == null || offset != download.resume().offset()))) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sends " + name + " from byte " + offset
					+ ", which this client did not ask for");
		}
		String restarted = (download.resume() != null && offset == 0)
				? reply.parameter(RESTART).orElse("the server sends it whole") : null;
		requireSpace(into, name, size - offset);
		IncomingFile incoming = null;
		IOException localFailure = null;
		try {
			incoming = landing(into, name, size, offset, modified, download.resume(), restarted);
		}
		catch (IOException ex) {
			localFailure = new LocalFileException("cannot write " + name + " in " + into.location() + ": " + Failures.describe(ex), ex);
		}
		try {
			localFailure = receiveBody(size, offset, incoming, localFailure, name, into,
					batch.progress(name, size, offset, this.link.progress()));
		}
		finally {
			closeQuietly(incoming); // after a cut-off a partial file stays, to resume from
		}
		if (localFailure != null) {
			batch.failed(name, localFailure);
			return;
		}
		batch.done(new TransferResult(name, size - offset, Duration.ofNanos(System.nanoTime() - started), offset, restarted));
	}

	/**
	 * Where a download goes: a file over {@link PartialWrite#WORTH_KEEPING} (or one being resumed) into
	 * its partial file, kept from {@code offset} with the CRC32C computed when the resume was asked
	 * for; a smaller one into a temporary file.
	 */
	private static IncomingFile landing(FileStore into, FileName name, long size, long offset, String modified,
			Resume resume, String restarted) throws IOException {
		if (size <= PartialWrite.WORTH_KEEPING && offset == 0) {
			if (resume != null) {
				into.discardPartial(name);
			}
			return IncomingFile.temporary(into.beginWrite(name));
		}
		Optional<PartialWrite> partial = into.beginPartial(name);
		if (partial.isEmpty()) {
			if (offset > 0) {
				throw new IOException("another transfer is writing its partial file");
			}
			return IncomingFile.temporary(into.beginWrite(name));
		}
		Checksum checksum = (offset > 0) ? resume.checksum() : Checksums.newCrc32c();
		Source source;
		try {
			source = new Source(size, Numbers.parseInstant(modified, MODIFIED)); // parsed only here: it costs
		}
		catch (ProtocolException ex) {
			partial.get().close();
			throw ex;
		}
		return IncomingFile.partial(partial.get(), offset, source, checksum, restarted);
	}

	/**
	 * Reads a body into {@code incoming} (or drops it if there is nowhere to write it) and the
	 * {@code 226} after it, checks the CRC32C of the whole file against the server's, then publishes
	 * the file; returns why it could not be, or {@code null}. A corrupted or unwritable file is
	 * discarded; a cut-off (an exception) leaves a partial file to resume from.
	 */
	private IOException receiveBody(long size, long offset, IncomingFile incoming, IOException earlier, FileName name,
			FileStore into, ProgressListener progress) throws IOException {
		long length = size - offset;
		IOException localFailure = earlier;
		ChecksumChannel written = null;
		if (incoming == null) {
			this.link.reader().skipBody(length, this.link.transferBuffer());
		}
		else {
			StoppingSink sink = new StoppingSink(new ChecksumChannel(incoming.channel(), incoming.checksum()));
			written = sink.target();
			try {
				this.link.reader().readBody(length, sink, progress, this.link.transferBuffer());
			}
			catch (UncheckedIOException ex) {
				discardQuietly(incoming); // frees the disk: a partial that filled it helps no one
				throw new DownloadStoppedException("cannot write " + name + " in " + into.location() + ": "
						+ Failures.describe(sink.failure()) + "; the download stopped and nothing of it was kept", sink.failure());
			}
		}
		Reply trailer = this.link.readReply();
		if (!trailer.is(ReplyCode.TRANSFER_COMPLETE)) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sent '" + trailer + "' after the body of "
					+ name + " instead of 226");
		}
		if (trailer.longParameter(Parameters.SIZE) != size) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's 226 after the body of " + name + " says size="
					+ trailer.longParameter(Parameters.SIZE) + ", its 150 said " + size + ": the replies are out of step");
		}
		long sent = Checksums.parse(trailer.parameter(Checksums.CRC32C).orElseThrow(() -> new ProtocolException(
				ReplyCode.SYNTAX_ERROR, "the server sent no crc32c= after the body of " + name)), "crc32c");
		if (localFailure != null) {
			discardQuietly(incoming);
			return localFailure;
		}
		if (sent != written.checksum().getValue()) {
			discardQuietly(incoming);
			return new ChecksumMismatchException("checksum mismatch: " + name + " was not saved (the server sent crc32c "
					+ Checksums.format(sent) + ", the bytes written have " + Checksums.format(written.checksum())
					+ "; get it again)");
		}
		return commitLocal(incoming, name, into);
	}

	/**
	 * Refuses, before any byte is written, a download that would leave less than
	 * {@code ftp.client.min-free-space} on the disk: a server may declare any size.
	 */
	private void requireSpace(FileStore into, FileName name, long bytes) throws IOException {
		long free;
		try {
			free = into.usableSpace();
		}
		catch (IOException ex) {
			return; // the disk cannot say: a write that fails stops the download instead
		}
		if (bytes > free - this.link.limits().minFreeSpace()) {
			throw new DownloadStoppedException("not enough space for " + name + " in " + into.location() + ": the server"
					+ " sends " + Throughput.size(bytes) + ", the disk has " + Throughput.size(free) + " free and "
					+ Throughput.size(this.link.limits().minFreeSpace()) + " is kept free (ftp.client.min-free-space);"
					+ " nothing was written", null);
		}
	}

	/** Publishes a download; returns why it could not be, or {@code null}. */
	private static LocalFileException commitLocal(IncomingFile incoming, FileName name, FileStore into) {
		try {
			incoming.commit();
			return null;
		}
		catch (IOException ex) {
			return new LocalFileException("cannot save " + name + " in " + into.location() + ": " + Failures.describe(ex), ex);
		}
	}

	private static void closeQuietly(IncomingFile incoming) {
		if (incoming == null) {
			return;
		}
		try {
			incoming.close();
		}
		catch (IOException ex) {
			// Only a temporary file is left, which the next start of a store removes.
		}
	}

	private static void discardQuietly(IncomingFile incoming) {
		if (incoming == null) {
			return;
		}
		try {
			incoming.discard();
		}
		catch (IOException ex) {
			// A temporary file is removed by the next start of a store; a partial one is replaced next time.
		}
	}

	private static void discardPartialQuietly(FileStore into, FileName name) {
		try {
			into.discardPartial(name);
		}
		catch (IOException ex) {
			// Replaced by the next download of that name.
		}
	}

	/** A GET sent and not yet answered. */
	private record Download(FileName name, int requestBytes, Resume resume) {
	}

}
