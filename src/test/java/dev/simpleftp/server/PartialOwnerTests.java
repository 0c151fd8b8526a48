package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ReservedFiles;
import dev.simpleftp.ServerExtension;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.account.Accounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Accounts that share a directory: each sees and resumes only the partial uploads it made, and an
 * upload-only account hears the same words whatever stops its upload at a name, so that it learns
 * nothing of what the name holds; a read-write account still hears the reason.
 */
@Timeout(60)
class PartialOwnerTests {

	private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

	private static final String PASSWORD = "pw";

	private static final int UPLOAD = 2 * 1024 * 1024;

	private static final int CUT = 700_000;

	private static final Instant MODIFIED = Instant.parse("2026-11-24T06:20:23.123Z");

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("root")).accounts(this::accounts);

	private Path root;

	@BeforeEach
	void rememberRoot() {
		this.root = this.server.directory();
	}

	private Accounts accounts() {
		String hash = BCRYPT.encode(PASSWORD);
		AccountSettings settings = new AccountSettings(List.of(
				new AccountSettings.User("alice", hash, Access.READ_WRITE, null),
				new AccountSettings.User("drop", hash, Access.UPLOAD_ONLY, this.temp.resolve("root"))),
				new AccountSettings.Login(Duration.ofMillis(10), 5, Duration.ofMinutes(1)));
		return new Accounts(settings);
	}

	@Test
	void anotherAccountNeitherSeesNorCompletesAnInterruptedUpload() throws IOException {
		byte[] alices = content(UPLOAD, 1);
		try (RawConnection alice = login("alice")) {
			assertThat(alice.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c"))
				.isEqualTo("150 send " + UPLOAD + " bytes for big.bin");
			alice.sendBytes(Arrays.copyOf(alices, CUT));
		}
		awaitConnectionCount(this.server.runner(), 0);
		assertThat(ReservedFiles.partialData(this.root, "big.bin", "alice")).hasSize(CUT);

		byte[] drops = content(UPLOAD, 2);
		try (RawConnection drop = login("drop")) {
			assertThat(drop.request("PARTIAL big.bin")).isEqualTo("550 no partial upload of big.bin");
			assertThat(drop.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset=" + CUT))
				.startsWith("150 restart=")
				.endsWith("send all " + UPLOAD + " bytes for big.bin: the server holds no partial upload of this version of the file");
			drop.sendBytes(drops).send("CHECKSUM crc32c=" + crc32c(drops, UPLOAD));
			assertThat(drop.readLine()).startsWith("226 size=" + UPLOAD + " ");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(drops);
		assertThat(ReservedFiles.partialData(this.root, "big.bin", "alice")).as("alice's bytes are still hers").hasSize(CUT);

		try (RawConnection alice = login("alice")) {
			assertThat(alice.request("PARTIAL big.bin")).isEqualTo("200 offset=" + CUT + " size=" + UPLOAD + " modified="
					+ MODIFIED + " crc32c=" + crc32c(alices, CUT) + " partial upload of big.bin");
			assertThat(alice.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset=" + CUT))
				.isEqualTo("150 offset=" + CUT + " send the bytes of big.bin from byte " + CUT);
			alice.sendBytes(Arrays.copyOfRange(alices, CUT, UPLOAD)).send("CHECKSUM crc32c=" + crc32c(alices, UPLOAD));
			assertThat(alice.readLine()).startsWith("226 size=" + UPLOAD + " ");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(alices);
		assertThat(ReservedFiles.reserved(this.root)).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "directory", "symbolic link", "pipe" })
	void anUploadOnlyAccountHearsOneRefusalWhateverTheNameHoldsAndAReadWriteOneHearsWhy(String held) throws Exception {
		Path outside = Files.writeString(this.temp.resolve("outside.txt"), "outside");
		Path name = this.root.resolve("taken");
		switch (held) {
			case "directory" -> Files.createDirectory(name);
			case "symbolic link" -> Files.createSymbolicLink(name, outside);
			default -> mkfifo(name);
		}
		String uniform = "550 cannot store taken here";
		try (RawConnection drop = login("drop")) {
			assertThat(drop.request("PUT taken 3")).isEqualTo(uniform);
			drop.send("PUT taken 3 body=follows checksum=crc32c").sendBytes("abc".getBytes(StandardCharsets.US_ASCII))
				.send("CHECKSUM crc32c=" + crc32c("abc".getBytes(StandardCharsets.US_ASCII), 3));
			assertThat(drop.readLine()).isEqualTo(uniform);
			assertThat(drop.request("PUT taken " + UPLOAD + " modified=" + MODIFIED)).isEqualTo(uniform);
			assertThat(drop.request("PARTIAL taken")).isEqualTo("550 no partial upload of taken");
			assertThat(drop.request("NOOP")).isEqualTo("200 ok");
		}
		try (RawConnection alice = login("alice")) {
			assertThat(alice.request("PUT taken 3")).isEqualTo("550 not a regular file: taken (it is a "
					+ (held.equals("pipe") ? "special file" : held) + ")");
		}
		assertThat(outside).hasContent("outside");
		assertThat(Files.isRegularFile(name, LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(Files.exists(name, LinkOption.NOFOLLOW_LINKS)).isTrue();
	}

	private RawConnection login(String user) throws IOException {
		RawConnection connection = RawConnection.open(this.server.port());
		assertThat(connection.request("LOGIN " + user + " " + PASSWORD)).startsWith("230 ");
		return connection;
	}

	private static String crc32c(byte[] bytes, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, 0, length);
		return String.format("%08x", crc.getValue());
	}

	private static void mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
		assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
	}

}
