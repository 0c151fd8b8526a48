package dev.simpleftp.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.simpleftp.protocol.ListingEntry;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileEntry;

/**
 * {@code LIST}: {@code 150 size=N count=K}, then a body of K lines, one per file (see
 * {@link ListingEntry}), then {@code 226}. Only what a client could fetch is listed: regular files
 * with acceptable names, never the temporary files of transfers in progress.
 */
final class ListHandler implements CommandHandler {

	@Override
	public void handle(Request request, Session session) throws IOException {
		request.expectArguments(0, "LIST");
		List<FileEntry> files;
		try {
			files = session.store().list();
		}
		catch (IOException ex) {
			session.reply(Reply.of(ReplyCode.LOCAL_ERROR, "cannot list the directory: " + ex.getMessage()));
			return;
		}
		StringBuilder body = new StringBuilder(files.size() * 64);
		for (FileEntry file : files) {
			body.append(new ListingEntry(file.name().value(), file.size(), file.modified()).encode()).append('\n');
		}
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		session.writer().queue(Reply.of(ReplyCode.SENDING, "listing " + files.size() + " files")
			.with("size", bytes.length)
			.with("count", files.size()));
		session.writer().write(ByteBuffer.wrap(bytes));
		session.reply(Reply.of(ReplyCode.TRANSFER_COMPLETE, "listed " + files.size() + " files")
			.with("size", bytes.length)
			.with("count", files.size()));
	}

}
