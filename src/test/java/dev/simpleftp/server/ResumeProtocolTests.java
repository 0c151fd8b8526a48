package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.closedByServer;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resuming on the wire (protocol version 3): {@code GET name offset=K size=S modified=T crc32c=C}
 * sends only the bytes from K when the client's first K bytes are still the server's, the whole
 * file otherwise, saying why; {@code PARTIAL} tells what the server holds of a cut-off upload over
 * 1 MiB, and {@code PUT ... modified=T offset=K} sends only the rest.
 */
@Timeout(60)
class ResumeProtocolTests {

	private static final int MIB = 1024 * 1024;

	/** Larger than a transfer buffer, and not a multiple of anything. */
	private static final int SIZE = 3 * MIB + 5;

	private static final int OFFSET = 1_000_003;

	private static final Instant MODIFIED = Instant.parse("2026-11-24T06:20:23.123Z");

	private static final String RESUME_USAGE = "501 to resume, give all of offset=K size=S modified=T crc32c=C:"
			+ " GET <name> [offset=K size=S modified=T crc32c=C]";

	private static final String PUT_USAGE = "PUT <name> <size> [body=follows] [checksum=crc32c] [modified=T [offset=K]]";

	/** An upload that goes to a partial file: over 1 MiB. */
	private static final int UPLOAD = 2 * MIB;

	private static final int CUT = 700_000;

	@TempDir
	Path temp;

	private Path root;

	private RunningServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	// GET

