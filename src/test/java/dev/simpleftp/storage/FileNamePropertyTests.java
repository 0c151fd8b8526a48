package dev.simpleftp.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.simpleftp.PropertyCheck.Gen;
import dev.simpleftp.PropertyCheck.Strings;
import dev.simpleftp.PropertyCheck;
import dev.simpleftp.storage.local.LocalFileStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties of {@link FileName} (docs/PROTOCOL.md, section "File names") and of where
 * {@link FileStore} puts a name: a string is either refused with an {@link InvalidFileNameException}
 * or names one entry directly inside the store's root, and writing to it touches nothing else.
 */
@Timeout(60)
class FileNamePropertyTests {

	private static final String RESERVED_PREFIX = ".simpleftp-";

	/** U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069, and U+FEFF. */
	private static final String BIDI_CONTROLS_AND_BOM = "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF";

	@TempDir
	Path temporaryDirectory;

	/** The temporary directory's real path, as the store's root is one. */
	private Path base;

	private LocalFileStore store;

	@BeforeEach
	void openStore() throws IOException {
		this.base = this.temporaryDirectory.toRealPath();
		Files.createDirectories(this.base.resolve("a"));
		Files.writeString(this.base.resolve("a/outside.txt"), "outside");
		Files.writeString(this.base.resolve("sibling.txt"), "sibling");
		this.store = new LocalFileStore(this.base.resolve("a/b/root"));
	}

	@Test
	void fileNameAgreesWithTheRulesOfTheProtocol() {
		PropertyCheck.forAllStrings(5000, FileNamePropertyTests::anyString, name -> {
			boolean valid = FileName.isValid(name);
			assertThat(valid).as("isValid(%s)", Strings.show(name)).isEqualTo(validByTheProtocol(name));
			if (valid) {
				assertThat(FileName.of(name).value()).isEqualTo(name);
			}
			else {
				assertRefused(name);
			}
		});
	}

	@Test
	void hostileNamesAreRefused() {
		Gen<String> names = FileNamePropertyTests::hostileName;
		PropertyCheck.forAllStrings(3000, names.filter(name -> !validByTheProtocol(name)), name -> !validByTheProtocol(name), name -> {
			assertThat(FileName.isValid(name)).as("isValid(%s)", Strings.show(name)).isFalse();
			assertRefused(name);
		});
	}

