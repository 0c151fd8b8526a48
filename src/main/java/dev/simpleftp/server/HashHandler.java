package dev.simpleftp.server;

import java.io.IOException;
import java.nio.channels.FileChannel;

import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.storage.FileChecksums;
import dev.simpleftp.storage.FileName;

/**
 * {@code HASH <name>}: {@code 200 sha256=H size=N}, the SHA-256 of the file as {@code sha256sum}
 * prints it (version 3). For checking a file against a published hash; transfers themselves are
 * verified with CRC32C, which costs far less.
 */
final class HashHandler implements CommandHandler {

	static final String SHA256 = "sha256";

	@Override
	public void handle(Request request, Session session) throws IOException {
		FileName name = FileRequests.name(request.expectArguments(1, "HASH <name>").get(0));
		FileChannel file;
		try {
			file = session.store().openForRead(name);
		}
		catch (IOException ex) {
			session.reply(FileRequests.cannotOpen(name, ex));
			return;
		}
		try (file) {
			long size = file.size();
			String sha256 = FileChecksums.sha256(file, session::stillWorking);
			session.reply(Reply.of(ReplyCode.OK, "sha256 of " + name).with(SHA256, sha256).with("size", size));
		}
		catch (IOException ex) {
			session.reply(Reply.of(ReplyCode.LOCAL_ERROR, "could not read " + name + ": " + ex.getMessage()));
		}
	}

}
