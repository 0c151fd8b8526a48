package dev.simpleftp.server.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * What a {@code LIST} may cost the server, {@code ftp.server.max-list-entries} and
 * {@code ftp.server.concurrent-listings}, beside the server's other settings under the same prefix. A
 * listing is built into a file of the store and sent from there, so a client that does not read
 * holds no memory; while it is built, the directory's names are held, compactly, and these bound
 * how many and how often at once.
 *
 * @param maxListEntries the most entries a directory may hold to be listed; a {@code LIST} of a
 * directory with more is refused ({@code 451}) before anything is sent
 * @param concurrentListings listings built at once, over all connections; a {@code LIST} beyond
 * waits for its turn
 */
@Profile("server")
@ConfigurationProperties("ftp.server")
public record ListingSettings(@DefaultValue("1000000") int maxListEntries, @DefaultValue("2") int concurrentListings) {

	/** More than this many names may not fit the compact table a listing is sorted in. */
	static final int MAX_LIST_ENTRIES = 10_000_000;

	/** Checked here rather than by Bean Validation, as the server's other settings are. */
	public ListingSettings {
		require(maxListEntries >= 1 && maxListEntries <= MAX_LIST_ENTRIES,
				"ftp.server.max-list-entries must be 1 to " + MAX_LIST_ENTRIES + ", not " + maxListEntries);
		require(concurrentListings >= 1, "ftp.server.concurrent-listings must be at least 1, not " + concurrentListings);
	}

	/** The settings with every default. */
	public static ListingSettings defaults() {
		return new ListingSettings(1_000_000, 2);
	}

	private static void require(boolean valid, String problem) {
		if (!valid) {
			throw new IllegalArgumentException(problem);
		}
	}

}
