package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the hidden files that incoming bytes are written to before they are published:
 * {@code .simpleftp-PID-RANDOM.tmp}. The prefix is reserved (see {@link FileName}), so a temporary
 * file never collides with a real name, and the PID lets a store remove what a killed process left
 * without touching the files of a live one.
 */
final class TemporaryFiles {

	static final String PREFIX = ".simpleftp-";

	private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]{16}\\.tmp");

	private TemporaryFiles() {
	}

	static Path newPath(Path directory) {
		byte[] random = new byte[8];
		ThreadLocalRandom.current().nextBytes(random);
		return directory.resolve(PREFIX + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random) + ".tmp");
	}

	/**
	 * Deletes temporary files whose process is gone, and those of this process's PID (a PID reused
	 * after a restart, as in a container): called before the store writes anything. Returns how many.
	 */
	static int removeOrphans(Path directory) throws IOException {
		int removed = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, PREFIX + "*.tmp")) {
			for (Path entry : entries) {
				Optional<Long> owner = ownerPid(entry.getFileName().toString());
				if (owner.isPresent() && isOrphan(owner.get()) && Files.deleteIfExists(entry)) {
					removed++;
				}
			}
		}
		return removed;
	}

	private static boolean isOrphan(long pid) {
		return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).isEmpty();
	}

	private static Optional<Long> ownerPid(String name) {
		Matcher matcher = NAME.matcher(name);
		return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
	}

}
