package dev.simpleftp.storage.local;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.simpleftp.storage.FileStore;

/**
 * Opens files for reading without letting the caller wait for ever. Java cannot open with
 * {@code O_NONBLOCK}, and opening a FIFO for reading blocks until a writer comes: a FIFO put in a
 * file's place between the check that it is a regular file and the open would hold the caller
 * (a server's session) for good. So the open runs on a thread of a small pool of its own, and
 * the caller waits at most {@code timeout}; an open that never returns costs that pool a thread,
 * and when all of them are stuck, opens fail at once rather than pile up. Once open, the channel
 * must be seekable, which a FIFO is not.
 */
final class ReadOpener {

	/** Shared by every store of the process. */
	static final ReadOpener SHARED = new ReadOpener(16, Duration.ofSeconds(3));

	private final ThreadPoolExecutor threads;

	private final Duration timeout;

	ReadOpener(int threads, Duration timeout) {
		AtomicInteger count = new AtomicInteger();
		this.threads = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), (task) -> {
			Thread thread = new Thread(task, "file-open-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.timeout = timeout;
	}

	/**
	 * Opens {@code path} for reading, not following a link.
	 * @throws FileStore.NotRegularFileException if what was opened is not a regular file
	 * @throws IOException if it could not be opened within the timeout, or no thread is free to try
	 */
	FileChannel open(Path path, String name) throws IOException {
		return open(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), name);
	}

	/**
	 * Opens {@code path} with {@code options}; a FIFO blocks an open for writing as one for reading,
	 * until the other end comes.
	 * @throws FileStore.NotRegularFileException if what was opened is not a regular file
	 * @throws IOException if it could not be opened within the timeout, or no thread is free to try
	 */
	FileChannel open(Path path, Set<? extends OpenOption> options, String name) throws IOException {
		CompletableFuture<FileChannel> opened = new CompletableFuture<>();
		try {
			this.threads.execute(() -> openInto(opened, path, options));
		}
		catch (RejectedExecutionException ex) {
			throw new IOException("cannot open files now: " + this.threads.getMaximumPoolSize()
					+ " opens are stuck (FIFOs, or a hung disk?)");
		}
		FileChannel channel = await(opened);
		try {
			channel.position(); // lseek: a FIFO (or any pipe) answers "Illegal seek"
		}
		catch (IOException ex) {
			channel.close();
			throw new FileStore.NotRegularFileException(name, "a special file");
		}
		return channel;
	}

	private FileChannel await(CompletableFuture<FileChannel> opened) throws IOException {
		try {
			return opened.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			if (opened.completeExceptionally(new CancellationException("gave up"))) {
				long millis = this.timeout.toMillis();
				throw new IOException("not opened within " + ((millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms")
						+ " (a FIFO in the file's place, or a hung disk?)");
			}
			return await(opened); // it opened just now
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException("opening failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			opened.completeExceptionally(new CancellationException("interrupted"));
			throw new InterruptedIOException("interrupted while opening a file");
		}
	}

	private static void openInto(CompletableFuture<FileChannel> opened, Path path, Set<? extends OpenOption> options) {
		FileChannel channel;
		try {
			channel = FileChannel.open(path, options);
		}
		catch (IOException | RuntimeException ex) {
			opened.completeExceptionally(ex);
			return;
		}
		if (!opened.complete(channel)) {
			// The caller gave up before a writer came to the FIFO: nobody will close it.
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing holds it, and closing a read-only channel loses nothing.
			}
		}
	}

}
