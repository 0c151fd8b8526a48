package dev.simpleftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of docs/ARCHITECTURE.md held against the sources: class sizes, which packages may
 * import which, and the shared layers using the JDK only. Read from src/main/java, so that a
 * violation names the file and the import.
 */
class ArchitectureTests {

	private static final Path SOURCES = Path.of("src/main/java");

	private static final String ROOT = "dev.simpleftp";

	private static final int MAX_LINES = 300;

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

	private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)(?:\\.\\*)?;");

	/** The layers both sides share: the JDK and each other only, never Spring, a logger or a side. */
	private static final List<String> SHARED = List.of("protocol", "transport", "transfer", "storage");

	@Test
	void noMainClassIsLongerThanTheGuideline() {
		List<String> tooLong = new ArrayList<>();
		for (Source source : sources()) {
			if (source.lines() > MAX_LINES) {
				tooLong.add(source.file() + ": " + source.lines() + " lines");
			}
		}
		assertThat(tooLong).as("classes over %d lines", MAX_LINES).isEmpty();
	}

	@Test
	void serverAndClientNeverImportEachOther() {
		assertThat(imports("server", "client")).isEmpty();
		assertThat(imports("client", "server")).isEmpty();
	}

	@Test
	void sharedLayersUseTheJdkOnly() {
		List<String> foreign = new ArrayList<>();
		for (Source source : sources()) {
			if (!SHARED.contains(layer(source.packageName()))) {
				continue;
			}
			for (String imported : source.imports()) {
				boolean jdk = imported.startsWith("java.") || imported.startsWith("javax.");
				boolean shared = imported.startsWith(ROOT + ".") && SHARED.contains(layer(imported));
				if (!jdk && !shared) {
					foreign.add(source.file() + " imports " + imported);
				}
			}
		}
		assertThat(foreign).isEmpty();
	}

	@Test
	void sharedLayersStandOnEachOtherWithoutACycle() {
		// storage is the ground floor; protocol stands on it (a file body is sent from a
		// ReadableFile); transport and transfer stand on protocol. Nothing shared reaches up to a side.
		Map<String, Set<String>> below = Map.of("storage", Set.of(), "protocol", Set.of("storage"), "transport",
				Set.of("protocol", "storage"), "transfer", Set.of("protocol", "storage"));
		List<String> upward = new ArrayList<>();
		for (Source source : sources()) {
			String layer = layer(source.packageName());
			if (!below.containsKey(layer)) {
				continue;
			}
			for (String imported : source.imports()) {
				String target = layer(imported);
				if (imported.startsWith(ROOT + ".") && !target.equals(layer) && !below.get(layer).contains(target)) {
					upward.add(source.file() + " imports " + imported);
				}
			}
		}
		assertThat(upward).isEmpty();
	}

	@Test
	void theStoreContractKnowsNoBackend() {
		List<String> found = new ArrayList<>();
		for (Source source : sources()) {
			if (source.packageName().equals(ROOT + ".storage")) {
				source.imports().stream().filter((imported) -> imported.startsWith(ROOT + ".storage."))
					.filter((imported) -> !imported.substring((ROOT + ".storage.").length()).matches("[A-Z].*"))
					.forEach((imported) -> found.add(source.file() + " imports " + imported));
			}
		}
		assertThat(found).isEmpty();
	}

	@Test
	void handlersAndAccountsNeverReachBackIntoTheSessionOrTheRunner() {
		List<String> upward = new ArrayList<>();
		for (Source source : sources()) {
			String pkg = source.packageName();
			boolean below = pkg.startsWith(ROOT + ".server.command") || pkg.startsWith(ROOT + ".server.account");
			boolean session = pkg.startsWith(ROOT + ".server.session");
			for (String imported : source.imports()) {
				boolean intoSession = imported.startsWith(ROOT + ".server.session.");
				boolean intoRunner = imported.equals(ROOT + ".server.ServerRunner");
				if ((below && (intoSession || intoRunner)) || (session && intoRunner)) {
					upward.add(source.file() + " imports " + imported);
				}
			}
		}
		assertThat(upward).isEmpty();
	}

	@Test
	void theServerHasItsRooms() {
		List<String> packages = sources().stream().map(Source::packageName).distinct().toList();
		assertThat(packages).contains(ROOT + ".server.session", ROOT + ".server.command", ROOT + ".server.account",
				ROOT + ".client.shell", ROOT + ".transport", ROOT + ".transfer", ROOT + ".storage.local");
	}

	private static List<String> imports(String fromLayer, String toLayer) {
		List<String> found = new ArrayList<>();
		for (Source source : sources()) {
			if (!layer(source.packageName()).equals(fromLayer)) {
				continue;
			}
			for (String imported : source.imports()) {
				if (imported.startsWith(ROOT + ".") && layer(imported).equals(toLayer)) {
					found.add(source.file() + " imports " + imported);
				}
			}
		}
		return found;
	}

	/** The first package name below the root: "server" for dev.simpleftp.server.session.Session. */
	private static String layer(String name) {
		if (!name.startsWith(ROOT + ".")) {
			return "";
		}
		String rest = name.substring(ROOT.length() + 1);
		int dot = rest.indexOf('.');
		return (dot < 0) ? rest : rest.substring(0, dot);
	}

	private static List<Source> sources() {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter((file) -> file.toString().endsWith(".java")).map(ArchitectureTests::read).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Source read(Path file) {
		try {
			String text = Files.readString(file);
			Matcher pkg = PACKAGE.matcher(text);
			String packageName = pkg.find() ? pkg.group(1) : "";
			List<String> imports = new ArrayList<>();
			Matcher imported = IMPORT.matcher(text);
			while (imported.find()) {
				imports.add(imported.group(1));
			}
			return new Source(SOURCES.relativize(file).toString(), packageName, imports, text.lines().count());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Source(String file, String packageName, List<String> imports, long lines) {
	}

}
