package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.zip.Checksum;

import dev.simpleftp.storage.ScratchFile;

/**
 * The local {@link ScratchFile}: a file for bytes the server makes for itself before it sends them (a listing), written once,
 * then read, and gone when closed. It is one of the store's hidden temporary files, so never
 * listed, and it lives on the store's disk rather than in {@code java.io.tmpdir}, which is often a
 * tmpfs: memory again, only outside the heap. On Linux its name is unlinked as soon as it is
 * opened, so nothing is left even if the process is killed; elsewhere it is deleted on close, and
 * a killed process's is removed from the root as an orphan at the next start. When the root cannot
 * take it (a read-only directory, a full disk), it goes to {@code java.io.tmpdir} instead, with
 * what was written so far.
 */
public final class DiskScratchFile implements ScratchFile {

	private FileChannel channel;

	/** Where to go if the current directory fails, or {@code null} once there. */
	private Path fallback;

	private DiskScratchFile(FileChannel channel, Path fallback) {
		this.channel = channel;
		this.fallback = fallback;
	}

	static DiskScratchFile open(Path root, Path fallback) throws IOException {
		try {
			return new DiskScratchFile(TemporaryFiles.openScratch(root), fallback);
		}
		catch (IOException ex) {
			try {
				return new DiskScratchFile(TemporaryFiles.openScratch(fallback), null);
			}
			catch (IOException second) {
				ex.addSuppressed(second);
				throw ex;
			}
		}
	}

	@Override
	public void write(ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			try {
				this.channel.write(bytes);
			}
			catch (IOException ex) {
				if (this.fallback == null) {
					throw ex;
				}
				moveToFallback(ex);
			}
		}
	}

	private void moveToFallback(IOException cause) throws IOException {
		FileChannel moved;
		try {
			moved = TemporaryFiles.openScratch(this.fallback);
		}
		catch (IOException ex) {
			cause.addSuppressed(ex);
			throw cause;
		}
		try {
			long size = this.channel.size();
			long position = 0;
			while (position < size) {
				position += this.channel.transferTo(position, size - position, moved);
			}
		}
		catch (IOException ex) {
			moved.close();
			ex.addSuppressed(cause);
			throw ex;
		}
		this.channel.close();
		this.channel = moved;
		this.fallback = null;
	}

	/** The bytes written so far. */
	@Override
	public long size() throws IOException {
		return this.channel.size();
	}

	// Read by position: reading does not move where writes go.
	@Override
	public int read(ByteBuffer target, long position) throws IOException {
		return this.channel.read(target, position);
	}

	@Override
	public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
		return this.channel.transferTo(position, count, target);
	}

	@Override
	public void addTo(Checksum checksum, long length, Runnable progress) throws IOException {
		FileChecksums.add(checksum, this.channel, length, progress);
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
