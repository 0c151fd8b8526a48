package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.awaitUntil;
import static dev.simpleftp.server.RawTransfers.content;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code LIST} over a raw socket: the exact bytes of the body, and what is left out of it. */
@Timeout(30)
class ListCommandTests {

	private static final Instant MODIFIED = Instant.parse("2026-11-24T06:20:23.123Z");

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("root"));

	private Path root;

	@BeforeEach
	void rememberRoot() {
		this.root = this.server.directory();
	}

	@Test
	void listOfAnEmptyDirectorySendsAnEmptyBodyAndTheConnectionGoesOn() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("LIST")).isEqualTo("150 size=0 count=0 listing 0 files");
			assertThat(connection.readLine()).isEqualTo("226 size=0 count=0 listed 0 files");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void listSendsOneLinePerRegularFileSortedByNameWithExactSizesAndTimes() throws IOException {
		write("b.txt", content(1234, 1), MODIFIED);
		write("a.txt", "abc".getBytes(StandardCharsets.UTF_8), Instant.parse("2001-02-03T04:05:06Z"));
		write("my file=1 100%.txt", new byte[0], MODIFIED.plusMillis(7));
		write("Grüße 日本.txt", content(5, 2), MODIFIED);
		Files.createDirectory(this.root.resolve("subdir"));
		Files.createSymbolicLink(this.root.resolve("link"), this.root.resolve("a.txt"));
		Files.write(this.temp.resolve("outside.txt"), content(10, 3));
		Files.createSymbolicLink(this.root.resolve("outside-link"), this.temp.resolve("outside.txt"));
		write(".simpleftp-1-1-0123456789abcdef.tmp", content(99, 4), MODIFIED);
		String body = "Grüße%20日本.txt 5 2026-11-24T06:20:23.123Z\n"
				+ "a.txt 3 2001-02-03T04:05:06Z\n"
				+ "b.txt 1234 2026-11-24T06:20:23.123Z\n"
				+ "my%20file%3D1%20100%25.txt 0 2026-11-24T06:20:23.130Z\n";
		int size = body.getBytes(StandardCharsets.UTF_8).length;

		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("LIST")).isEqualTo("150 size=" + size + " count=4 listing 4 files");
			assertThat(new String(connection.readBytes(size), StandardCharsets.UTF_8)).isEqualTo(body);
			assertThat(connection.readLine()).isEqualTo("226 size=" + size + " count=4 listed 4 files");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void listDuringAnUploadShowsNeitherItsTemporaryFileNorItsNameUntilItIsStored() throws IOException {
		write("old.txt", "old".getBytes(StandardCharsets.UTF_8), MODIFIED);
		byte[] upload = content(100_000, 5);
		try (RawConnection uploader = RawConnection.open(this.server.port());
				RawConnection lister = RawConnection.open(this.server.port())) {
			assertThat(uploader.request("PUT new.bin " + upload.length)).startsWith("150 ");
			uploader.sendBytes(Arrays.copyOf(upload, 50_000));
			awaitUntil("a temporary file in the directory", () -> entryCount() == 2);

			assertThat(list(lister)).isEqualTo("old.txt 3 2026-11-24T06:20:23.123Z\n");

			uploader.sendBytes(Arrays.copyOfRange(upload, 50_000, upload.length));
			assertThat(uploader.readLine()).startsWith("226 size=100000 ");
			assertThat(list(lister)).startsWith("new.bin 100000 ").endsWith("\nold.txt 3 2026-11-24T06:20:23.123Z\n");
		}
		assertThat(this.root.resolve("new.bin")).hasBinaryContent(upload);
	}

	@Test
	void listWithAnArgumentOrAParameterIsRefusedAndTheConnectionGoesOn() throws IOException {
		write("a.txt", "abc".getBytes(StandardCharsets.UTF_8), MODIFIED);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("LIST a.txt")).isEqualTo("501 too many arguments: usage is LIST");
			assertThat(connection.request("LIST all=yes"))
				.isEqualTo("501 unknown parameter 'all': LIST takes none in this version");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void listInLowerCasePipelinedBetweenOtherRequestsIsAnsweredInOrder() throws IOException {
		write("a.txt", "abc".getBytes(StandardCharsets.UTF_8), MODIFIED);
		String line = "a.txt 3 2026-11-24T06:20:23.123Z\n";
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes("NOOP\nlist\nGET a.txt\nLIST\nQUIT\n".getBytes(StandardCharsets.US_ASCII));

			assertThat(connection.readLine()).isEqualTo("200 ok");
			assertThat(connection.readLine()).isEqualTo("150 size=" + line.length() + " count=1 listing 1 files");
			assertThat(connection.readBytes(line.length())).asString(StandardCharsets.UTF_8).isEqualTo(line);
			assertThat(connection.readLine()).startsWith("226 size=" + line.length() + " count=1 ");
			assertThat(connection.readLine()).isEqualTo("150 size=3 modified=" + MODIFIED + " sending a.txt");
			assertThat(connection.readBytes(3)).asString(StandardCharsets.UTF_8).isEqualTo("abc");
			assertThat(connection.readLine())
				.isEqualTo("226 size=3 crc32c=" + crc32c("abc".getBytes(StandardCharsets.UTF_8)) + " sent a.txt");
			assertThat(connection.readLine()).startsWith("150 size=" + line.length() + " count=1 ");
			assertThat(connection.readBytes(line.length())).asString(StandardCharsets.UTF_8).isEqualTo(line);
			assertThat(connection.readLine()).startsWith("226 ");
			assertThat(connection.readLine()).isEqualTo("221 goodbye");
		}
	}

	@Test
	void listOfManyFilesAnnouncesTheSizeOfTheWholeBody() throws IOException {
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 1000; i++) {
			String name = String.format("file-%04d-%s.bin", i, "x".repeat(100));
			write(name, new byte[i % 7], MODIFIED);
			expected.append(name).append(' ').append(i % 7).append(" 2026-11-24T06:20:23.123Z\n");
		}
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(list(connection)).isEqualTo(expected.toString());
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	/** LISTs and returns the body, checking that size= and count= agree with it. */
	private static String list(RawConnection connection) throws IOException {
		String sending = connection.request("LIST");
		assertThat(sending).startsWith("150 size=");
		int size = Math.toIntExact(RawTransfers.sizeIn(sending));
		String body = new String(connection.readBytes(size), StandardCharsets.UTF_8);
		long count = body.chars().filter((c) -> c == '\n').count();
		assertThat(sending).contains(" count=" + count + " ");
		assertThat(connection.readLine()).startsWith("226 size=" + size + " count=" + count + " ");
		return body;
	}

	private void write(String name, byte[] content, Instant modified) throws IOException {
		Files.setLastModifiedTime(Files.write(this.root.resolve(name), content), FileTime.from(modified));
	}

	private long entryCount() {
		try (Stream<Path> entries = Files.list(this.root)) {
			return entries.count();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The CRC32C of {@code bytes} as a 226 carries it: eight lower-case hexadecimal digits. */
	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

}
