package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static dev.simpleftp.server.RawTransfers.modified;
import static dev.simpleftp.server.RawTransfers.put;
import static org.assertj.core.api.Assertions.assertThat;

/** A session held by hand, byte by byte, as {@code nc} would: the protocol exactly as it travels. */
@Timeout(30)
class SessionTests {

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
	void greetingNamesTheProtocolAndItsVersion() throws IOException {
		try (RawConnection connection = new RawConnection(this.server.port())) {
			assertThat(connection.readLine()).isEqualTo("220 protocol=simple-ftp version=4 Simple FTP server ready");
		}
	}

	@Test
	void noopRepliesOk() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void getSendsTheFileByteForByteBetweenTheSizeAndTheTrailer() throws IOException {
		byte[] file = content(70_000, 1);
		Files.write(this.root.resolve("data.bin"), file);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET data.bin"))
				.isEqualTo("150 size=70000 modified=" + modified(this.root.resolve("data.bin")) + " sending data.bin");
			assertThat(connection.readBytes(70_000)).isEqualTo(file);
			assertThat(connection.readLine()).isEqualTo("226 size=70000 crc32c=" + crc32c(file) + " sent data.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void getOfEmptyFileSendsNoBytes() throws IOException {
		Files.write(this.root.resolve("empty"), new byte[0]);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET empty")).startsWith("150 size=0 ");
			assertThat(connection.readLine()).startsWith("226 size=0 ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void putStoresExactlyTheDeclaredBytes() throws IOException {
		byte[] file = content(100_000, 2);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT upload.bin 100000")).startsWith("150 ");
			connection.sendBytes(file);
			assertThat(connection.readLine()).isEqualTo("226 size=100000 crc32c=" + crc32c(file) + " stored upload.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("upload.bin")).hasBinaryContent(file);
		assertThat(this.root.toFile().list()).containsExactly("upload.bin");
	}

	@Test
	void putOfZeroBytesStoresAnEmptyFile() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT empty 0")).startsWith("150 ");
			assertThat(connection.readLine()).isEqualTo("226 size=0 crc32c=" + crc32c(new byte[0]) + " stored empty");
		}
		assertThat(this.root.resolve("empty")).isEmptyFile();
	}

	@Test
	void putBodyThatLooksLikeRequestsIsStoredNotObeyed() throws IOException {
		byte[] body = "QUIT\nPUT evil 1\nx\nGET ../x\n".getBytes(StandardCharsets.US_ASCII);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(put(connection, "commands.txt", body)).startsWith("226 size=" + body.length + " ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("commands.txt")).hasBinaryContent(body);
		assertThat(this.root.toFile().list()).containsExactly("commands.txt");
	}

	@Test
	void putReplacesAnEarlierVersionWhole() throws IOException {
		Files.write(this.root.resolve("notes.txt"), content(5000, 3));
		byte[] shorter = "second version\n".getBytes(StandardCharsets.UTF_8);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(put(connection, "notes.txt", shorter)).startsWith("226 size=15 ");
			assertThat(get(connection, "notes.txt")).isEqualTo(shorter);
		}
		assertThat(this.root.resolve("notes.txt")).hasBinaryContent(shorter);
	}

	@Test
	void nameWithSpacesPercentSignsAndEqualsTravelsEncoded() throws IOException {
		byte[] file = content(10, 4);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT my%20file%2550%3Dx.txt 10")).startsWith("150 ");
			connection.sendBytes(file);
			assertThat(connection.readLine()).startsWith("226 size=10 ");
		}
		assertThat(this.root.resolve("my file%50=x.txt")).hasBinaryContent(file);
	}

	@Test
	void getOfMissingFileRepliesNotFoundAndKeepsConnection() throws IOException {
		byte[] file = content(1234, 5);
		Files.write(this.root.resolve("present.bin"), file);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET absent.bin")).isEqualTo("550 no such file: absent.bin");
			assertThat(get(connection, "present.bin")).isEqualTo(file);
		}
		assertThat(this.root.toFile().list()).containsExactly("present.bin");
	}

	@Test
	void lowerCaseVerbsAreUnderstood() throws IOException {
		byte[] file = content(3, 6);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("noop")).isEqualTo("200 ok");
			assertThat(connection.request("put lower.bin 3")).startsWith("150 ");
			connection.sendBytes(file);
			assertThat(connection.readLine()).startsWith("226 size=3 ");
			assertThat(connection.request("Get lower.bin")).startsWith("150 size=3 ");
			assertThat(connection.readBytes(3)).isEqualTo(file);
			assertThat(connection.readLine()).startsWith("226 size=3 ");
			assertThat(connection.request("quit")).startsWith("221 ");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		assertThat(this.root.resolve("lower.bin")).hasBinaryContent(file);
	}

	@Test
	void crlfLineEndingsAreAccepted() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes("NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
	}

	@Test
	void pipelinedRequestsAreAnsweredInOrderWithTheBodyKeptApart() throws IOException {
		Files.write(this.root.resolve("a.txt"), "AAAA".getBytes(StandardCharsets.US_ASCII));
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes("PUT b.txt 3\nxyzNOOP\nGET a.txt\nQUIT\n".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).startsWith("150 ");
			assertThat(connection.readLine()).startsWith("226 size=3 ");
			assertThat(connection.readLine()).isEqualTo("200 ok");
			assertThat(connection.readLine()).startsWith("150 size=4 ");
			assertThat(connection.readBytes(4)).isEqualTo("AAAA".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine()).startsWith("226 size=4 ");
			assertThat(connection.readLine()).startsWith("221 ");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		assertThat(this.root.resolve("b.txt")).hasContent("xyz");
	}

	@Test
	void quitSaysGoodbyeAndClosesTheConnection() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("QUIT")).isEqualTo("221 goodbye");
			assertThat(connection.isClosedByServer()).isTrue();
		}
		RawTransfers.awaitConnectionCount(this.server.runner(), 0);
	}

	/** The CRC32C of {@code bytes} as a 226 carries it: eight lower-case hexadecimal digits. */
	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

}
