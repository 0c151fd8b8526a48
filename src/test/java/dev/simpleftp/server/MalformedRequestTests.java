package dev.simpleftp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request lines no client should send: unknown verbs, wrong arguments, over-long lines, binary
 * garbage. Each gets an error reply; only a line too long to resynchronise after, or a run of bad
 * requests, ends the connection, and never the server.
 */
@Timeout(30)
class MalformedRequestTests {

	private static final byte[] FILE = content(2048, 42);

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("root"));

	private Path root;

	@BeforeEach
	void seedRoot() throws IOException {
		this.root = this.server.directory();
		Files.write(this.root.resolve("a.txt"), FILE);
	}

	@Test
	void unknownCommandRepliesSyntaxErrorListingKnownCommandsAndKeepsConnection() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("STAT"))
				.isEqualTo("500 unknown command 'STAT': known commands are GET, HASH, LIST, LOGIN, NOOP, PARTIAL, PUT, QUIT, STARTTLS");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(get(connection, "a.txt")).isEqualTo(FILE);
		}
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "", "   ", "G3T a.txt", "GET/a.txt", "size=5", "\u00e9", "\u0000\u0000" })
	void lineWithoutAVerbRepliesSyntaxErrorAndKeepsConnection(String line) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(line)).startsWith("500 ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET", "GET a.txt b.txt", "PUT", "PUT a.txt", "PUT a.txt 1 2", "NOOP x", "QUIT now" })
	void wrongNumberOfArgumentsRepliesBadArgumentsAndKeepsConnection(String line) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(line)).matches("501 (missing argument|too many arguments): usage is .*");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.toFile().list()).containsExactly("a.txt");
	}

	@ParameterizedTest(name = "PUT new.bin {0}")
	@ValueSource(strings = { "abc", "-1", "+5", "1e3", "0x10", "1.5", "5%20", "99999999999999999999",
			"9223372036854775808" })
	void putWithBadSizeRepliesBadArgumentsAndStoresNothing(String size) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT new.bin " + size)).startsWith("501 bad size ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.toFile().list()).containsExactly("a.txt");
	}

	@Test
	void unknownParameterRepliesBadArgumentsAndSendsNothing() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET a.txt nope=1"))
				.isEqualTo("501 unknown parameter 'nope': GET takes only crc32c, modified, offset, size in this version");
			assertThat(connection.request("PUT b.txt 3 mode=append")).startsWith("501 unknown parameter 'mode'");
			assertThat(connection.request("NOOP x=1")).startsWith("501 unknown parameter 'x'");
			assertThat(connection.request("GET a.txt Offset=5")).startsWith("501 bad parameter name 'Offset'");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.root.toFile().list()).containsExactly("a.txt");
	}

	@Test
	void lineOfExactlyTheLimitIsServed() throws IOException {
		String line = "NOOP" + " ".repeat(4096 - 4);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(line)).isEqualTo("200 ok");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 4097, 5000, 20_000 })
	void overLongLineIsRefusedAndOnlyThatConnectionIsClosed(int length) throws IOException {
		try (RawConnection bystander = RawConnection.open(this.server.port());
				RawConnection offender = RawConnection.open(this.server.port())) {
			byte[] line = ("GET " + "x".repeat(length - 4) + "\n").getBytes(StandardCharsets.US_ASCII);
			offender.sendBytes(line);
			assertThat(offender.readLine()).isEqualTo("500 line too long: the limit is 4096 bytes; closing the connection");
			assertThat(closedByServer(offender)).isTrue();
			assertThat(get(bystander, "a.txt")).isEqualTo(FILE);
		}
		try (RawConnection next = RawConnection.open(this.server.port())) {
			assertThat(get(next, "a.txt")).isEqualTo(FILE);
		}
		assertThat(this.root.toFile().list()).containsExactly("a.txt");
	}

	@Test
	void lineThatIsNotUtf8RepliesSyntaxErrorAndKeepsConnection() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(new byte[] { 'G', 'E', 'T', ' ', (byte) 0xC0, (byte) 0xAF, '\n' });
			assertThat(connection.readLine()).isEqualTo("500 line is not valid UTF-8");
			assertThat(get(connection, "a.txt")).isEqualTo(FILE);
		}
	}

	@Test
	void tenGarbageLinesInARowAreEachAnsweredThenTheConnectionIsClosed() throws IOException {
		Random random = new Random(7);
		ByteArrayOutputStream garbage = new ByteArrayOutputStream();
		for (int i = 0; i < 10; i++) {
			garbage.writeBytes(garbageLine(random, i % 2 == 0));
		}
		try (RawConnection bystander = RawConnection.open(this.server.port());
				RawConnection offender = RawConnection.open(this.server.port())) {
			offender.sendBytes(garbage.toByteArray());
			for (int i = 0; i < 10; i++) {
				assertThat(offender.readLine()).as("reply to garbage line %d", i + 1).startsWith("500 ");
			}
			assertThat(offender.readLine()).isEqualTo("421 too many bad requests in a row; closing the connection");
			assertThat(closedByServer(offender)).isTrue();
			assertThat(get(bystander, "a.txt")).isEqualTo(FILE);
		}
		try (RawConnection next = RawConnection.open(this.server.port())) {
			assertThat(get(next, "a.txt")).isEqualTo(FILE);
		}
		assertThat(this.root.toFile().list()).containsExactly("a.txt");
	}

	@Test
	void goodRequestResetsTheCountOfBadOnes() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (int round = 0; round < 3; round++) {
				for (int i = 0; i < 9; i++) {
					assertThat(connection.request("XYZZY")).startsWith("500 ");
				}
				assertThat(connection.request("NOOP")).as("round %d", round).isEqualTo("200 ok");
			}
			assertThat(get(connection, "a.txt")).isEqualTo(FILE);
		}
	}

	@Test
	void refusedRequestsOfEveryKindCountTowardsTheDisconnect() throws IOException {
		String[] bad = { "XYZZY", "GET", "PUT a.txt -1", "GET ../a.txt", "GET a.txt offset=5", "", "GET %zz",
				"NOOP x", "PUT", "GET %2E%2E" };
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (String line : bad) {
				assertThat(connection.request(line)).as(line).matches("5(00|01|53) .*");
			}
			assertThat(connection.readLine()).startsWith("421 ");
			assertThat(closedByServer(connection)).isTrue();
		}
	}

	@Test
	void missingFilesAreNotBadRequests() throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (int i = 0; i < 12; i++) {
				assertThat(connection.request("GET missing-" + i)).startsWith("550 ");
			}
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	/** Random bytes without LF, ending in LF; either not UTF-8 at all, or UTF-8 with NULs and no verb. */
	private static byte[] garbageLine(Random random, boolean invalidUtf8) {
		byte[] line = new byte[20 + random.nextInt(200)];
		for (int i = 0; i < line.length; i++) {
			byte b;
			do {
				b = (byte) (invalidUtf8 ? random.nextInt(256) : random.nextInt(128));
			}
			while (b == '\n');
			line[i] = b;
		}
		line[0] = invalidUtf8 ? (byte) 0xFF : 0;
		line[line.length / 2] = 0;
		line[line.length - 1] = '\n';
		return line;
	}

}
