package dev.simpleftp.client;

import java.util.List;
import java.util.Optional;

import dev.simpleftp.storage.FileEntry;

/**
 * The server's files, as its {@code LIST} reply gave them, sorted by name.
 * @param files the entries whose names pass the same checks as the server's own
 * @param rejected names the server listed that are not acceptable file names (such as
 * {@code ../x}), printable, never used to touch the local disk
 */
public record RemoteListing(List<FileEntry> files, List<String> rejected) {

	/** The rejected names the note quotes; a hostile server may list a million. */
	private static final int NOTE_NAMES = 20;

	public RemoteListing {
		files = List.copyOf(files);
		rejected = List.copyOf(rejected);
	}

	/** The line that tells the user which names were set apart, if any were. */
	public Optional<String> rejectedNote() {
		if (this.rejected.isEmpty()) {
			return Optional.empty();
		}
		List<String> shown = this.rejected.stream().limit(NOTE_NAMES).map(name -> "'" + name + "'").toList();
		String more = (this.rejected.size() > NOTE_NAMES) ? " and " + (this.rejected.size() - NOTE_NAMES) + " more" : "";
		return Optional.of("ignored " + this.rejected.size() + " name(s) the server listed that are not acceptable file names: "
				+ String.join(", ", shown) + more);
	}

}
