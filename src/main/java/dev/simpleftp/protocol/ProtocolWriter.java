package dev.simpleftp.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes lines and bodies to one channel (docs/PROTOCOL.md, sections "Lines and tokens" and
 * "Bodies"). Each line goes out in a single write so that, with TCP_NODELAY, a request or reply is
 * one segment. File bodies go out with {@link FileChannel#transferTo}, which the JDK turns into
 * sendfile when the target is a socket channel.
 */
public final class ProtocolWriter {

	private final WritableByteChannel out;

	public ProtocolWriter(WritableByteChannel out) {
		this.out = out;
	}

	public void send(Request request) throws IOException {
		writeLine(request.encode());
	}

	public void send(Reply reply) throws IOException {
		writeLine(reply.encode());
	}

	private void writeLine(String line) throws IOException {
		ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
		while (bytes.hasRemaining()) {
			this.out.write(bytes);
		}
	}

	/**
	 * Sends the first {@code length} bytes of {@code file}.
	 * @throws IOException if the file turns out shorter than {@code length}; the peer is then owed
	 * bytes that will never come, so the connection must be closed
	 */
	public void sendFile(FileChannel file, long length, ProgressListener listener) throws IOException {
		long position = 0;
		while (position < length) {
			long sent = file.transferTo(position, length - position, this.out);
			if (sent == 0 && position >= file.size()) {
				throw new IOException("file shrank while it was being sent: " + position + " of " + length + " bytes");
			}
			position += sent;
			listener.moved(sent);
		}
	}

}
