package dev.simpleftp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.simpleftp.FaultyProxy.Direction;
import dev.simpleftp.client.ChecksumMismatchException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.ServerRefusedException;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.FileChecksums;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every transfer is verified end to end: a byte flipped on the wire (by a proxy between client and
 * server, the only fault injection there is) is caught by the receiver, nothing is published, the
 * previous version is intact, no temporary file is left, and the connection goes on.
 */
@Timeout(60)
class ChecksumTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path temp;

	private RunningServer server;

	private LocalFileStore local;

	@BeforeEach
	void start() throws IOException {
		this.server = RunningServer.start(this.temp.resolve("server"));
		this.local = new LocalFileStore(this.temp.resolve("client"));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@ParameterizedTest(name = "{0} bytes, byte {1} flipped, zero-copy {2}")
	@CsvSource({ "1, 0, false", "4096, 4095, false", "3145728, 0, false", "3145728, 1048577, false",
			"3145728, 3145727, false", "3145728, 2000000, true", "100000, 99999, true" })
	void aByteFlippedOnTheWayDownIsCaughtAndTheDownloadIsNotSaved(int size, long flip, boolean zeroCopy)
			throws IOException {
		if (zeroCopy) {
			this.server.close();
			this.server = RunningServer.startZeroCopy(this.temp.resolve("server"));
		}
		byte[] body = random(size);
		Files.write(this.server.directory().resolve("data.bin"), body);
		Files.writeString(this.local.root().resolve("data.bin"), "previous version");
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_CLIENT, "150 ", flip);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.get(FileName.of("data.bin"), this.local))
				.isInstanceOf(ChecksumMismatchException.class)
				.hasMessageStartingWith("checksum mismatch: data.bin was not saved (the server sent crc32c "
						+ crc32c(body) + ", the bytes written have ");
			assertThat(proxy.injected()).isTrue();
			assertThat(this.local.root().resolve("data.bin")).hasContent("previous version");
			assertThat(filesIn(this.local.root())).containsExactly("data.bin");

			client.get(FileName.of("data.bin"), this.local); // the same connection, nothing flipped now
			assertThat(this.local.root().resolve("data.bin")).hasBinaryContent(body);
		}
	}

	@ParameterizedTest(name = "{0} bytes, byte {1} flipped")
	@CsvSource({ "1, 0", "4096, 2048", "1048576, 1048575", "3145728, 0", "3145728, 3145727" })
	void aByteFlippedOnTheWayUpIsCaughtAndTheServerStoresNothing(int size, long flip) throws IOException {
		byte[] body = random(size);
		Files.write(this.local.root().resolve("data.bin"), body);
		Files.writeString(this.server.directory().resolve("data.bin"), "previous version");
		try (FaultyProxy proxy = new FaultyProxy(this.server.port(), Direction.TO_SERVER, "PUT ", flip);
				FtpClient client = FtpClient.connect("127.0.0.1", proxy.port(), TIMEOUT)) {
			assertThatThrownBy(() -> client.put(FileName.of("data.bin"), this.local))
				.isInstanceOf(ServerRefusedException.class)
				.hasMessage("checksum mismatch: data.bin was not stored (the bytes changed on the way; send it again)");
			assertThat(proxy.injected()).isTrue();
			assertThat(this.server.directory().resolve("data.bin")).hasContent("previous version");
			assertThat(filesIn(this.server.directory())).containsExactly("data.bin");

			client.put(FileName.of("data.bin"), this.local);
			assertThat(this.server.directory().resolve("data.bin")).hasBinaryContent(body);
		}
	}

	@ParameterizedTest(name = "zero-copy {0}")
	@ValueSource(booleans = { false, true })
	void getEndsWithTheCrc32cOfTheBytesSent(boolean zeroCopy) throws IOException {
		if (zeroCopy) {
			this.server.close();
			this.server = RunningServer.startZeroCopy(this.temp.resolve("server"));
		}
		byte[] body = random(300_000);
		Files.write(this.server.directory().resolve("f.bin"), body);
		try (RawConnection raw = RawConnection.open(this.server.port())) {
			Instant modified = Files.getLastModifiedTime(this.server.directory().resolve("f.bin")).toInstant()
				.truncatedTo(ChronoUnit.MILLIS);
			assertThat(raw.request("GET f.bin")).isEqualTo("150 size=300000 modified=" + modified + " sending f.bin");
			assertThat(raw.readBytes(body.length)).isEqualTo(body);
			assertThat(raw.readLine()).isEqualTo("226 size=300000 crc32c=" + crc32c(body) + " sent f.bin");
		}
	}

	@Test
	void aPutWhoseChecksumLineDisagreesIsRefusedAndTheConnectionGoesOn() throws IOException {
		try (RawConnection raw = RawConnection.open(this.server.port())) {
			raw.send("PUT wrong.txt 5 body=follows checksum=crc32c").sendBytes("hello".getBytes());
			raw.send("CHECKSUM crc32c=00000000");
			assertThat(raw.readLine()).isEqualTo("456 checksum mismatch: wrong.txt was not stored"
					+ " (the bytes changed on the way; send it again)");
			assertThat(raw.request("NOOP")).startsWith("200 ");
			raw.send("PUT right.txt 5 checksum=crc32c");
			assertThat(raw.readLine()).startsWith("150 ");
			raw.sendBytes("hello".getBytes()).send("CHECKSUM crc32c=" + crc32c("hello".getBytes()));
			assertThat(raw.readLine()).isEqualTo("226 size=5 crc32c=" + crc32c("hello".getBytes()) + " stored right.txt");
		}
		assertThat(filesIn(this.server.directory())).containsExactly("right.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "NOOP", "CHECKSUM", "CHECKSUM crc32c=xyz", "CHECKSUM crc32c=0000000", "CHECKSUM sha=1",
			"CHECKSUM x crc32c=00000000" })
	void aPutFollowedByABadChecksumLineIsRefusedAndTheConnectionClosed(String line) throws IOException {
		try (RawConnection raw = RawConnection.open(this.server.port())) {
			raw.send("PUT f.txt 5 body=follows checksum=crc32c").sendBytes("hello".getBytes()).send(line);
			assertThat(raw.readLine()).startsWith("501 ").endsWith("closing the connection, since the end of the upload"
					+ " cannot be found");
			assertThat(raw.isClosedByServer()).isTrue();
		}
		assertThat(filesIn(this.server.directory())).isEmpty();
	}

	@Test
	void aRefusedPipelinedPutDropsItsBodyAndItsChecksumLine() throws IOException {
		Files.createDirectory(this.server.directory().resolve("a-directory"));
		try (RawConnection raw = RawConnection.open(this.server.port())) {
			raw.send("PUT a-directory 5 body=follows checksum=crc32c").sendBytes("hello".getBytes())
				.send("CHECKSUM crc32c=" + crc32c("hello".getBytes()));
			assertThat(raw.readLine()).startsWith("550 ");
			assertThat(raw.request("NOOP")).startsWith("200 ");
		}
	}

	@Test
	void aVersionTwoPutWithoutAChecksumIsStillStored() throws IOException {
		try (RawConnection raw = RawConnection.open(this.server.port())) {
			raw.send("PUT old.txt 5 body=follows").sendBytes("hello".getBytes());
			assertThat(raw.readLine()).isEqualTo("226 size=5 crc32c=" + crc32c("hello".getBytes()) + " stored old.txt");
		}
		assertThat(this.server.directory().resolve("old.txt")).hasContent("hello");
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 65536, 3_000_001 })
	void hashIsTheSha256ThatSha256sumPrints(int size) throws Exception {
		byte[] body = random(size);
		Files.write(this.server.directory().resolve("h.bin"), body);
		Files.write(this.local.root().resolve("h.bin"), body);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT);
				FileChannel file = FileChannel.open(this.local.root().resolve("h.bin"))) {
			assertThat(client.sha256(FileName.of("h.bin"))).isEqualTo(expected);
			assertThat(FileChecksums.sha256(file)).isEqualTo(expected);
		}
		try (RawConnection raw = RawConnection.open(this.server.port())) {
			assertThat(raw.request("HASH h.bin")).isEqualTo("200 sha256=" + expected + " size=" + size + " sha256 of h.bin");
		}
	}

	@Test
	void hashOfAnEmptyFileIsTheWellKnownOne() throws IOException {
		Files.createFile(this.server.directory().resolve("empty"));
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), TIMEOUT)) {
			assertThat(client.sha256(FileName.of("empty")))
				.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
			assertThatThrownBy(() -> client.sha256(FileName.of("missing"))).isInstanceOf(ServerRefusedException.class)
				.hasMessageStartingWith("no such file: missing");
		}
	}

	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

	private static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static List<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

}
