package dev.simpleftp.client;

import java.io.IOException;
import java.util.regex.Pattern;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.FileName;

/**
 * Requests of one line answered by one reply, without a body: {@code HASH} (and {@code NOOP}, which
 * the link sends itself); a new verb of that shape, such as {@code DELETE}, goes here.
 */
final class Commands {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final ServerLink link;

	Commands(ServerLink link) {
		this.link = link;
	}

	/** The SHA-256 of a file on the server, in lower-case hexadecimal as {@code sha256sum} prints it. */
	String sha256(FileName name) throws IOException {
		return this.link.exchange(() -> {
			this.link.writer().send(Request.of(Verb.HASH, name.value()));
			Reply reply = this.link.readReply();
			if (!reply.is(ReplyCode.OK)) {
				throw this.link.refusal(reply);
			}
			String sha256 = reply.parameter("sha256").orElse("");
			if (!SHA256.matcher(sha256).matches()) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server's HASH reply has no sha256= of 64"
						+ " hexadecimal digits: '" + reply + "'");
			}
			return sha256;
		});
	}

}
