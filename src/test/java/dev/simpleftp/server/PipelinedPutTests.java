package dev.simpleftp.server;

import java.io.ByteArrayOutputStream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static dev.simpleftp.server.RawTransfers.modified;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUT with {@code body=follows} over a raw socket: the body comes straight after the request, there
 * is no 150, and a refused request still has its body read and dropped so the connection stays in
 * step. The server directory is {@code temp/root}; nothing may appear anywhere else under {@code temp}.
 */
@Timeout(30)
class PipelinedPutTests {

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
	void pipelinedPutsInOneWriteAreAnsweredInOrderAndARefusedOneIsSkipped() throws IOException {
		byte[] a = "a\nb".getBytes(StandardCharsets.UTF_8);
		byte[] x = "x\n\n".getBytes(StandardCharsets.UTF_8);
		byte[] b = { (byte) 0xFF, '\n' };
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT a 3 body=follows\n", a, "PUT ../x 3 body=follows\n", x,
					"PUT b 2 body=follows\n", b, "NOOP\n"));

			assertThat(connection.readLine()).isEqualTo("226 size=3 crc32c=" + crc32c(a) + " stored a");
			assertThat(connection.readLine()).startsWith("553 bad file name '../x': ");
			assertThat(connection.readLine()).isEqualTo("226 size=2 crc32c=" + crc32c(b) + " stored b");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("a")).hasBinaryContent(a);
		assertThat(this.root.resolve("b")).hasBinaryContent(b);
		assertThat(DirectorySnapshot.of(this.temp).entries()).containsOnlyKeys("", "root", "root/a", "root/b");
	}

	@Test
	void bodyThatLooksLikeRequestsIsStoredNotObeyed() throws IOException {
		byte[] body = "QUIT\nGET a\n".getBytes(StandardCharsets.UTF_8);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT q.txt " + body.length + " body=follows\n", body, "NOOP\n"));

			assertThat(connection.readLine()).isEqualTo("226 size=11 crc32c=" + crc32c(body) + " stored q.txt");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("q.txt")).hasBinaryContent(body);
	}

	@Test
	void putOfNoBytesWithBodyFollowsStoresAnEmptyFile() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.send("PUT empty 0 body=follows").send("NOOP");

			assertThat(connection.readLine()).isEqualTo("226 size=0 crc32c=" + crc32c(new byte[0]) + " stored empty");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("empty")).isEmptyFile();
	}

	@Test
	void getPipelinedAfterAPutOfTheSameNameSeesTheNewFileWhole() throws IOException {
		Files.write(this.root.resolve("f"), content(5000, 1));
		byte[] fresh = content(3000, 2);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT f 3000 body=follows\n", fresh, "GET f\n"));

			assertThat(connection.readLine()).isEqualTo("226 size=3000 crc32c=" + crc32c(fresh) + " stored f");
			assertThat(connection.readLine())
				.isEqualTo("150 size=3000 modified=" + modified(this.root.resolve("f")) + " sending f");
			assertThat(connection.readBytes(3000)).isEqualTo(fresh);
			assertThat(connection.readLine()).isEqualTo("226 size=3000 crc32c=" + crc32c(fresh) + " sent f");
		}
	}

	@Test
	void bodyLargerThanEveryBufferFollowedByARequestInTheSameWriteKeepsThemApart() throws IOException {
		byte[] body = content(2 * 1024 * 1024 + 12_345, 3);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT big.bin " + body.length + " body=follows\n", body, "NOOP\n"));

			assertThat(connection.readLine())
				.isEqualTo("226 size=" + body.length + " crc32c=" + crc32c(body) + " stored big.bin");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(body);
	}

	@Test
	void putOntoADirectoryOrALinkIsRefusedAfterItsBodyIsDrainedAndTheNextRequestIsServed() throws IOException {
		Files.createDirectory(this.root.resolve("dir"));
		Files.write(this.temp.resolve("outside.txt"), content(10, 4));
		Files.createSymbolicLink(this.root.resolve("link"), this.temp.resolve("outside.txt"));
		Files.write(this.root.resolve("a.txt"), content(20, 5));
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT dir 5 body=follows\n", "NOOP\n", "PUT link 5 body=follows\n", "QUIT\n",
					"GET a.txt\n"));

			assertThat(connection.readLine()).isEqualTo("550 not a regular file: dir (it is a directory)");
			assertThat(connection.readLine()).isEqualTo("550 not a regular file: link (it is a symbolic link)");
			assertThat(connection.readLine())
				.isEqualTo("150 size=20 modified=" + modified(this.root.resolve("a.txt")) + " sending a.txt");
			assertThat(connection.readBytes(20)).isEqualTo(content(20, 5));
			assertThat(connection.readLine()).isEqualTo("226 size=20 crc32c=" + crc32c(content(20, 5)) + " sent a.txt");
		}
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
	}

	@Test
	void putOfAReservedNameIsRefusedAfterItsBodyIsDrained() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT .simpleftp-x.tmp 5 body=follows\n", "NOOP\n", "NOOP\n"));

			assertThat(connection.readLine()).startsWith("553 bad file name '.simpleftp-x.tmp': ");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root).isEmptyDirectory();
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT a notanumber body=follows", "PUT a -1 body=follows", "PUT a 99999999999999999999 body=follows",
			"PUT a body=follows", "PUT a 3 4 body=follows", "PUT body=follows" })
	void putWithBodyFollowsWhoseBodyCannotBeFoundIsRefusedAndTheConnectionClosed(String request) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire(request + "\n", "abc", "NOOP\n"));

			assertThat(connection.readLine()).startsWith("501 ").endsWith("; closing the connection, since the body"
					+ " that follows cannot be skipped");
			assertThat(closedByServer(connection)).isTrue();
		}
		awaitConnectionCount(this.server.runner(), 0);
		assertThat(this.root).isEmptyDirectory();
	}

	@ParameterizedTest
	@ValueSource(strings = { "weird", "", "FOLLOWS", "follows%20" })
	void putWithAnotherBodyValueIsRefusedAndTheConnectionClosedSinceABodyMayFollow(String value) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT a 3 body=" + value + "\n", "abc", "NOOP\n"));

			assertThat(connection.readLine())
				.startsWith("501 bad parameter body=")
				.endsWith(": the only value is body=follows; closing the connection, since the body that follows cannot be skipped");
			assertThat(closedByServer(connection)).isTrue();
		}
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void aPutLineThatIsNotUtf8IsASyntaxErrorAndEndsTheConnection() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT c", "\u00ff", " 3 body=follows\n", "abc"));
			assertThat(connection.readLine()).isEqualTo("500 line is not valid UTF-8; closing the connection, since the body"
					+ " that follows cannot be skipped");
			assertThat(closedByServer(connection)).isTrue();
		}
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void putWithBodyFollowsAndAnUnknownParameterDropsTheBodyAndTheConnectionGoesOn() throws IOException {
		// docs/PROTOCOL.md, PUT: "If the server refuses the request (553, 550, 451, or 501 for an
		// unknown parameter), it first reads and drops the size bytes, so the connection stays in step."
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(wire("PUT a 5 body=follows mode=append\n", "NOOP\n", "NOOP\n"));

			assertThat(connection.readLine()).startsWith("501 unknown parameter 'mode'");
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void putWithBodyFollowsCutOffStoresNothingAndKeepsTheEarlierVersion() throws IOException {
		byte[] earlier = content(1000, 6);
		Files.write(this.root.resolve("kept"), earlier);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		RawConnection connection = RawConnection.open(this.server.port());
		connection.sendBytes(wire("PUT kept 100000 body=follows\n", content(40_000, 7)));
		connection.sendBytes(wire("PUT fresh 10 body=follows\n"));
		connection.close();

		awaitConnectionCount(this.server.runner(), 0);
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
		try (RawConnection next = RawConnection.open(this.server.port())) {
			assertThat(get(next, "kept")).isEqualTo(earlier);
		}
	}

	@Test
	void versionOnePutStillWaitsForTheGoAheadBeforeTheBody() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT v1.txt 3")).isEqualTo("150 send 3 bytes for v1.txt");
			connection.sendBytes("xyz".getBytes(StandardCharsets.US_ASCII));
			assertThat(connection.readLine())
				.isEqualTo("226 size=3 crc32c=" + crc32c("xyz".getBytes(StandardCharsets.US_ASCII)) + " stored v1.txt");
		}
		assertThat(this.root.resolve("v1.txt")).hasContent("xyz");
	}

	/** The CRC32C of {@code bytes} as a 226 carries it: eight lower-case hexadecimal digits. */
	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

	/** The parts, strings as ISO-8859-1 so that any byte can be written, one after another. */
	private static byte[] wire(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			out.writeBytes((part instanceof byte[] bytes) ? bytes : ((String) part).getBytes(StandardCharsets.ISO_8859_1));
		}
		return out.toByteArray();
	}

}
