package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ReservedFiles;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing under the root is opened through a link, end to end: a symbolic link planted at a partial
 * upload's info or data name is replaced and the upload stored, and a hard link there is never
 * appended to; a file with a second hard link is neither fetched, hashed, resumed nor listed unless
 * {@code ftp.server.allow-hard-links}; the client's partial downloads are as safe. Each test checks
 * the file outside the root byte for byte.
 */
@Timeout(60)
class LinkTests {

	private static final int UPLOAD = 2 * 1024 * 1024;

	private static final Instant MODIFIED = Instant.parse("2026-11-24T06:20:23.123Z");

	private static final byte[] SECRET = "the outside file's bytes\n".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path temp;

	private Path root;

	private Path outside;

	private RunningServer server;

	@BeforeEach
	void setUp() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		this.outside = Files.write(Files.createDirectories(this.temp.resolve("elsewhere")).resolve("secret.txt"), SECRET);
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void aSymbolicLinkAtThePartialInfoNameIsNotWrittenThroughByAnOrdinaryLargePut() throws IOException {
		Files.createSymbolicLink(ReservedFiles.partialInfo(this.root, "big.bin"), this.outside);
		this.server = RunningServer.start(this.root);
		byte[] body = content(UPLOAD, 1);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c"))
				.isEqualTo("150 send " + UPLOAD + " bytes for big.bin");
			connection.sendBytes(body).send("CHECKSUM crc32c=" + crc32c(body, UPLOAD));
			assertThat(connection.readLine()).startsWith("226 size=" + UPLOAD + " ");
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(body);
		assertThat(ReservedFiles.reserved(this.root)).isEmpty();
	}

	@Test
	void aSymbolicLinkAtThePartialInfoNameIsReplacedByTheInfoOfACutOffUpload() throws IOException {
		Path info = Files.createSymbolicLink(ReservedFiles.partialInfo(this.root, "big.bin"), this.outside);
		this.server = RunningServer.start(this.root);
		byte[] body = content(UPLOAD, 2);
		cutOffUpload(body, 700_000);
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(Files.isSymbolicLink(info)).isFalse();
		assertThat(info).hasContent(UPLOAD + "\n" + MODIFIED + "\nbig.bin");
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PARTIAL big.bin")).startsWith("200 offset=700000 size=" + UPLOAD + " ");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "symbolic link", "hard link" })
	void aLinkAtThePartialDataNameIsReplacedNeverAppendedToAndTheUploadStartsFromZero(String planted) throws IOException {
		Path data = ReservedFiles.partialData(this.root, "big.bin");
		if (planted.equals("hard link")) {
			Files.createLink(data, this.outside);
		}
		else {
			Files.createSymbolicLink(data, this.outside);
		}
		// An info that matches the upload, as if the outside file's bytes were its first ones.
		Files.writeString(ReservedFiles.partialInfo(this.root, "big.bin"), UPLOAD + "\n" + MODIFIED + "\n");
		this.server = RunningServer.start(this.root);
		byte[] body = content(UPLOAD, 3);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset="
					+ SECRET.length))
				.isEqualTo("150 restart=the%20server%20holds%20no%20partial%20upload%20of%20this%20version%20of%20the%20file"
						+ " send all " + UPLOAD + " bytes for big.bin: the server holds no partial upload of this version of the file");
			connection.sendBytes(body).send("CHECKSUM crc32c=" + crc32c(body, UPLOAD));
			assertThat(connection.readLine()).startsWith("226 size=" + UPLOAD + " ");
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(Files.getAttribute(this.outside, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1);
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(body);
		assertThat(ReservedFiles.reserved(this.root)).isEmpty();
	}

	@Test
	void aPartialWhoseDataNameIsAHardLinkShowsNothingOfTheOutsideFile() throws IOException {
		Files.createLink(ReservedFiles.partialData(this.root, "big.bin"), this.outside);
		Files.writeString(ReservedFiles.partialInfo(this.root, "big.bin"), UPLOAD + "\n" + MODIFIED + "\n");
		this.server = RunningServer.start(this.root);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("550 no partial upload of big.bin");
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
	}

	@Test
	void aFileWithASecondHardLinkIsNeitherFetchedHashedResumedNorListed() throws IOException {
		Files.createLink(this.root.resolve("linked.txt"), this.outside);
		Files.setLastModifiedTime(this.outside, FileTime.from(MODIFIED));
		this.server = RunningServer.start(this.root);
		String refused = "550 not served: linked.txt (it has 2 hard links, and this server serves only files with one)";
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET linked.txt")).isEqualTo(refused);
			assertThat(connection.request("HASH linked.txt")).isEqualTo(refused);
			assertThat(connection.request("GET linked.txt offset=4 size=" + SECRET.length + " modified=" + MODIFIED + " crc32c="
					+ crc32c(SECRET, 4))).isEqualTo(refused);
			assertThat(connection.request("LIST")).isEqualTo("150 size=0 count=0 listing 0 files");
			assertThat(connection.readLine()).startsWith("226 ");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
	}

	@Test
	void withAllowHardLinksAFileWithASecondHardLinkIsServedAndListed() throws IOException {
		Files.createLink(this.root.resolve("linked.txt"), this.outside);
		this.server = TestSettings.of(this.root).allowHardLinks(true).start();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(RawTransfers.get(connection, "linked.txt")).isEqualTo(SECRET);
			assertThat(connection.request("LIST")).startsWith("150 size=").contains(" count=1 ");
		}
	}

	@Test
	void aPutOverAFileWithASecondHardLinkReplacesTheNameAndLeavesTheOtherAlone() throws IOException {
		Files.createLink(this.root.resolve("linked.txt"), this.outside);
		this.server = RunningServer.start(this.root);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(RawTransfers.put(connection, "linked.txt", "new".getBytes(StandardCharsets.UTF_8))).startsWith("226 ");
		}
		assertThat(this.root.resolve("linked.txt")).hasContent("new");
		assertThat(this.outside).hasBinaryContent(SECRET);
	}

	@Test
	void theClientsPartialDownloadIsNotWrittenThroughASymbolicLinkAtItsInfoOrDataName() throws IOException {
		byte[] file = content(UPLOAD, 4);
		Files.write(this.root.resolve("big.bin"), file);
		Path local = Files.createDirectories(this.temp.resolve("client"));
		Path secondOutside = Files.write(this.temp.resolve("elsewhere/second.txt"), SECRET);
		Files.createSymbolicLink(ReservedFiles.partialInfo(local, "big.bin"), this.outside);
		Files.createSymbolicLink(ReservedFiles.partialData(local, "big.bin"), secondOutside);
		this.server = RunningServer.start(this.root);
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), Duration.ofSeconds(10))) {
			client.get(FileName.of("big.bin"), new LocalFileStore(local, LocalFileStore.HardLinks.ALLOWED));
		}
		assertThat(local.resolve("big.bin")).hasBinaryContent(file);
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(secondOutside).hasBinaryContent(SECRET);
	}

	/** Sends the first {@code cut} bytes of an upload of {@code body} as big.bin, and hangs up. */
	private void cutOffUpload(byte[] body, int cut) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT big.bin " + body.length + " modified=" + MODIFIED + " checksum=crc32c"))
				.isEqualTo("150 send " + body.length + " bytes for big.bin");
			connection.sendBytes(Arrays.copyOf(body, cut));
		}
		awaitConnectionCount(this.server.runner(), 0);
	}

	private static String crc32c(byte[] bytes, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, 0, length);
		return String.format("%08x", crc.getValue());
	}

}
