package dev.simpleftp.storage.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.simpleftp.storage.FileName;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SortedNames}: names back as they went in, sorted as {@link String#compareTo} sorts them. */
class SortedNamesTests {

	@Test
	void namesComeBackSortedByUtf16CodeUnitAcrossManyChunks() {
		Random random = new Random(13);
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			names.add(randomName(random));
		}
		SortedNames table = new SortedNames();
		names.forEach(table::add);

		table.sort();

		List<String> sorted = new ArrayList<>();
		for (int i = 0; i < table.size(); i++) {
			sorted.add(table.name(i));
		}
		assertThat(sorted).isEqualTo(names.stream().sorted().toList());
	}

	@Test
	void aSupplementaryCharacterSortsBeforeThePrivateUseAreaAsInUtf16NotAsInUtf8() {
		SortedNames table = new SortedNames();
		for (String name : List.of("\uE000", "\uFF21", "😀", "z", "\u07FF", "\u0800", "a")) {
			table.add(name);
		}

		table.sort();

		assertThat(List.of(table.name(0), table.name(1), table.name(2), table.name(3), table.name(4), table.name(5),
				table.name(6))).containsExactly("a", "z", "\u07FF", "\u0800", "😀", "\uE000", "\uFF21");
	}

	@Test
	void theLongestNamesFitAndKeepTheirOrder() {
		String longest = "😀".repeat(FileName.MAX_BYTES / 4) + "abc";
		SortedNames table = new SortedNames();
		table.add(longest + "b");
		table.add("x");
		table.add(longest.substring(0, longest.length() - 1));
		table.add(longest);

		table.sort();

		assertThat(List.of(table.name(0), table.name(1), table.name(2), table.name(3)))
			.containsExactly("x", longest.substring(0, longest.length() - 1), longest, longest + "b");
	}

	/** Up to 40 characters from ASCII, the two- and three-byte ranges, surrogate pairs and U+E000 up. */
	private static String randomName(Random random) {
		StringBuilder name = new StringBuilder();
		int length = 1 + random.nextInt(40);
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(5)) {
				case 0 -> name.append((char) ('a' + random.nextInt(4)));
				case 1 -> name.append((char) (0x80 + random.nextInt(0x780)));
				case 2 -> name.append((char) (0x800 + random.nextInt(0xD000)));
				case 3 -> name.appendCodePoint(0x10000 + random.nextInt(0x100));
				default -> name.append((char) (0xE000 + random.nextInt(0x1FFE)));
			}
		}
		return name.toString();
	}

}
