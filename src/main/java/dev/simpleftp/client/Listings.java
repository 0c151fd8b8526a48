package dev.simpleftp.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ProtocolReader;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.transfer.Throughput;

/** {@code LIST}: the body read into one array of its declared size, then parsed into a {@link RemoteListing}. */
final class Listings {

	/** The largest listing this client accepts: some 500,000 files. */
	static final long MAX_LISTING_BYTES = 64 * 1024 * 1024;

	private final ServerLink link;

	Listings(ServerLink link) {
		this.link = link;
	}

	/**
	 * The server's files. Names that are not acceptable file names are never returned as files but
	 * set apart, so that a hostile server cannot steer a later download outside the directory. A
	 * listing of more than {@link #MAX_LISTING_BYTES} bytes or more entries than the limits allow is
	 * refused and the connection closed. Only the network is timed: the watchdog stops once the
	 * {@code 226} has arrived, before the entries are parsed.
	 */
	RemoteListing list() throws IOException {
		int maxEntries = this.link.limits().maxListEntries();
		return this.link.exchange(() -> {
			this.link.writer().send(Request.of(Verb.LIST));
			Reply reply = this.link.readReply();
			if (!reply.is(ReplyCode.SENDING)) {
				Failures.requireRefusal(reply, Verb.LIST.word());
				throw this.link.refusal(reply);
			}
			long length = reply.longParameter(Parameters.SIZE);
			if (length > MAX_LISTING_BYTES) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's listing is too large: " + length
						+ " bytes, more than this client accepts (" + Throughput.size(MAX_LISTING_BYTES) + ")");
			}
			if (reply.parameter(Parameters.COUNT).isPresent() && reply.longParameter(Parameters.COUNT) > maxEntries) {
				throw tooManyEntries(reply.longParameter(Parameters.COUNT) + " entries");
			}
			byte[] body = new byte[(int) length];
			this.link.reader().readBody(length, Channels.newChannel(new ArraySink(body)), this.link.progress(),
					this.link.transferBuffer());
			Reply trailer = this.link.readReply();
			if (!trailer.is(ReplyCode.TRANSFER_COMPLETE) || trailer.longParameter(Parameters.SIZE) != length) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server sent '" + trailer + "' after a listing of "
						+ length + " bytes instead of 226 size=" + length + ": the replies are out of step");
			}
			this.link.watchdog().disarm();
			return parseListing(body, maxEntries);
		});
	}

	private static ProtocolException tooManyEntries(String what) {
		return new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's listing is too large: " + what
				+ ", more than this client accepts (ftp.client.max-list-entries)");
	}

	/**
	 * Parses a listing, holding one small {@link FileEntry} per file: names already seen are found
	 * by sorting (stably, so the first of a name is the one kept), not with a set beside the list.
	 */
	private static RemoteListing parseListing(byte[] body, int maxEntries) throws IOException {
		ProtocolReader lines = new ProtocolReader(Channels.newChannel(new ByteArrayInputStream(body)), 2 * ProtocolReader.MAX_LINE_BYTES);
		List<FileEntry> files = new ArrayList<>();
		List<String> rejected = new ArrayList<>();
		String line;
		int entries = 0;
		while ((line = lines.readLine()) != null) {
			if (++entries > maxEntries) {
				throw tooManyEntries("more than " + maxEntries + " entries");
			}
			ListingEntry entry = ListingEntry.parse(line);
			if (FileName.isValid(entry.name())) {
				files.add(new FileEntry(FileName.of(entry.name()), entry.size(), entry.modified()));
			}
			else {
				rejected.add(FileName.printable(entry.name()));
			}
		}
		files.sort(Comparator.comparing(file -> file.name().value()));
		List<FileEntry> unique = new ArrayList<>(files.size());
		for (FileEntry file : files) {
			if (!unique.isEmpty() && unique.get(unique.size() - 1).name().equals(file.name())) {
				rejected.add(FileName.printable(file.name().value()));
			}
			else {
				unique.add(file);
			}
		}
		return new RemoteListing(unique, rejected);
	}

	/** Lets a body be read straight into an array of its exact size, without a growing copy. */
	private static final class ArraySink extends java.io.OutputStream {

		private final byte[] target;

		private int position;

		ArraySink(byte[] target) {
			this.target = target;
		}

		@Override
		public void write(int b) {
			this.target[this.position++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			System.arraycopy(bytes, offset, this.target, this.position, length);
			this.position += length;
		}

	}

}
