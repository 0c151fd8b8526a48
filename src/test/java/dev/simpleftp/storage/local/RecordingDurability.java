package dev.simpleftp.storage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@link Durability} for tests that records each force with what the store's directory held at
 * that moment (every file, hidden ones too, with its bytes), so that a test can tell whether the
 * rename had happened yet. It can fail a force, or hold the next directory force until the test
 * lets it go, to see what the other side of a connection has heard meanwhile.
 */
public final class RecordingDurability implements Durability {

	/** What was forced, and the directory's files (name to bytes) at that moment. */
	public record Event(String kind, Map<String, byte[]> files) {

		public static final String DATA = "data";

		public static final String DIRECTORY = "directory";

		public boolean holds(String name, byte[] bytes) {
			return this.files.containsKey(name) && Arrays.equals(this.files.get(name), bytes);
		}

		/** Whether some hidden file of the store (temporary or partial) holds {@code bytes}. */
		public boolean hiddenFileHolds(byte[] bytes) {
			return this.files.entrySet().stream()
				.anyMatch(file -> file.getKey().startsWith(TemporaryFiles.PREFIX) && Arrays.equals(file.getValue(), bytes));
		}

		public boolean hasHiddenFiles() {
			return this.files.keySet().stream().anyMatch(name -> name.startsWith(TemporaryFiles.PREFIX));
		}

		@Override
		public String toString() {
			return this.kind + " " + this.files.keySet();
		}

	}

	private final Path directory;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private volatile boolean failData;

	private volatile boolean failDirectory;

	private volatile boolean holdNext;

	private volatile CountDownLatch reached = new CountDownLatch(1);

	private volatile CountDownLatch released = new CountDownLatch(0);

	public RecordingDurability(Path directory) {
		this.directory = directory;
	}

	/** The forces so far, in order. */
	public List<Event> events() {
		return List.copyOf(this.events);
	}

	public List<String> kinds() {
		return this.events.stream().map(Event::kind).toList();
	}

	/** Forgets the forces so far (such as the one a store makes when it opens). */
	public void clear() {
		this.events.clear();
	}

	public void failData() {
		this.failData = true;
	}

	public void failDirectory() {
		this.failDirectory = true;
	}

	/** Makes the next directory force wait, once recorded, for {@link #release()}. */
	public void holdNextDirectoryForce() {
		this.reached = new CountDownLatch(1);
		this.released = new CountDownLatch(1);
		this.holdNext = true;
	}

	/** Waits until a directory force is being held; false after 10 s without one. */
	public boolean awaitHeld() throws InterruptedException {
		return this.reached.await(10, TimeUnit.SECONDS);
	}

	public void release() {
		this.released.countDown();
	}

	@Override
	public void forceData(FileChannel file) throws IOException {
		record(Event.DATA);
		if (this.failData) {
			throw new IOException("injected: cannot force the data");
		}
	}

	@Override
	public void forceDirectory(Path directory) throws IOException {
		// Another directory than the store's shows up as such in kinds(), and fails the test's order.
		record(directory.equals(this.directory.toRealPath()) ? Event.DIRECTORY : Event.DIRECTORY + " " + directory);
		if (this.failDirectory) {
			throw new IOException("injected: cannot force the directory");
		}
		if (this.holdNext) {
			this.holdNext = false;
			this.reached.countDown();
			try {
				this.released.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void record(String kind) {
		Map<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> entries = Files.list(this.directory)) {
			for (Path entry : (Iterable<Path>) entries::iterator) {
				if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
					files.put(entry.getFileName().toString(), Files.readAllBytes(entry));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.events.add(new Event(kind, files));
	}

}
