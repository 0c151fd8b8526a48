package dev.simpleftp.server.command;

import java.io.IOException;
import java.util.Optional;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;

/**
 * What a PUT may declare: at most {@code ftp.server.max-file-size} bytes, and no more than would
 * leave {@code ftp.server.min-free-space} free on the disk. Checked before any byte is stored. The
 * reserve can still be beaten by other writers; running out of space part-way gives the same
 * {@code 452} (see {@link PutHandler}).
 *
 * @param maxFileSize the largest size a PUT may declare
 * @param minFreeSpace bytes the server keeps free on its disk
 */
public record UploadLimits(long maxFileSize, long minFreeSpace) {

	/**
	 * The refusal for an upload of {@code name} that needs {@code bytes} more on disk and declares
	 * {@code size} in all, or empty if it may go ahead.
	 */
	Optional<Refusal> check(FileStore store, FileName name, long size, long bytes) {
		if (size > this.maxFileSize) {
			return Optional.of(new Refusal("file too large", Reply.of(ReplyCode.FILE_TOO_LARGE, "file too large: " + name
					+ " is " + size + " bytes; this server takes files of at most " + this.maxFileSize + " bytes")));
		}
		long usable;
		try {
			usable = store.usableSpace();
		}
		catch (IOException ex) {
			return Optional.empty(); // cannot tell: the write itself will find out
		}
		if (bytes > usable) {
			return Optional.of(new Refusal("insufficient space", insufficientSpace("storing " + name + " (" + bytes
					+ " bytes) needs more than the " + usable + " bytes free on its disk")));
		}
		if (usable - bytes < this.minFreeSpace) {
			return Optional.of(new Refusal("insufficient space", insufficientSpace("storing " + name + " (" + bytes
					+ " bytes) would leave less than the " + this.minFreeSpace + " bytes it keeps free")));
		}
		return Optional.empty();
	}

	/** The {@code 452} reply, up front or when the disk fills up part-way: the same words either way. */
	static Reply insufficientSpace(String detail) {
		return Reply.of(ReplyCode.INSUFFICIENT_STORAGE, "insufficient space on the server: " + detail + "; nothing was stored");
	}

	/** A PUT refused by a limit: the kind of refusal, for the log, and the reply. */
	record Refusal(String kind, Reply reply) {
	}

}
