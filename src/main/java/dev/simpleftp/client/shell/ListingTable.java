package dev.simpleftp.client.shell;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.transfer.Throughput;

/**
 * Files as {@code ls} and {@code lls} show them: one line each, sorted by name, with the size and
 * the modification time in aligned columns, then a count and a total. A name with a space is shown
 * in double quotes, as it must be typed in a command.
 */
final class ListingTable {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private ListingTable() {
	}

	/**
	 * @param zone the time zone the times are shown in
	 * @param empty what to say when there are no files, such as {@code no files on the server}
	 */
	static String format(List<FileEntry> files, ZoneId zone, String empty) {
		if (files.isEmpty()) {
			return empty;
		}
		List<FileEntry> sorted = new ArrayList<>(files);
		sorted.sort((a, b) -> a.name().value().compareTo(b.name().value()));
		List<String> sizes = sorted.stream().map(file -> Throughput.size(file.size())).toList();
		int width = sizes.stream().mapToInt(String::length).max().orElse(0);
		StringBuilder out = new StringBuilder();
		long total = 0;
		for (int i = 0; i < sorted.size(); i++) {
			FileEntry file = sorted.get(i);
			total += file.size();
			out.append(" ".repeat(width - sizes.get(i).length())).append(sizes.get(i))
				.append("  ").append(time(file.modified(), zone))
				.append("  ").append(typed(file.name().value()))
				.append('\n');
		}
		out.append(sorted.size()).append((sorted.size() == 1) ? " file, " : " files, ").append(Throughput.size(total));
		return out.toString();
	}

	/**
	 * The time in {@code zone}, or as the instant's own text if no date there can hold it (a server
	 * may list a time near the end of {@link Instant}'s range): one odd entry never hides the rest.
	 */
	static String time(Instant modified, ZoneId zone) {
		try {
			return TIME.format(modified.atZone(zone));
		}
		catch (DateTimeException ex) {
			return modified.toString();
		}
	}

	/** A name as it is typed in a command: in double quotes if it has a space. */
	static String typed(String name) {
		return (name.indexOf(' ') >= 0) ? "\"" + name + "\"" : name;
	}

}
