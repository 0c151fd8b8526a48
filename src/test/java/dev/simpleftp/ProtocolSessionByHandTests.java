package dev.simpleftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/PROTOCOL.md's "A session by hand" is what the server prints today: its {@code >} lines are
 * sent to a real server, one at a time, and every {@code <} line must come back exactly, byte for
 * byte, with the files it names set up as the document says (their sizes and modification times).
 */
@Timeout(30)
class ProtocolSessionByHandTests {

	private static final Path DOCUMENT = Path.of("docs/PROTOCOL.md");

	/** A remark after a line of the transcript: two spaces or more, then '#'. */
	private static final Pattern REMARK = Pattern.compile("\\s{2,}#\\s.*$");

	private static final Pattern LISTED = Pattern.compile("^< (\\S+) (\\d+) (\\S+Z)$");

	@TempDir
	Path temp;

	@Test
	void theSessionByHandIsWhatTheServerSaysLineByLine() throws IOException {
		List<String> transcript = transcript();
		Path root = Files.createDirectories(this.temp.resolve("server"));
		Files.writeString(root.resolve("hi.txt"), "Hello!\n");
		Files.copy(Path.of("server/hello.txt"), root.resolve("hello.txt"));
		for (String line : transcript) {
			Matcher listed = LISTED.matcher(line);
			if (listed.matches() && Files.exists(root.resolve(listed.group(1)))) {
				assertThat(Files.size(root.resolve(listed.group(1)))).as(line).isEqualTo(Long.parseLong(listed.group(2)));
				Files.setLastModifiedTime(root.resolve(listed.group(1)), FileTime.from(Instant.parse(listed.group(3))));
			}
		}
		try (RunningServer server = RunningServer.start(root); RawConnection connection = new RawConnection(server.port())) {
			int step = 0;
			for (String line : transcript) {
				step++;
				if (line.startsWith("> ")) {
					connection.send(line.substring(2));
				}
				else {
					assertThat(connection.readLine()).as("line %d of the session: %s", step, line).isEqualTo(line.substring(2));
				}
			}
			assertThat(connection.readLine()).as("the server closed after the session's QUIT").isNull();
		}
	}

	/** The {@code >} and {@code <} lines of the session's code block, without their remarks. */
	private static List<String> transcript() throws IOException {
		List<String> lines = Files.readAllLines(DOCUMENT);
		int section = lines.indexOf("## A session by hand");
		assertThat(section).as("the section in %s", DOCUMENT).isPositive();
		List<String> transcript = new ArrayList<>();
		boolean inBlock = false;
		for (String line : lines.subList(section, lines.size())) {
			if (line.startsWith("```")) {
				if (inBlock) {
					break;
				}
				inBlock = true;
			}
			else if (inBlock && (line.startsWith("> ") || line.startsWith("< "))) {
				transcript.add(REMARK.matcher(line).replaceFirst(""));
			}
		}
		assertThat(transcript).as("the session's lines").hasSizeGreaterThan(20);
		return transcript;
	}

}
