package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The hidden partial files that let a cut-off transfer resume: what they hold and record, when they
 * stay, when they go, and that nobody but their one writer ever sees or touches them.
 */
@Timeout(60)
class PartialWriteTests {

	private static final FileName NAME = FileName.of("big.bin");

	private static final Source SOURCE = new Source(5_000, Instant.parse("2026-11-24T06:20:23.123Z"));

	@TempDir
	Path directory;

	private LocalFileStore store;

	@BeforeEach
	void openStore() throws IOException {
		this.store = new LocalFileStore(this.directory);
	}

	@Test
	void partialFilesAreNamedByTheFirst128BitsOfTheSha256OfTheName() throws Exception {
		assertThat(PartialFiles.dataName(NAME)).isEqualTo(".simpleftp-partial-" + key("big.bin") + ".part");
		assertThat(PartialFiles.infoName(NAME)).isEqualTo(".simpleftp-partial-" + key("big.bin") + ".info");
		assertThat(PartialFiles.dataName(FileName.of("big.bin2"))).isNotEqualTo(PartialFiles.dataName(NAME));
	}

	@Test
	void beginPartialCreatesAnEmptyPartialWithNoRecordedSource() throws IOException {
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
			assertThat(partial.length()).isZero();
			assertThat(names()).containsExactly(data());
			assertThat(this.directory.resolve(data())).isEmptyFile();
			assertThat(this.store.hasPartial(NAME)).isFalse();
		}
		assertThat(this.directory.resolve(NAME.value())).doesNotExist();
	}

	@Test
	void beginKeepsTheFirstBytesRecordsTheSourceAndPositionsTheChannelAtTheOffset() throws IOException {
		byte[] first = random(100, 1);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			FileChannel channel = (FileChannel) partial.begin(0, SOURCE);
			assertThat(channel.position()).isZero();
			writeAll(channel, first);
		}
		Source other = new Source(7_000, Instant.parse("2026-11-25T00:00:00Z"));
		byte[] rest = random(30, 2);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).contains(SOURCE);
			assertThat(partial.length()).isEqualTo(100);
			FileChannel channel = (FileChannel) partial.begin(40, other);
			assertThat(channel.position()).isEqualTo(40);
			assertThat(channel.size()).isEqualTo(40);
			assertThat(partial.length()).isEqualTo(40);
			writeAll(channel, rest);
		}
		assertThat(this.directory.resolve(data())).hasBinaryContent(concat(Arrays.copyOf(first, 40), rest));
		assertThat(Files.readAllLines(this.directory.resolve(info()), StandardCharsets.UTF_8))
			.containsExactly("7000", "2026-11-25T00:00:00Z", NAME.value());
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).contains(other);
			assertThat(partial.length()).isEqualTo(70);
		}
	}

	@Test
	void beginRefusesAnOffsetBeyondTheBytesHeldAndLeavesThemAlone() throws IOException {
		byte[] first = random(10, 3);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), first);
		}
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThatIllegalArgumentException().isThrownBy(() -> partial.begin(11, SOURCE))
				.withMessage("offset 11 outside 0..10");
			assertThatIllegalArgumentException().isThrownBy(() -> partial.begin(-1, SOURCE));
		}
		assertThat(this.directory.resolve(data())).hasBinaryContent(first);
		assertThat(this.store.hasPartial(NAME)).isTrue();
	}

	@Test
	void aSourceKeepsItsTimeToTheMillisecondAndRefusesANegativeSize() {
		Source source = new Source(1, Instant.parse("2026-11-24T06:20:23.123456789Z"));
		assertThat(source.modified()).isEqualTo(Instant.parse("2026-11-24T06:20:23.123Z"));
		assertThat(source).isEqualTo(new Source(1, Instant.parse("2026-11-24T06:20:23.123999Z")));
		assertThatIllegalArgumentException().isThrownBy(() -> new Source(-1, Instant.EPOCH));
	}

	@Test
	void closeKeepsTheBytesAndTheInfoForTheNextAttempt() throws IOException {
		byte[] first = random(1234, 4);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), first);
		}
		assertThat(names()).containsExactly(info(), data());
		assertThat(this.store.hasPartial(NAME)).isTrue();
		assertThat(this.directory.resolve(NAME.value())).doesNotExist();
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).contains(SOURCE);
			assertThat(partial.length()).isEqualTo(1234);
			CRC32C crc = new CRC32C();
			partial.addFirst(1000, crc);
			assertThat(crc.getValue()).isEqualTo(crc32c(Arrays.copyOf(first, 1000)));
		}
		assertThat(this.directory.resolve(data())).hasBinaryContent(first);
	}

	@Test
	void commitPublishesTheBytesUnderTheTargetNameAndRemovesBothHiddenFiles() throws IOException {
		Files.writeString(this.directory.resolve(NAME.value()), "previous version");
		byte[] first = random(3000, 5);
		byte[] rest = random(2000, 6);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), first);
		}
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(3000, SOURCE), rest);
			assertThat(this.directory.resolve(NAME.value())).hasContent("previous version");
			partial.commit();
		}
		assertThat(this.directory.resolve(NAME.value())).hasBinaryContent(concat(first, rest));
		assertThat(names()).containsExactly(NAME.value());
		assertThat(this.store.hasPartial(NAME)).isFalse();
	}

	@Test
	void discardRemovesBothHiddenFilesAndKeepsThePublishedVersion() throws IOException {
		Files.writeString(this.directory.resolve(NAME.value()), "previous version");
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), random(100, 7));
			partial.discard();
			partial.discard();
		}
		assertThat(names()).containsExactly(NAME.value());
		assertThat(this.directory.resolve(NAME.value())).hasContent("previous version");
	}

	@Test
	void aFinishedPartialCannotBeCommittedAgainAndCloseAfterwardsChangesNothing() throws IOException {
		PartialWrite committed = this.store.beginPartial(NAME).orElseThrow();
		writeAll(committed.begin(0, SOURCE), random(10, 8));
		committed.commit();
		assertThatIllegalStateException().isThrownBy(committed::commit);
		committed.close();
		committed.discard();
		assertThat(this.directory.resolve(NAME.value())).hasBinaryContent(random(10, 8));

		PartialWrite discarded = this.store.beginPartial(FileName.of("other")).orElseThrow();
		discarded.discard();
		assertThatIllegalStateException().isThrownBy(discarded::commit);
		assertThat(names()).containsExactly(NAME.value());
	}

	@Test
	void aSecondBeginPartialOfTheSameNameWhileTheFirstIsOpenIsEmpty() throws IOException {
		byte[] first = random(500, 9);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			FileChannel channel = (FileChannel) partial.begin(0, SOURCE);
			writeAll(channel, first);
			assertThat(this.store.beginPartial(NAME)).isEmpty();
			assertThat(new LocalFileStore(this.directory).beginPartial(NAME)).isEmpty();
			assertThat(this.store.discardPartial(NAME)).isFalse();
			try (PartialWrite another = this.store.beginPartial(FileName.of("another.bin")).orElseThrow()) {
				assertThat(another.length()).isZero();
			}
			writeAll(channel, first);
		}
		assertThat(this.directory.resolve(data())).hasBinaryContent(concat(first, first));
		try (PartialWrite again = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(again.length()).isEqualTo(1000);
		}
	}

	@Test
	void hasPartialNeedsBothTheBytesAndTheInfo() throws IOException {
		assertThat(this.store.hasPartial(NAME)).isFalse();
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			partial.begin(0, SOURCE);
			assertThat(this.store.hasPartial(NAME)).isTrue();
		}
		Files.delete(this.directory.resolve(data()));
		assertThat(this.store.hasPartial(NAME)).isFalse();
		Files.writeString(this.directory.resolve(data()), "bytes");
		Files.delete(this.directory.resolve(info()));
		assertThat(this.store.hasPartial(NAME)).isFalse();
	}

	@Test
	void discardPartialDeletesAPartialNobodyHoldsAndSaysWhetherThereWasOne() throws IOException {
		assertThat(this.store.discardPartial(NAME)).isFalse();
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), random(10, 10));
		}
		Files.writeString(this.directory.resolve("keep.txt"), "keep");

		assertThat(this.store.discardPartial(NAME)).isTrue();

		assertThat(names()).containsExactly("keep.txt");
		assertThat(this.store.hasPartial(NAME)).isFalse();
		assertThat(this.store.discardPartial(NAME)).isFalse();
	}

	@Test
	void discardPartialRemovesAnInfoLeftWithoutItsBytes() throws IOException {
		Files.writeString(this.directory.resolve(info()), "5000\n2026-11-24T06:20:23.123Z\n");

		assertThat(this.store.discardPartial(NAME)).isFalse();

		assertThat(names()).isEmpty();
	}

	@Test
	void listNeverShowsPartialFilesHeldOrNot() throws IOException {
		Files.writeString(this.directory.resolve("visible.txt"), "v");
		try (PartialWrite kept = this.store.beginPartial(FileName.of("kept.bin")).orElseThrow()) {
			writeAll(kept.begin(0, SOURCE), random(10, 11));
		}
		try (PartialWrite held = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(held.begin(0, SOURCE), random(10, 12));
			assertThat(names()).hasSize(5);
			assertThat(this.store.list()).extracting(entry -> entry.name().value()).containsExactly("visible.txt");
		}
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "", "5000", "5000\n", "five\n2026-11-24T06:20:23.123Z\n", "5000\nyesterday\n",
			"99999999999999999999\n2026-11-24T06:20:23.123Z\n", "5000\n2026-11-24T06:20:23.123Z\nextra\n",
			"\u0000\u0001\u00ff" })
	void aTornOrGarbledInfoCountsAsNoRecordedSource(String text) throws IOException {
		Files.write(this.directory.resolve(data()), random(64, 13));
		Files.writeString(this.directory.resolve(info()), text, StandardCharsets.ISO_8859_1);

		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
			assertThat(partial.length()).isEqualTo(64);
		}
	}

	/**
	 * A garbled info whose size reads as a negative number is garbage like any other: no recorded
	 * source, and the partial is not left locked (which would stop every later transfer, PARTIAL
	 * and sweep of that name until the process ends).
	 */
	@Test
	void anInfoWithANegativeSizeCountsAsNoRecordedSourceAndLeavesThePartialFree() throws IOException {
		Files.write(this.directory.resolve(data()), random(64, 13));
		Files.writeString(this.directory.resolve(info()), "-1\n2026-11-24T06:20:23.123Z\n");

		List<Optional<Source>> recorded = new ArrayList<>();
		Throwable thrown = catchThrowable(() -> {
			try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
				recorded.add(partial.recordedSource());
			}
		});
		Optional<PartialWrite> again = this.store.beginPartial(NAME);
		if (again.isPresent()) {
			again.get().discard();
		}

		SoftAssertions.assertSoftly(softly -> {
			softly.assertThat(thrown).as("beginPartial with a negative size in the info").isNull();
			softly.assertThat(recorded).containsExactly(Optional.empty());
			softly.assertThat(again).as("the partial is free again afterwards").isPresent();
		});
	}

	@Test
	void anInfoThatIsADirectoryCountsAsNoRecordedSource() throws IOException {
		Files.createDirectory(this.directory.resolve(info()));
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
		}
		assertThat(this.store.hasPartial(NAME)).isFalse();
	}

	@Test
	void namesOfUpTo255BytesWorkAndTheirPartialFileNameStaysShort() throws IOException {
		FileName longest = FileName.of("\u00e9".repeat(127) + "x");
		assertThat(longest.value().getBytes(StandardCharsets.UTF_8)).hasSize(FileName.MAX_BYTES);
		byte[] content = random(4096, 14);
		try (PartialWrite partial = this.store.beginPartial(longest).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), Arrays.copyOf(content, 1000));
		}
		assertThat(names()).allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(64));
		assertThat(this.store.hasPartial(longest)).isTrue();
		try (PartialWrite partial = this.store.beginPartial(longest).orElseThrow()) {
			assertThat(partial.length()).isEqualTo(1000);
			writeAll(partial.begin(1000, SOURCE), Arrays.copyOfRange(content, 1000, content.length));
			partial.commit();
		}
		assertThat(names()).containsExactly(longest.value());
		assertThat(this.directory.resolve(longest.value())).hasBinaryContent(content);
	}

	@Test
	void beginPartialOfANameTakenByADirectoryIsRefusedAndCreatesNothing() throws IOException {
		Files.createDirectory(this.directory.resolve(NAME.value()));

		assertThat(catchThrowable(() -> this.store.beginPartial(NAME)))
			.isInstanceOf(FileStore.NotRegularFileException.class);
		assertThat(names()).containsExactly(NAME.value());
	}

	@Test
	void removePartialsOlderThanRemovesOldOnesAndKeepsRecentAndHeldOnes() throws IOException {
		Instant now = Instant.now();
		FileName old = FileName.of("old.bin");
		FileName recent = FileName.of("recent.bin");
		FileName held = FileName.of("held.bin");
		for (FileName name : List.of(old, recent, held)) {
			try (PartialWrite partial = this.store.beginPartial(name).orElseThrow()) {
				writeAll(partial.begin(0, SOURCE), random(100, name.value().length()));
			}
		}
		age(old, Duration.ofHours(25));
		age(held, Duration.ofHours(25));
		age(recent, Duration.ofHours(1));
		Files.writeString(this.directory.resolve("visible.txt"), "never swept");
		Files.setLastModifiedTime(this.directory.resolve("visible.txt"), FileTime.from(now.minus(Duration.ofDays(30))));

		try (PartialWrite holding = this.store.beginPartial(held).orElseThrow()) {
			assertThat(this.store.removePartialsOlderThan(now.minus(Duration.ofHours(24)))).isEqualTo(1);

			assertThat(this.store.hasPartial(old)).isFalse();
			assertThat(this.store.hasPartial(recent)).isTrue();
			assertThat(this.store.hasPartial(held)).isTrue();
			assertThat(holding.length()).isEqualTo(100);
			assertThat(names()).containsExactlyInAnyOrder("visible.txt", PartialFiles.dataName(recent),
					PartialFiles.infoName(recent), PartialFiles.dataName(held), PartialFiles.infoName(held));
		}
		assertThat(this.store.removePartialsOlderThan(now.minus(Duration.ofHours(24)))).isEqualTo(1);
		assertThat(this.store.hasPartial(held)).isFalse();
		assertThat(names()).containsExactlyInAnyOrder("visible.txt", PartialFiles.dataName(recent),
				PartialFiles.infoName(recent));
	}

	@Test
	void removePartialsOlderThanAlsoRemovesAnOldInfoWithoutItsBytesButNotARecentOne() throws IOException {
		Instant now = Instant.now();
		Path oldInfo = Files.writeString(this.directory.resolve(PartialFiles.infoName(FileName.of("a"))), "1\nx\n");
		Files.setLastModifiedTime(oldInfo, FileTime.from(now.minus(Duration.ofHours(25))));
		Path recentInfo = Files.writeString(this.directory.resolve(PartialFiles.infoName(FileName.of("b"))), "1\nx\n");

		assertThat(this.store.removePartialsOlderThan(now.minus(Duration.ofHours(24)))).isZero();

		assertThat(oldInfo).doesNotExist();
		assertThat(recentInfo).exists();
	}

	@Test
	void openingAStoreRemovesOrphanedTemporaryFilesButLeavesPartialFilesAlone() throws Exception {
		byte[] held = random(777, 15);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), held);
		}
		Process finished = new ProcessBuilder("true").start();
		finished.waitFor();
		String orphan = ".simpleftp-" + finished.pid() + "-1700000000000-0123456789abcdef.tmp";
		Files.writeString(this.directory.resolve(orphan), "left by a dead process");

		LocalFileStore reopened = new LocalFileStore(this.directory);

		assertThat(names()).containsExactly(info(), data());
		assertThat(reopened.hasPartial(NAME)).isTrue();
		try (PartialWrite partial = reopened.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).contains(SOURCE);
			assertThat(partial.length()).isEqualTo(777);
		}
		assertThat(this.directory.resolve(data())).hasBinaryContent(held);
	}

	/** Sets the last-modified time of both files of a partial to {@code age} ago. */
	private void age(FileName name, Duration age) throws IOException {
		FileTime time = FileTime.from(Instant.now().minus(age));
		Files.setLastModifiedTime(this.directory.resolve(PartialFiles.dataName(name)), time);
		Files.setLastModifiedTime(this.directory.resolve(PartialFiles.infoName(name)), time);
	}

	private static String data() {
		return PartialFiles.dataName(NAME);
	}

	private static String info() {
		return PartialFiles.infoName(NAME);
	}

	private List<String> names() throws IOException {
		try (Stream<Path> entries = Files.list(this.directory)) {
			return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
		}
	}

	private static String key(String name) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	private static long crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return crc.getValue();
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static void writeAll(WritableByteChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

}