	@ParameterizedTest(name = "zero-copy {0}")
	@ValueSource(booleans = { false, true })
	void getWithTheClientsBytesStillTheServersSendsOnlyTheRestAndTheWholeFilesChecksum(boolean zeroCopy)
			throws IOException {
		byte[] file = serve(zeroCopy);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(resume(OFFSET, SIZE, MODIFIED, crc32c(file, OFFSET))))
				.isEqualTo("150 size=" + SIZE + " offset=" + OFFSET + " modified=" + MODIFIED + " sending big.bin from byte "
						+ OFFSET);
			assertThat(connection.readBytes(SIZE - OFFSET)).isEqualTo(Arrays.copyOfRange(file, OFFSET, SIZE));
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + SIZE + " crc32c=" + crc32c(file, SIZE) + " sent big.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@ParameterizedTest(name = "zero-copy {0}")
	@ValueSource(booleans = { false, true })
	void getOfAFileTheClientHoldsWholeSendsNoBytes(boolean zeroCopy) throws IOException {
		byte[] file = serve(zeroCopy);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(resume(SIZE, SIZE, MODIFIED, crc32c(file, SIZE))))
				.isEqualTo("150 size=" + SIZE + " offset=" + SIZE + " modified=" + MODIFIED + " sending big.bin from byte "
						+ SIZE);
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + SIZE + " crc32c=" + crc32c(file, SIZE) + " sent big.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@Test
	void getResumingWithATimeFinerThanTheMillisecondComparesItToTheMillisecond() throws IOException {
		byte[] file = serve(false);
		Instant finer = MODIFIED.plusNanos(999_999);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(resume(OFFSET, SIZE, finer, crc32c(file, OFFSET))))
				.startsWith("150 size=" + SIZE + " offset=" + OFFSET + " ");
			assertThat(connection.readBytes(SIZE - OFFSET)).isEqualTo(Arrays.copyOfRange(file, OFFSET, SIZE));
			assertThat(connection.readLine()).startsWith("226 ");
		}
	}

	@Test
	void getResumingFromByteZeroIsAPlainGet() throws IOException {
		byte[] file = serve(false);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request(resume(0, SIZE, MODIFIED, "00000000")))
				.isEqualTo("150 size=" + SIZE + " modified=" + MODIFIED + " sending big.bin");
			assertThat(connection.readBytes(SIZE)).isEqualTo(file);
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + SIZE + " crc32c=" + crc32c(file, SIZE) + " sent big.bin");
		}
	}

	@ParameterizedTest(name = "{0}, zero-copy {1}")
	@CsvSource({ "size,false", "modified,false", "crc32c,false", "offset,false",
			"size,true", "modified,true", "crc32c,true", "offset,true" })
	void getWhoseResumeDoesNotMatchSendsTheWholeFileAndSaysWhy(String mismatch, boolean zeroCopy) throws IOException {
		byte[] file = serve(zeroCopy);
		String wrongCrc = crc32c(content(OFFSET, 99), OFFSET);
		String request;
		String why;
		switch (mismatch) {
			case "size" -> {
				request = resume(OFFSET, SIZE + 1, MODIFIED, crc32c(file, OFFSET));
				why = "it changed on the server (" + SIZE + " bytes, was " + (SIZE + 1) + ")";
			}
			case "modified" -> {
				request = resume(OFFSET, SIZE, MODIFIED.minusMillis(1), crc32c(file, OFFSET));
				why = "it changed on the server (modified 2026-11-24T06:20:23.123Z, was 2026-11-24T06:20:23.122Z)";
			}
			case "crc32c" -> {
				request = resume(OFFSET, SIZE, MODIFIED, wrongCrc);
				why = "the first " + OFFSET + " bytes differ from the server's (CRC32C " + wrongCrc + ", the server's "
						+ crc32c(file, OFFSET) + ")";
			}
			default -> {
				request = resume(SIZE + 1, SIZE, MODIFIED, crc32c(file, SIZE));
				why = "the client holds more bytes (" + (SIZE + 1) + ") than the file has (" + SIZE + ")";
			}
		}
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			String sending = connection.request(request);
			assertThat(sending).isEqualTo("150 size=" + SIZE + " restart=" + encode(why) + " modified=" + MODIFIED
					+ " sending big.bin from the start: " + why);
			assertThat(sending).doesNotContain("offset=");
			assertThat(connection.readBytes(SIZE)).isEqualTo(file);
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + SIZE + " crc32c=" + crc32c(file, SIZE) + " sent big.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	@ParameterizedTest(name = "GET big.bin {0}")
	@ValueSource(strings = { "offset=5", "size=10", "modified=2026-11-24T06:20:23.123Z", "crc32c=00000000",
			"offset=5 size=10", "offset=5 size=10 modified=2026-11-24T06:20:23.123Z",
			"size=10 modified=2026-11-24T06:20:23.123Z crc32c=00000000", "offset=5 crc32c=00000000" })
	void getWithSomeButNotAllResumeParametersIsRefusedAndTheConnectionGoesOn(String parameters) throws IOException {
		byte[] file = serve(false);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET big.bin " + parameters)).isEqualTo(RESUME_USAGE);
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(RawTransfers.get(connection, "big.bin")).isEqualTo(file);
		}
	}

	@Test
	void getWithABadResumeValueIsRefusedNamingItAndTheConnectionGoesOn() throws IOException {
		serve(false);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET big.bin offset=x size=10 modified=2026-11-24T06:20:23.123Z crc32c=00000000"))
				.isEqualTo("501 bad offset 'x': expected a decimal number of bytes");
			assertThat(connection.request("GET big.bin offset=5 size=-1 modified=2026-11-24T06:20:23.123Z crc32c=00000000"))
				.isEqualTo("501 bad size '-1': expected a decimal number of bytes");
			assertThat(connection.request("GET big.bin offset=5 size=10 modified=yesterday crc32c=00000000"))
				.isEqualTo("501 bad modified 'yesterday': expected an ISO-8601 instant such as 2026-11-24T06:20:23.123Z");
			assertThat(connection.request("GET big.bin offset=5 size=10 modified=2026-11-24T06:20:23.123Z crc32c=123"))
				.isEqualTo("501 bad crc32c '123': expected 8 hexadecimal digits");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(names()).containsExactly("big.bin");
	}

	@Test
	void getResumingAMissingFileIsNoSuchFile() throws IOException {
		serve(false);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET gone.bin offset=5 size=10 modified=2026-11-24T06:20:23.123Z crc32c=00000000"))
				.isEqualTo("550 no such file: gone.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
	}

	// PARTIAL

	@Test
	void partialOfANameWithNoInterruptedUploadIsRefused() throws IOException {
		serve(false);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("550 no partial upload of big.bin");
			assertThat(connection.request("PARTIAL none.bin")).isEqualTo("550 no partial upload of none.bin");
			assertThat(connection.request("PARTIAL")).isEqualTo("501 missing argument: usage is PARTIAL <name>");
			assertThat(connection.request("PARTIAL a b")).isEqualTo("501 too many arguments: usage is PARTIAL <name>");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(names()).containsExactly("big.bin");
	}

	// PUT

	@Test
	void anUploadCutOffIsKeptHiddenAndResumesFromWhatPartialReports() throws IOException {
		start();
		byte[] body = content(UPLOAD, 42);
		cutOffUpload("big.bin", body, MODIFIED, CUT);

		assertThat(this.root.resolve("big.bin")).doesNotExist();
		assertThat(names()).hasSize(2).allMatch(name -> name.matches("\\.simpleftp-partial-[0-9a-f]{32}\\.(part|info)"));
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("LIST")).isEqualTo("150 size=0 count=0 listing 0 files");
			assertThat(connection.readLine()).startsWith("226 ");
			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("200 offset=" + CUT + " size=" + UPLOAD + " modified="
					+ MODIFIED + " crc32c=" + crc32c(body, CUT) + " partial upload of big.bin");

			assertThat(connection.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset=" + CUT))
				.isEqualTo("150 offset=" + CUT + " send the bytes of big.bin from byte " + CUT);
			connection.sendBytes(Arrays.copyOfRange(body, CUT, UPLOAD)).send("CHECKSUM crc32c=" + crc32c(body, UPLOAD));
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + UPLOAD + " crc32c=" + crc32c(body, UPLOAD) + " stored big.bin");

			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("550 no partial upload of big.bin");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(body);
		assertThat(names()).containsExactly("big.bin");
	}

	@Test
	void anUploadCutOffTwiceResumesFromTheLatestCut() throws IOException {
		start();
		byte[] body = content(UPLOAD, 43);
		cutOffUpload("big.bin", body, MODIFIED, CUT);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset=" + CUT))
				.startsWith("150 offset=" + CUT + " ");
			connection.sendBytes(Arrays.copyOfRange(body, CUT, 1_500_000));
		}
		awaitConnectionCount(this.server.runner(), 0);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("200 offset=1500000 size=" + UPLOAD + " modified="
					+ MODIFIED + " crc32c=" + crc32c(body, 1_500_000) + " partial upload of big.bin");
			assertThat(connection.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset=1500000"))
				.isEqualTo("150 offset=1500000 send the bytes of big.bin from byte 1500000");
			connection.sendBytes(Arrays.copyOfRange(body, 1_500_000, UPLOAD)).send("CHECKSUM crc32c=" + crc32c(body, UPLOAD));
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + UPLOAD + " crc32c=" + crc32c(body, UPLOAD) + " stored big.bin");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(body);
		assertThat(names()).containsExactly("big.bin");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "modified", "size", "offset" })
	void aResumeTheServerCannotHonourAsksForTheWholeFileAndSaysWhy(String mismatch) throws IOException {
		start();
		byte[] body = content(UPLOAD, 44);
		cutOffUpload("big.bin", body, MODIFIED, CUT);
		Instant modified = mismatch.equals("modified") ? MODIFIED.plusSeconds(1) : MODIFIED;
		byte[] sent = mismatch.equals("size") ? content(UPLOAD + 1, 45) : content(UPLOAD, 46);
		long offset = mismatch.equals("offset") ? CUT + 1 : CUT;
		String why = mismatch.equals("offset") ? "the server holds " + CUT + " bytes of it, not " + (CUT + 1)
				: "the server holds no partial upload of this version of the file";
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			String go = connection.request(
					"PUT big.bin " + sent.length + " modified=" + modified + " checksum=crc32c offset=" + offset);
			assertThat(go).isEqualTo("150 restart=" + encode(why) + " send all " + sent.length + " bytes for big.bin: " + why);
			assertThat(go).doesNotContain("offset=");
			connection.sendBytes(sent).send("CHECKSUM crc32c=" + crc32c(sent, sent.length));
			assertThat(connection.readLine())
				.isEqualTo("226 size=" + sent.length + " crc32c=" + crc32c(sent, sent.length) + " stored big.bin");
			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("550 no partial upload of big.bin");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(sent);
		assertThat(names()).containsExactly("big.bin");
	}

	@Test
	void aResumedUploadWhoseChecksumDoesNotMatchIsNotStoredAndItsPartialIsDropped() throws IOException {
		start();
		byte[] body = content(UPLOAD, 47);
		cutOffUpload("big.bin", body, MODIFIED, CUT);
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c offset=" + CUT))
				.startsWith("150 offset=" + CUT + " ");
			byte[] changed = Arrays.copyOf(body, UPLOAD);
			changed[UPLOAD - 1] ^= 1;
			connection.sendBytes(Arrays.copyOfRange(changed, CUT, UPLOAD)).send("CHECKSUM crc32c=" + crc32c(body, UPLOAD));
			assertThat(connection.readLine()).isEqualTo(
					"456 checksum mismatch: big.bin was not stored (the bytes changed on the way; send it again)");
			assertThat(connection.request("PARTIAL big.bin")).isEqualTo("550 no partial upload of big.bin");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(names()).isEmpty();
	}

	@ParameterizedTest(name = "PUT small.bin {0}")
	@ValueSource(strings = { "1048576 modified=2026-11-24T06:20:23.123Z checksum=crc32c", "2097152 checksum=crc32c",
			"2097152" })
	void aCutOffUploadOfAtMost1MiBOrWithoutModifiedLeavesNothing(String rest) throws IOException {
		start();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT small.bin " + rest)).startsWith("150 send ");
			connection.sendBytes(content(CUT, 48));
		}
		awaitConnectionCount(this.server.runner(), 0);
		assertThat(names()).isEmpty();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PARTIAL small.bin")).isEqualTo("550 no partial upload of small.bin");
		}
	}

	@Test
	void partialWhileAnotherConnectionIsUploadingThatNameIsRefusedAndTheUploadGoesOn() throws IOException {
		start();
		byte[] body = content(UPLOAD, 49);
		try (RawConnection uploader = RawConnection.open(this.server.port());
				RawConnection asker = RawConnection.open(this.server.port())) {
			assertThat(uploader.request("PUT big.bin " + UPLOAD + " modified=" + MODIFIED + " checksum=crc32c"))
				.isEqualTo("150 send " + UPLOAD + " bytes for big.bin");
			uploader.sendBytes(Arrays.copyOf(body, CUT));

			assertThat(asker.request("PARTIAL big.bin"))
				.isEqualTo("550 no partial upload of big.bin to resume: another connection is uploading it");

			uploader.sendBytes(Arrays.copyOfRange(body, CUT, UPLOAD)).send("CHECKSUM crc32c=" + crc32c(body, UPLOAD));
			assertThat(uploader.readLine())
				.isEqualTo("226 size=" + UPLOAD + " crc32c=" + crc32c(body, UPLOAD) + " stored big.bin");
		}
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(body);
		assertThat(names()).containsExactly("big.bin");
	}

	@Test
	void offsetWithBodyFollowsIsRefusedAndTheConnectionClosedSinceTheBodyCannotBeSkipped() throws IOException {
		start();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			// No body after it: the server closes at once, and bytes it never read could reset the connection.
			connection.send("PUT x 5 body=follows offset=1");
			assertThat(connection.readLine()).isEqualTo("501 cannot resume (offset=K) an upload sent with body=follows;"
					+ " closing the connection, since the body that follows cannot be skipped");
			assertThat(closedByServer(connection)).isTrue();
		}
		assertThat(names()).isEmpty();
	}

	@Test
	void offsetWithoutModifiedIsRefusedAndTheConnectionGoesOn() throws IOException {
		start();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT x 2000000 offset=5 checksum=crc32c"))
				.isEqualTo("501 to resume (offset=K), give modified=T too: " + PUT_USAGE);
			assertThat(connection.request("PUT x 3 offset=0"))
				.isEqualTo("501 to resume (offset=K), give modified=T too: " + PUT_USAGE);
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(names()).isEmpty();
	}

	@Test
	void aBadModifiedOrOffsetOnPutIsRefusedAndTheConnectionGoesOn() throws IOException {
		start();
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT x 2000000 modified=yesterday checksum=crc32c"))
				.isEqualTo("501 bad modified 'yesterday': expected an ISO-8601 instant such as 2026-11-24T06:20:23.123Z");
			assertThat(connection.request("PUT x 2000000 modified=2026-11-24T06:20:23.123Z offset=-5 checksum=crc32c"))
				.isEqualTo("501 bad offset '-5': expected a decimal number of bytes");
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
		}
		assertThat(names()).isEmpty();
	}

	/**
	 * Starts an upload of {@code body} over 1 MiB, sends its first {@code cut} bytes, and closes the
	 * connection; returns once the server has finished with it.
	 */
	private void cutOffUpload(String name, byte[] body, Instant modified, int cut) throws IOException {
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("PUT " + name + " " + body.length + " modified=" + modified + " checksum=crc32c"))
				.isEqualTo("150 send " + body.length + " bytes for " + name);
			connection.sendBytes(Arrays.copyOf(body, cut));
		}
		awaitConnectionCount(this.server.runner(), 0);
	}

	/** Starts a server serving {@code big.bin} of {@link #SIZE} bytes last modified at {@link #MODIFIED}. */
	private byte[] serve(boolean zeroCopy) throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		byte[] file = content(SIZE, 7);
		Files.write(this.root.resolve("big.bin"), file);
		Files.setLastModifiedTime(this.root.resolve("big.bin"), FileTime.from(MODIFIED));
		this.server = zeroCopy ? RunningServer.startZeroCopy(this.root) : RunningServer.start(this.root);
		return file;
	}

	private void start() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		this.server = RunningServer.start(this.root);
	}

	private static String resume(long offset, long size, Instant modified, String crc32c) {
		return "GET big.bin offset=" + offset + " size=" + size + " modified=" + modified + " crc32c=" + crc32c;
	}

	/** The CRC32C of the first {@code length} bytes, as the protocol writes it. */
	private static String crc32c(byte[] bytes, int length) {
		CRC32C crc = new CRC32C();
		crc.update(bytes, 0, length);
		return String.format("%08x", crc.getValue());
	}

	private List<String> names() throws IOException {
		try (Stream<Path> entries = Files.list(this.root)) {
			return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
		}
	}

}
