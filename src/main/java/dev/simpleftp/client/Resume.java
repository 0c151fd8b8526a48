package dev.simpleftp.client;

import java.io.IOException;
import java.util.Optional;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;

import static dev.simpleftp.protocol.Parameters.MODIFIED;
import static dev.simpleftp.protocol.Parameters.OFFSET;

/** What the client holds of an interrupted download: the bytes, the server's file they came from, their CRC32C. */
record Resume(long offset, Source source, Checksum checksum) {

	/** The partial download of {@code name} worth resuming, if any. */
	static Resume of(FileStore into, FileName name) throws IOException {
		if (!into.hasPartial(name)) {
			return null;
		}
		Optional<PartialWrite> held = into.beginPartial(name);
		if (held.isEmpty()) {
			return null; // another transfer is writing it: this one starts afresh, into a temporary file
		}
		try (PartialWrite partial = held.get()) {
			long length = partial.length();
			if (partial.recordedSource().isEmpty() || length == 0) {
				return null;
			}
			Checksum checksum = Checksums.newCrc32c();
			partial.addFirst(length, checksum);
			return new Resume(length, partial.recordedSource().get(), checksum);
		}
	}

	/** Drops any partial download of {@code name}: the transfer starts from its first byte. */
	static Resume dropped(FileStore into, FileName name) throws IOException {
		into.discardPartial(name);
		return null;
	}

	Request request(FileName name) {
		return Request.of(Verb.GET, name.value())
			.with(OFFSET, Long.toString(this.offset))
			.with(Parameters.SIZE, Long.toString(this.source.size()))
			.with(MODIFIED, this.source.modified().toString())
			.with(Checksums.CRC32C, Checksums.format(this.checksum));
	}

}
