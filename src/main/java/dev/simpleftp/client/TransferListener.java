package dev.simpleftp.client;

import java.io.IOException;

import dev.simpleftp.storage.FileName;

/**
 * Told how each file of a multi-file transfer ended, as it ends: files the server handled in
 * request order, a local file that cannot be read as soon as that is found.
 */
public interface TransferListener {

	TransferListener NONE = new TransferListener() {
	};

	/**
	 * Bytes of a file's body have moved; called for every chunk, so it must be quick.
	 * @param done bytes of this file moved so far
	 * @param size the file's length
	 */
	default void moved(FileName name, long done, long size) {
	}

	/**
	 * A file resumes an interrupted transfer: {@code alreadyThere} bytes of it are there before
	 * any moves, and {@link #moved} counts from there.
	 */
	default void resumed(FileName name, long alreadyThere, long size) {
	}

	default void finished(TransferResult result) {
	}

	/**
	 * The file was not transferred; the others go on.
	 * @param cause a {@link ServerRefusedException} or a {@link LocalFileException}
	 */
	default void failed(FileName name, IOException cause) {
	}

}
