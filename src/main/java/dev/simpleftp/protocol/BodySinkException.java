package dev.simpleftp.protocol;

import java.io.IOException;

/**
 * Writing a body to its destination failed (a full disk, say). The rest of the body was still read
 * and dropped, so, unlike other I/O errors from {@link ProtocolReader}, the connection is still in
 * step and can carry on. The cause is the destination's error.
 */
public class BodySinkException extends IOException {

	public BodySinkException(IOException cause) {
		super(cause.getMessage(), cause);
	}

	@Override
	public synchronized IOException getCause() {
		return (IOException) super.getCause();
	}

}
