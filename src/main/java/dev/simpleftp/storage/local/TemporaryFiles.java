package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.simpleftp.storage.FileName;

/**
 * Names of the hidden files that incoming bytes are written to before they are published:
 * {@code .simpleftp-PID-START-RANDOM.tmp}, where PID and START (milliseconds since the epoch)
 * identify the process that writes it. The prefix is reserved (see {@link FileName}), so a
 * temporary file never collides with a real name; PID and START let a store remove what a killed
 * process left without touching the files of a live one, even when a restarted process got the
 * same PID (as PID 1 does in a container).
 */
final class TemporaryFiles {

	static final String PREFIX = FileName.RESERVED_PREFIX;

	private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-(\\d{1,18})-[0-9a-f]{16}\\.tmp");

	private static final String OWNER = ProcessHandle.current().pid() + "-" + startMillis(ProcessHandle.current());

	private TemporaryFiles() {
	}

	static Path newPath(Path directory) {
		byte[] random = new byte[8];
		ThreadLocalRandom.current().nextBytes(random);
		return directory.resolve(PREFIX + OWNER + "-" + HexFormat.of().formatHex(random) + ".tmp");
	}

	/**
	 * Creates a temporary file in {@code directory} for reading and writing that is deleted when
	 * the channel closes; on Linux the JDK unlinks it as soon as it is open.
	 */
	static FileChannel openScratch(Path directory) throws IOException {
		return FileChannel.open(newPath(directory), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE, LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Deletes the temporary files whose process is gone; anything else in the directory, including
	 * an entry that only looks like a temporary file, is left alone. Returns how many.
	 */
	static int removeOrphans(Path directory) throws IOException {
		int removed = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*.tmp")) {
			for (Path entry : entries) {
				if (isOrphan(entry.getFileName().toString()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
						&& deleteQuietly(entry)) {
					removed++;
				}
			}
		}
		return removed;
	}

	private static boolean isOrphan(String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			return false;
		}
		long pid = Long.parseLong(matcher.group(1));
		long start = Long.parseLong(matcher.group(2));
		Optional<ProcessHandle> owner = ProcessHandle.of(pid);
		// A live process with that PID but another start time reused the PID: the owner is gone.
		return owner.isEmpty() || owner.get().info().startInstant().map(Instant::toEpochMilli)
			.filter(started -> started != start)
			.isPresent();
	}

	private static boolean deleteQuietly(Path entry) {
		try {
			return Files.deleteIfExists(entry);
		}
		catch (IOException ex) {
			// Another process's file system rules: leave it, the store still opens.
			return false;
		}
	}

	private static long startMillis(ProcessHandle process) {
		return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
	}

}
