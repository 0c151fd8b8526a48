package dev.simpleftp.server.command;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore.HardLinkedFileException;
import dev.simpleftp.storage.FileStore.NotRegularFileException;
import dev.simpleftp.storage.FileStore.UnrepresentableNameException;
import dev.simpleftp.storage.InvalidFileNameException;

/** What the file verbs share: reading a name off the wire, and answering a storage failure. */
final class FileRequests {

	private FileRequests() {
	}

	static FileName name(String raw) throws ProtocolException {
		try {
			return FileName.of(raw);
		}
		catch (InvalidFileNameException ex) {
			throw new ProtocolException(ReplyCode.BAD_FILE_NAME, ex.getMessage());
		}
	}

	/** The reply for a file that could not be opened; the request had no effect. */
	static Reply cannotOpen(FileName name, IOException ex) {
		if (ex instanceof UnrepresentableNameException unrepresentable) {
			return Reply.of(ReplyCode.BAD_FILE_NAME, "bad file name '" + name + "': " + unrepresentable.getReason());
		}
		if (ex instanceof NoSuchFileException) {
			return Reply.of(ReplyCode.FILE_UNAVAILABLE, "no such file: " + name);
		}
		if (ex instanceof NotRegularFileException notRegular) {
			return Reply.of(ReplyCode.FILE_UNAVAILABLE, "not a regular file: " + name + " (" + notRegular.getReason() + ")");
		}
		if (ex instanceof HardLinkedFileException hardLinked) {
			return Reply.of(ReplyCode.FILE_UNAVAILABLE, "not served: " + name + " (" + hardLinked.getReason()
					+ ", and this server serves only files with one)");
		}
		if (ex instanceof AccessDeniedException) {
			return Reply.of(ReplyCode.FILE_UNAVAILABLE, "permission denied: " + name);
		}
		return Reply.of(ReplyCode.LOCAL_ERROR, "cannot open " + name + ": " + ex.getMessage());
	}

	/**
	 * What an upload-only account is told whatever stops its upload at a name: a directory, a link or
	 * a special file there, a permission, a failing disk. Any specific words would tell a drop box
	 * what the name holds, which it may not learn (see {@link Access#UPLOAD_ONLY}); the refusal log
	 * has the reason. A bad name, a limit or a full disk says nothing of the name, and keeps its words.
	 */
	static Reply cannotStoreHere(FileName name) {
		return Reply.of(ReplyCode.FILE_UNAVAILABLE, "cannot store " + name + " here");
	}

	/** Whether the session's account is a drop box, which may not learn what a name holds. */
	static boolean isUploadOnly(RequestContext session) {
		Account account = session.account();
		return account != null && account.access() == Access.UPLOAD_ONLY;
	}

	/**
	 * Whose partial uploads the session sees and continues (see
	 * {@link dev.simpleftp.storage.FileStore#beginPartial(FileName, String)}): its account's, or, on a
	 * server without accounts, those of no one in particular.
	 */
	static String partialOwner(RequestContext session) {
		Account account = session.account();
		return (account != null) ? account.name() : null;
	}

	/** True if a write failed because the disk or the user's quota is full. */
	static boolean isOutOfSpace(IOException ex) {
		String message = String.valueOf(ex.getMessage());
		return message.contains("No space left on device") || message.contains("Disk quota exceeded");
	}

}
