package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.zip.Checksum;

import dev.simpleftp.storage.ReadableFile;

/**
 * A {@link ReadableFile} over a local file's channel: {@link #transferTo} is
 * {@link FileChannel#transferTo} (sendfile when the target is a socket), and the checksums are
 * {@link FileChecksums}' (large files mapped).
 */
public final class ChannelFile implements ReadableFile {

	private final FileChannel channel;

	/** @param channel open for reading; closed with this */
	public ChannelFile(FileChannel channel) {
		this.channel = channel;
	}

	@Override
	public long size() throws IOException {
		return this.channel.size();
	}

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
	public String sha256(Runnable progress) throws IOException {
		return FileChecksums.sha256(this.channel, progress);
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
