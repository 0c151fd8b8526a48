package dev.simpleftp.server.command;

import java.io.IOException;
import java.util.Optional;
import java.util.zip.Checksum;

import dev.simpleftp.protocol.Checksums;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;

/**
 * {@code PARTIAL <name>}: what the server holds of an interrupted upload of {@code name}, for the
 * client to resume it: {@code 200 offset=K size=S modified=T crc32c=C}, the bytes held, the size
 * and modification time of the client's file they came from, and the CRC32C of those K bytes. The
 * client compares them with its file and, if they agree, resumes with {@code PUT ... offset=K}.
 * {@code 550} if there is none (or another connection is uploading it right now). Each account sees
 * only the partial uploads it made (see {@link FileRequests#partialOwner}).
 */
final class PartialHandler implements CommandHandler {

	@Override
	public void handle(Request request, RequestContext session) throws IOException {
		FileName name = FileRequests.name(request.expectArguments(1, "PARTIAL <name>").get(0));
		String owner = FileRequests.partialOwner(session);
		if (!session.store().hasPartial(name, owner)) {
			session.reply(none(name));
			return;
		}
		Optional<PartialWrite> held;
		try {
			held = session.store().beginPartial(name, owner);
		}
		catch (IOException ex) {
			// A drop box may not learn what the name holds now (a directory, say): it hears there is none.
			session.reply(FileRequests.isUploadOnly(session) ? none(name) : FileRequests.cannotOpen(name, ex));
			return;
		}
		if (held.isEmpty()) {
			session.reply(Reply.of(ReplyCode.FILE_UNAVAILABLE, "no partial upload of " + name
					+ " to resume: another connection is uploading it"));
			return;
		}
		try (PartialWrite partial = held.get()) {
			Optional<Source> source = partial.recordedSource();
			if (source.isEmpty()) {
				partial.discard(); // bytes of unknown origin cannot be resumed
				session.reply(none(name));
				return;
			}
			long length = partial.length();
			Checksum crc = Checksums.newCrc32c();
			partial.addFirst(length, crc, session::stillWorking);
			session.reply(Reply.of(ReplyCode.OK, "partial upload of " + name)
				.with(Parameters.OFFSET, length)
				.with(Parameters.SIZE, source.get().size())
				.with(Parameters.MODIFIED, source.get().modified())
				.with(Checksums.CRC32C, Checksums.format(crc)));
		}
	}

	private static Reply none(FileName name) {
		return Reply.of(ReplyCode.FILE_UNAVAILABLE, "no partial upload of " + name);
	}

}