	/** Opening any valid name for writing creates one temporary file directly in the root; closing it removes it. */
	@Test
	void writingAnyValidNameStaysInsideTheRoot() throws IOException {
		Set<String> before = snapshot();
		Gen<String> names = FileNamePropertyTests::plausibleName;
		PropertyCheck.forAllStrings(300, names.filter(FileName::isValid), FileName::isValid, name -> {
			FileName fileName = FileName.of(name);
			assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> this.store.openForRead(fileName));
			try (PendingWrite write = this.store.beginWrite(fileName)) {
				write.channel().write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
				List<Path> entries = entries(this.store.root());
				assertThat(entries).as("the root while %s is written", Strings.show(name)).hasSize(1);
				Path temporary = entries.get(0);
				assertThat(temporary.getParent()).isEqualTo(this.store.root());
				assertThat(temporary.getFileName().toString()).startsWith(RESERVED_PREFIX).isNotEqualTo(name);
				assertThat(Files.isRegularFile(temporary, LinkOption.NOFOLLOW_LINKS)).isTrue();
				assertThat(Files.size(temporary)).isEqualTo(3);
				Set<String> during = snapshot();
				during.removeAll(before);
				assertThat(during).containsExactly(this.base.relativize(temporary) + " 3");
			}
			assertThat(snapshot()).as("after writing %s without a commit", Strings.show(name)).isEqualTo(before);
		});
	}

	/** Names of 250 to 260 bytes: valid up to 255, and a valid one can be stored under exactly that name. */
	@Test
	void namesUpToTheByteLimitCanBeStored() throws IOException {
		Set<String> before = snapshot();
		PropertyCheck.forAllStrings(200, FileNamePropertyTests::nameNearTheLimit, name -> {
			int bytes = name.getBytes(StandardCharsets.UTF_8).length;
			assertThat(FileName.isValid(name)).as("isValid(%s), %d bytes", Strings.show(name), bytes).isEqualTo(bytes <= 255);
			if (bytes > 255) {
				assertRefused(name);
				return;
			}
			try (PendingWrite write = this.store.beginWrite(FileName.of(name))) {
				write.channel().write(ByteBuffer.wrap(new byte[] { 7 }));
				write.commit();
			}
			assertThat(entries(this.store.root())).containsExactly(this.store.root().resolve(name));
			assertThat(this.store.list()).singleElement().satisfies(entry -> assertThat(entry.name().value()).isEqualTo(name));
			Files.delete(this.store.root().resolve(name));
			assertThat(snapshot()).isEqualTo(before);
		});
	}

	private static void assertRefused(String name) {
		assertThatExceptionOfType(InvalidFileNameException.class).as("FileName.of(%s)", Strings.show(name))
			.isThrownBy(() -> FileName.of(name))
			.satisfies(ex -> {
				assertThat(ex.reason()).isNotBlank();
				// The message is quoted in a 553 reply and in logs: no control characters.
				assertThat(ex.getMessage().chars().noneMatch(Character::isISOControl)).as(ex.getMessage()).isTrue();
			});
	}

	/** The rules of docs/PROTOCOL.md, "File names", written out again independently. */
	static boolean validByTheProtocol(String name) {
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			return false;
		}
		if (name.contains("/") || name.contains("\\")) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c <= 0x1F || (c >= 0x7F && c <= 0x9F) || BIDI_CONTROLS_AND_BOM.indexOf(c) >= 0) {
				return false;
			}
		}
		if (!Strings.isWellFormed(name) || name.getBytes(StandardCharsets.UTF_8).length > 255) {
			return false;
		}
		return !(name.length() >= RESERVED_PREFIX.length()
				&& name.substring(0, RESERVED_PREFIX.length()).equalsIgnoreCase(RESERVED_PREFIX));
	}

	private static String anyString(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> hostileName(random);
			case 1 -> plausibleName(random);
			case 2 -> Strings.of(random, Strings.length(random, 300), Strings::anyChar);
			default -> Strings.of(random, Strings.length(random, 300), r -> Strings.hostileChar(r, true));
		};
	}

	/** Names that break one rule or more. */
	static String hostileName(Random random) {
		String some = plausibleName(random);
		return switch (random.nextInt(11)) {
			case 0 -> random.nextBoolean() ? "." : "..";
			case 1 -> "";
			case 2 -> some + (random.nextBoolean() ? "/" : "\\") + plausibleName(random);
			case 3 -> (random.nextBoolean() ? "/" : random.nextBoolean() ? "../" : "..\\") + some;
			case 4 -> insert(random, some, String.valueOf(Strings.controlChar(random)));
			case 5 -> insert(random, some, String.valueOf((char) (0xD800 + random.nextInt(0x800))));
			case 6 -> RESERVED_PREFIX + (random.nextBoolean() ? "" : some);
			case 7 -> tooLong(random);
			case 8 -> randomCase(random, RESERVED_PREFIX) + (random.nextBoolean() ? "" : some);
			case 9 -> insert(random, some, String.valueOf(BIDI_CONTROLS_AND_BOM.charAt(random.nextInt(BIDI_CONTROLS_AND_BOM.length()))));
			default -> insert(random, insert(random, some, String.valueOf(Strings.controlChar(random))), "/");
		};
	}

	/** Names likely to be valid: no control characters, separators or unpaired surrogates, with look-alikes of them. */
	static String plausibleName(Random random) {
		int pick = random.nextInt(10);
		if (pick == 0) {
			return ". .. ... .... .%2F %2e%2e ..%5C ~ - -rf * ? : CON NUL .. . C: $HOME".split(" ")[random.nextInt(19)];
		}
		Gen<String> chars = r -> {
			String c;
			do {
				c = Strings.hostileChar(r, false);
			}
			while (c.equals("/") || c.equals("\\") || Character.isISOControl(c.charAt(0)));
			return c;
		};
		String name = Strings.of(random, 1 + Strings.length(random, 80), chars);
		return (pick == 1) ? "." + name : (pick == 2) ? name + ".." : name;
	}

	/** More than 255 bytes of UTF-8, in one- to four-byte characters. */
	private static String tooLong(Random random) {
		String[] units = { "a", "é", "日", "😀" };
		StringBuilder name = new StringBuilder();
		int bytes = 0;
		int target = 256 + random.nextInt(200);
		while (bytes < target) {
			String unit = units[random.nextInt(units.length)];
			name.append(unit);
			bytes += unit.getBytes(StandardCharsets.UTF_8).length;
		}
		return name.toString();
	}

	/** 250 to 260 bytes of one- to four-byte characters. */
	private static String nameNearTheLimit(Random random) {
		String[] units = { "a", "é", "日", "😀", "-", " " };
		int target = 250 + random.nextInt(11);
		StringBuilder name = new StringBuilder("n");
		int bytes = 1;
		while (bytes < target) {
			String unit = units[random.nextInt(units.length)];
			int size = unit.getBytes(StandardCharsets.UTF_8).length;
			if (bytes + size > target) {
				unit = "b";
				size = 1;
			}
			name.append(unit);
			bytes += size;
		}
		return name.toString();
	}

	private static String randomCase(Random random, String text) {
		StringBuilder mixed = new StringBuilder();
		text.chars().forEach(c -> mixed.append(random.nextBoolean() ? Character.toUpperCase((char) c) : (char) c));
		return mixed.toString();
	}

	private static String insert(Random random, String into, String what) {
		int at = random.nextInt(into.length() + 1);
		if (at > 0 && at < into.length() && Character.isLowSurrogate(into.charAt(at))) {
			at--; // keep the pairs of the name whole: only 'what' is to break a rule
		}
		return into.substring(0, at) + what + into.substring(at);
	}

	private static List<Path> entries(Path directory) throws IOException {
		try (Stream<Path> paths = Files.list(directory)) {
			return paths.toList();
		}
	}

	/** Every path under the temporary directory, with the size of files: what a write could change. */
	private Set<String> snapshot() throws IOException {
		try (Stream<Path> paths = Files.walk(this.base)) {
			return paths.map(path -> this.base.relativize(path) + (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "/"
					: " " + sizeOf(path)))
				.collect(Collectors.toCollection(TreeSet::new));
		}
	}

	private static long sizeOf(Path path) {
		try {
			return Files.size(path);
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
