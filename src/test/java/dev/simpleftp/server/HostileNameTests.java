package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.encode;
import static dev.simpleftp.server.RawTransfers.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names meant to escape the served directory, or to trip the file system, sent over the wire to
 * GET and PUT. The server directory is {@code temp/root}; beside it lie {@code temp/outside.txt} and
 * {@code temp/outside-dir/secret.txt}, which no request may read or change, and no request may
 * create anything anywhere under {@code temp}.
 */
@Timeout(30)
class HostileNameTests {

	/** Replaced by the percent-encoded absolute path of {@code outside.txt}. */
	private static final String OUTSIDE = "{outside}";

	private static final byte[] OUTSIDE_CONTENT = "outside secret: must never travel\n".getBytes(StandardCharsets.UTF_8);

	private static final byte[] INSIDE_CONTENT = "inside\n".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("root"));

	private Path root;

	private Path outside;

	private Path outsideDir;

	@BeforeEach
	void seedRootAndOutside() throws IOException {
		this.root = this.server.directory();
		Files.write(this.root.resolve("inside.txt"), INSIDE_CONTENT);
		Files.createDirectories(this.root.resolve("subdir"));
		this.outside = Files.write(this.temp.resolve("outside.txt"), OUTSIDE_CONTENT);
		this.outsideDir = Files.createDirectories(this.temp.resolve("outside-dir"));
		Files.write(this.outsideDir.resolve("secret.txt"), OUTSIDE_CONTENT);
	}

	static Stream<Arguments> namesRefusedAsBadFileNames() {
		return Stream.of(
				Arguments.of("parent then name", "../outside.txt"),
				Arguments.of("parent with %2F", "..%2Foutside.txt"),
				Arguments.of("parent fully escaped", "%2E%2E%2Foutside.txt"),
				Arguments.of("parent escaped in lower-case hex", "%2e%2e%2foutside.txt"),
				Arguments.of("deeper parent", "subdir/../../outside.txt"),
				Arguments.of("absolute path of outside.txt", OUTSIDE),
				Arguments.of("root directory", "/"),
				Arguments.of("trailing slash", "inside.txt/"),
				Arguments.of("file in subdirectory", "subdir/x"),
				Arguments.of("parent with backslash", "..\\outside.txt"),
				Arguments.of("parent with %5C", "..%5Coutside.txt"),
				Arguments.of("drive letter", "C:%5Coutside.txt"),
				Arguments.of("dot", "."),
				Arguments.of("dot dot", ".."),
				Arguments.of("escaped dot", "%2E"),
				Arguments.of("escaped dot dot", "%2E%2E"),
				Arguments.of("NUL after a name", "inside.txt%00"),
				Arguments.of("NUL alone", "%00"),
				Arguments.of("newline", "a%0Ab"),
				Arguments.of("carriage return", "a%0Db"),
				Arguments.of("tab", "a%09b"),
				Arguments.of("DEL", "a%7Fb"),
				Arguments.of("C1 control NEL as raw UTF-8", "a\u0085b"),
				Arguments.of("C1 control NEL escaped", "a%C2%85b"),
				Arguments.of("256 ASCII bytes", "a".repeat(256)),
				Arguments.of("258 UTF-8 bytes in 86 characters", "\u20ac".repeat(86)),
				Arguments.of("reserved temporary name", ".simpleftp-1234-0123456789abcdef.tmp"),
				Arguments.of("reserved prefix alone", ".simpleftp-"),
				Arguments.of("reserved prefix escaped", "%2Esimpleftp-x"),
				Arguments.of("reserved prefix in capitals", ".SIMPLEFTP-1234-0123456789abcdef.tmp"),
				Arguments.of("reserved prefix in mixed case", ".SimpleFTP-x"),
				Arguments.of("right-to-left override as raw UTF-8", "invoice\u202Efdp.exe"),
				Arguments.of("right-to-left override escaped", "invoice%E2%80%AEfdp.exe"),
				Arguments.of("first strong isolate escaped", "a%E2%81%A8b"),
				Arguments.of("byte-order mark first, escaped", "%EF%BB%BFinside.txt"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("namesRefusedAsBadFileNames")
	void hostileNameIsRefusedByGetAndPutAndNothingIsCreatedAnywhere(String what, String wireName) throws IOException {
		String token = wireName.replace(OUTSIDE, encode(this.outside.toString()));
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET " + token)).startsWith("553 bad file name ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(connection.request("PUT " + token + " 6")).startsWith("553 bad file name ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(get(connection, "inside.txt")).isEqualTo(INSIDE_CONTENT);
		}
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
		assertThat(this.outside).hasBinaryContent(OUTSIDE_CONTENT);
		assertThat(this.root.toFile().list()).containsExactlyInAnyOrder("inside.txt", "subdir");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "%", "%2", "%zz", "%FF", "%C0%AE%C0%AE%C0%AFoutside.txt", "%ED%A0%80" })
	void nameThatDoesNotDecodeToUtf8IsRefusedAsBadArguments(String wireName) throws IOException {
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET " + wireName)).startsWith("501 ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			// A PUT line that cannot be decoded may hide a body=follows: its body could be read as requests.
			assertThat(connection.request("PUT " + wireName + " 6"))
				.startsWith("501 ")
				.endsWith("; closing the connection, since the body that follows cannot be skipped");
			assertThat(closedByServer(connection)).isTrue();
		}
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
	}

	@Test
	void decodedNameIsQuotedInTheRefusal() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET ..%2Foutside.txt")).contains("'../outside.txt'");
			assertThat(connection.request("GET a%0Ab")).contains("'a?b'").doesNotContain("\n");
		}
	}

	@Test
	void getWithoutANameRepliesBadArguments() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET")).startsWith("501 missing argument");
			assertThat(connection.request("GET    ")).startsWith("501 missing argument");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void tenRefusedNamesInARowEndTheConnectionButNotTheServer() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (int i = 0; i < 10; i++) {
				assertThat(connection.request("GET ../outside.txt")).as("refusal %d", i + 1).startsWith("553 ");
			}
			assertThat(connection.readLine()).startsWith("421 ");
			assertThat(RawTransfers.closedByServer(connection)).isTrue();
		}
		try (RawConnection next = RawConnection.open(this.server.port())) {
			assertThat(get(next, "inside.txt")).isEqualTo(INSIDE_CONTENT);
		}
	}

	@Test
	void getOfNameThatExistsOnlyOutsideTheRootRepliesNoSuchFile() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET outside.txt")).isEqualTo("550 no such file: outside.txt");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void getOfSymlinkToOutsideFileIsRefusedWithoutLeakingIt() throws IOException {
		Files.createSymbolicLink(this.root.resolve("absolute-link"), this.outside);
		Files.createSymbolicLink(this.root.resolve("relative-link"), Path.of("..", "outside.txt"));
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (String link : new String[] { "absolute-link", "relative-link" }) {
				assertThat(connection.request("GET " + link))
					.isEqualTo("550 not a regular file: " + link + " (it is a symbolic link)");
				assertThat(connection.request("NOOP")).as("next line after GET " + link).isEqualTo("200 ok");
			}
		}
	}

	@Test
	void putToSymlinkToOutsideFileIsRefusedAndTheOutsideFileIsUnchanged() throws IOException {
		Files.createSymbolicLink(this.root.resolve("link"), this.outside);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT link 6")).isEqualTo("550 not a regular file: link (it is a symbolic link)");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
		assertThat(this.outside).hasBinaryContent(OUTSIDE_CONTENT);
		assertThat(Files.readSymbolicLink(this.root.resolve("link"))).isEqualTo(this.outside);
	}

	@Test
	void putToDanglingSymlinkCreatesNothingAtItsTarget() throws IOException {
		Path target = this.temp.resolve("planted.txt");
		Files.createSymbolicLink(this.root.resolve("dangling"), target);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT dangling 6")).startsWith("550 not a regular file: dangling");
			assertThat(connection.request("GET dangling")).startsWith("550 not a regular file: dangling");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(target).doesNotExist();
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
	}

	@Test
	void symlinkToOutsideDirectoryIsRefusedForGetPutAndPathsThroughIt() throws IOException {
		Files.createSymbolicLink(this.root.resolve("dir-link"), this.outsideDir);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET dir-link")).startsWith("550 not a regular file: dir-link");
			assertThat(connection.request("PUT dir-link 6")).startsWith("550 not a regular file: dir-link");
			assertThat(connection.request("GET dir-link/secret.txt")).startsWith("553 ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(connection.request("PUT dir-link/new.txt 6")).startsWith("553 ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
	}

	@Test
	void getOfDirectoryInsideTheRootRepliesNotARegularFile() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET subdir")).isEqualTo("550 not a regular file: subdir (it is a directory)");
			assertThat(get(connection, "inside.txt")).isEqualTo(INSIDE_CONTENT);
		}
	}

	@Test
	void putOverDirectoryIsRefusedBeforeAnyByteAndLeavesItInPlace() throws IOException {
		Files.write(this.root.resolve("subdir").resolve("kept.txt"), INSIDE_CONTENT);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT subdir 6")).isEqualTo("550 not a regular file: subdir (it is a directory)");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
	}

	@Test
	void longestLegalNameIsStored() throws IOException {
		String name = "n".repeat(255);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(RawTransfers.put(connection, name, INSIDE_CONTENT)).startsWith("226 ");
		}
		assertThat(this.root.resolve(name)).hasBinaryContent(INSIDE_CONTENT);
	}

}
