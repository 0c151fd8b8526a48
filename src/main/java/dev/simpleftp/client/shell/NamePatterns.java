package dev.simpleftp.client.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.InvalidFileNameException;

/**
 * Turns the words of {@code get} or {@code put} into file names: a plain word is one name, a word
 * with {@code *}, {@code ?} or {@code [} is a {@link Glob} matched against the names available (the
 * server's listing, or the client directory), fetched only if some word needs it. Each name comes
 * once, in the order the words give.
 */
final class NamePatterns {

	private NamePatterns() {
	}

	/** The names, and a line for each word that gave none. */
	record Expansion(List<FileName> names, List<String> problems) {
	}

	@FunctionalInterface
	interface Available {

		List<FileName> names() throws IOException;

	}

	/**
	 * @param where how to say where a pattern found nothing, as in {@code on the server}
	 */
	static Expansion expand(List<String> words, Available available, String where) throws IOException {
		Set<FileName> names = new LinkedHashSet<>();
		List<String> problems = new ArrayList<>();
		List<FileName> candidates = null;
		for (String word : words) {
			if (!Glob.isPattern(word)) {
				try {
					names.add(FileName.of(Glob.unescape(word)));
				}
				catch (InvalidFileNameException ex) {
					problems.add(ex.getMessage());
				}
				continue;
			}
			Glob glob;
			try {
				glob = Glob.compile(word);
			}
			catch (IllegalArgumentException ex) {
				problems.add(ex.getMessage());
				continue;
			}
			if (candidates == null) {
				candidates = available.names();
			}
			int before = names.size();
			candidates.stream().filter(name -> glob.matches(name.value())).forEach(names::add);
			if (names.size() == before && candidates.stream().noneMatch(name -> glob.matches(name.value()))) {
				problems.add("no file " + where + " matches '" + word + "'");
			}
		}
		return new Expansion(List.copyOf(names), problems);
	}

}
