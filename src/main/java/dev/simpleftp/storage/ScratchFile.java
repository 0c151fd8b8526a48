package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A file for bytes made before they are sent (a listing): written once, read by position (as a
 * {@link ReadableFile}: size, read, transferTo), and gone when closed; never listed.
 */
public interface ScratchFile extends ReadableFile {

	/** Appends all of {@code bytes}. */
	void write(ByteBuffer bytes) throws IOException;

}
