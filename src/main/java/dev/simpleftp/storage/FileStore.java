package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a server serves or a client keeps, addressed only by {@link FileName}, so nothing
 * outside the store can be named. Whatever keeps them (a local directory, later an object store),
 * a store promises the same: nothing is visible under a name until it is whole ({@link PendingWrite},
 * {@link PartialWrite}), readers see the old version or the new one, a transfer cut off may leave a
 * {@link PartialWrite} to resume from but never a torn file, and a listing shows only what could be
 * fetched. The local implementation is {@code storage.local.LocalFileStore}; the contract is checked
 * by one abstract test suite that every implementation runs.
 */
public interface FileStore {

	/** Where the files are, for messages and logs: a directory's path, a bucket's address. */
	String location();

	/** The bytes that may still be written to the store (quick enough to ask per upload). */
	long usableSpace() throws IOException;

	/**
	 * Opens a regular file for reading; the caller closes it. Never waits long.
	 * @throws java.nio.file.NoSuchFileException if there is no such file
	 * @throws NotRegularFileException if the name holds something else (a directory, a link)
	 */
	ReadableFile openForRead(FileName name) throws IOException;

	/** The last modification time of a file, to the millisecond (the precision the protocol carries). */
	Instant modified(FileName name) throws IOException;

	/**
	 * Starts writing a new version of {@code name}; nothing is visible under that name until
	 * {@link PendingWrite#commit()}.
	 * @throws NotRegularFileException if the name is taken by a directory, a link or a special file
	 */
	PendingWrite beginWrite(FileName name) throws IOException;

	/** As {@link #beginPartial(FileName, String)}, for a store whose partial files have no owner (a client's). */
	default Optional<PartialWrite> beginPartial(FileName name) throws IOException {
		return beginPartial(name, null);
	}

	/**
	 * Opens the partial file of {@code name} that {@code owner} made, created empty if there is
	 * none, for a transfer that can resume (see {@link PartialWrite}). Empty if another transfer holds
	 * it: the caller then writes with {@link #beginWrite} instead, without resume.
	 * @param owner the account whose partial file it is, or {@code null} where there are no accounts:
	 * one account never sees nor continues another's
	 * @throws NotRegularFileException if the name is taken by a directory, a link or a special file
	 */
	Optional<PartialWrite> beginPartial(FileName name, String owner) throws IOException;

	/** As {@link #hasPartial(FileName, String)}, for partial files with no owner. */
	default boolean hasPartial(FileName name) {
		return hasPartial(name, null);
	}

	/**
	 * Whether an interrupted transfer of {@code name} by {@code owner} left a partial file with its
	 * source recorded. Cheap: a client asks it before every download.
	 */
	boolean hasPartial(FileName name, String owner);

	/** As {@link #discardPartial(FileName, String)}, for partial files with no owner. */
	default boolean discardPartial(FileName name) throws IOException {
		return discardPartial(name, null);
	}

	/**
	 * Deletes the partial file of {@code name} by {@code owner}, if any and if no transfer holds it;
	 * true if one was deleted.
	 */
	boolean discardPartial(FileName name, String owner) throws IOException;

	/** Deletes the partial files last written before {@code cutoff} that no transfer holds; returns how many. */
	int removePartialsOlderThan(Instant cutoff) throws IOException;

	/** The partial files interrupted transfers left, those held by a transfer too; see {@link KeptPartial}. */
	List<KeptPartial> keptPartials() throws IOException;

	/**
	 * The regular files, sorted by name; nothing is listed that could not be fetched. Holds every
	 * entry: for a store of any size, see {@link #list(int, Runnable, EntrySink)}.
	 */
	default List<FileEntry> list() throws IOException {
		List<FileEntry> entries = new ArrayList<>();
		list(Integer.MAX_VALUE, () -> {
		}, entries::add);
		return entries;
	}

	/**
	 * Hands the entries {@link #list()} would return to {@code sink}, in the same order, one at a
	 * time, in bounded memory.
	 * @param maxEntries the most acceptable names the store may hold (counted before what is not
	 * listed is left out)
	 * @param progress called now and then while the names are read: for long work's watchdog
	 * @throws TooManyEntriesException if there are more, before any entry is handed on
	 */
	void list(int maxEntries, Runnable progress, EntrySink sink) throws IOException;

	/** Takes the entries of a listing, one at a time. */
	@FunctionalInterface
	interface EntrySink {

		void accept(FileEntry entry) throws IOException;

	}

	/** A {@link ScratchFile} for bytes made before they are sent (a listing), never listed. */
	ScratchFile newScratchFile() throws IOException;

	/**
	 * A name {@link FileName} accepts that this store cannot use: an I/O failure, so that every
	 * caller already answers it, and an upload's body is still read and dropped.
	 */
	final class UnrepresentableNameException extends FileSystemException {

		public UnrepresentableNameException(String name, String reason) {
			super(name, null, reason);
		}

	}

	/** The name is taken by something that is not a regular file. */
	final class NotRegularFileException extends FileSystemException {

		public NotRegularFileException(String name, String what) {
			super(name, null, "it is " + what);
		}

	}

	/** A regular file with more than one hard link, in a store that refuses those. */
	final class HardLinkedFileException extends FileSystemException {

		public HardLinkedFileException(String name, int links) {
			super(name, null, "it has " + links + " hard links");
		}

	}

}
