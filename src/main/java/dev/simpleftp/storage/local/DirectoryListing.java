package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.TooManyEntriesException;

/**
 * Lists a directory in name order without holding its entries: the names are read first, held
 * compactly ({@link SortedNames}) and sorted, then each is looked at (no link followed) and handed
 * on, one at a time. So what a listing holds at once is one compact copy of the names, at most
 * {@code maxEntries} of them, whatever the caller does with the entries.
 */
final class DirectoryListing {

	/** How many entries between two calls of the progress callback. */
	private static final int PROGRESS_EVERY = 1024;

	private DirectoryListing() {
	}

	static void list(Path root, LocalFileStore.HardLinks hardLinks, int maxEntries, Runnable progress, FileStore.EntrySink sink)
			throws IOException {
		SortedNames names = new SortedNames();
		try (DirectoryStream<Path> paths = Files.newDirectoryStream(root)) {
			for (Path path : paths) {
				String name = path.getFileName().toString();
				if (!isListable(path, name)) {
					continue;
				}
				if (names.size() == maxEntries) {
					throw new TooManyEntriesException(maxEntries);
				}
				names.add(name);
				if (names.size() % PROGRESS_EVERY == 0) {
					progress.run();
				}
			}
		}
		catch (DirectoryIteratorException ex) {
			throw ex.getCause(); // the directory failed part-way: an I/O error like any other
		}
		names.sort();
		for (int i = 0; i < names.size(); i++) {
			FileEntry entry = entry(root, names.name(i), hardLinks);
			if (entry != null) {
				sink.accept(entry);
			}
			if (i % PROGRESS_EVERY == 0) {
				progress.run();
			}
		}
	}

	/** Whether the name could be fetched: temporary files and names FileName refuses are never listed. */
	private static boolean isListable(Path path, String name) {
		// A name whose bytes on disk are not UTF-8 reads back as another name: it could not be fetched.
		return FileName.isValid(name) && path.equals(path.resolveSibling(name));
	}

	/**
	 * The entry of a regular file, or {@code null} for anything else, and for a file with more than
	 * one hard link where the store refuses those: nothing is listed that could not be fetched.
	 */
	private static FileEntry entry(Path root, String name, LocalFileStore.HardLinks hardLinks) {
		try {
			Path path = root.resolve(name);
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isRegularFile()
					|| (hardLinks == LocalFileStore.HardLinks.REFUSED && LinkChecks.stat(path).links() > 1)) {
				return null;
			}
			return new FileEntry(FileName.of(name), attributes.size(), attributes.lastModifiedTime().toInstant());
		}
		catch (IOException ex) {
			// Removed since the directory was read, or unreadable: not listed.
			return null;
		}
	}

}
