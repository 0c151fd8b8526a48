package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How a store makes a published file survive a power cut: it forces the file's data before renaming
 * it over its name, and the directory after, so that the rename never reaches the disk ahead of the
 * bytes and a success reported after a commit (the server's {@code 226}, the client's "got") stands.
 * {@link #synced()} is the default; {@link #none()} trades that for speed (the rename stays atomic for
 * readers and against a crash of the process, not against a power cut). Tests put a recording one in.
 */
public interface Durability {

	/** Forces the bytes written through {@code file}, and what is needed to read them back, to the disk. */
	void forceData(FileChannel file) throws IOException;

	/** Forces the entries of {@code directory} to the disk: a rename in it, or a removal, is then kept. */
	void forceDirectory(Path directory) throws IOException;

	/** fsync of the file, then of its directory. */
	static Durability synced() {
		return Standard.SYNCED;
	}

	/** Nothing forced: the kernel writes the bytes back when it sees fit. */
	static Durability none() {
		return Standard.NONE;
	}

	/** {@link #synced()} if {@code durable}, else {@link #none()}: what the {@code durable} settings choose. */
	static Durability of(boolean durable) {
		return durable ? synced() : none();
	}

	/** The two real ones. */
	enum Standard implements Durability {

		SYNCED {

			@Override
			public void forceData(FileChannel file) throws IOException {
				// With the metadata too: the size, and the modification time GET and LIST report.
				file.force(true);
			}

			@Override
			public void forceDirectory(Path directory) throws IOException {
				// Linux and macOS open a directory for reading, and fsync it like a file.
				try (FileChannel entries = FileChannel.open(directory, StandardOpenOption.READ)) {
					entries.force(true);
				}
			}

		},

		NONE {

			@Override
			public void forceData(FileChannel file) {
			}

			@Override
			public void forceDirectory(Path directory) {
			}

		}

	}

}
