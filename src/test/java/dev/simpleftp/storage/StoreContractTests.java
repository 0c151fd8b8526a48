package dev.simpleftp.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.simpleftp.storage.PartialWrite.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link FileStore} promises, checked through the interface alone: a backend adds a
 * subclass that says how to open a fresh, empty store, and runs all of these.
 */
public abstract class StoreContractTests {

	private static final FileName NAME = FileName.of("data.bin");

	private static final Source SOURCE = new Source(3_000_000, Instant.parse("2026-12-01T10:00:00.123Z"));

	private FileStore store;

	/** A fresh store with nothing in it, for one test. */
	protected abstract FileStore openStore() throws IOException;

	@BeforeEach
	void open() throws IOException {
		this.store = openStore();
	}

	@Test
	void aWriteIsInvisibleUntilCommittedThenReadsBackByteForByte() throws IOException {
		byte[] content = random(300_000, 1);
		try (PendingWrite write = this.store.beginWrite(NAME)) {
			writeAll(write.channel(), content);
			assertThat(this.store.list()).isEmpty();
			assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> this.store.openForRead(NAME));
			write.commit();
		}
		assertThat(readAll(NAME)).isEqualTo(content);
		assertThat(this.store.list()).singleElement().satisfies(entry -> {
			assertThat(entry.name()).isEqualTo(NAME);
			assertThat(entry.size()).isEqualTo(content.length);
		});
	}

	@Test
	void aWriteClosedWithoutCommitLeavesThePreviousVersionAndNothingElse() throws IOException {
		put(NAME, "previous".getBytes(StandardCharsets.UTF_8));
		try (PendingWrite write = this.store.beginWrite(NAME)) {
			writeAll(write.channel(), random(5000, 2));
		}
		assertThat(readAll(NAME)).asString(StandardCharsets.UTF_8).isEqualTo("previous");
		assertThat(this.store.list()).extracting(FileEntry::name).containsExactly(NAME);
	}

	@Test
	void aCommitReplacesThePreviousVersionWhole() throws IOException {
		put(NAME, random(10_000, 3));
		byte[] next = random(7, 4);
		put(NAME, next);
		assertThat(readAll(NAME)).isEqualTo(next);
	}

	@Test
	void anEmptyFileRoundTrips() throws IOException {
		put(NAME, new byte[0]);
		try (ReadableFile file = this.store.openForRead(NAME)) {
			assertThat(file.size()).isZero();
			assertThat(file.read(ByteBuffer.allocate(10), 0)).isEqualTo(-1);
		}
	}

	@Test
	void readingAMissingFileSaysNoSuchFile() {
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(() -> this.store.openForRead(NAME));
	}

	@Test
	void transferToAndTheChecksumsSeeTheFilesBytes() throws IOException, NoSuchAlgorithmException {
		byte[] content = random(700_000, 5);
		put(NAME, content);
		try (ReadableFile file = this.store.openForRead(NAME)) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			WritableByteChannel target = Channels.newChannel(out);
			long position = 100;
			while (position < content.length) {
				long sent = file.transferTo(position, content.length - position, target);
				assertThat(sent).isPositive();
				position += sent;
			}
			assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(content, 100, content.length));
			CRC32C expected = new CRC32C();
			expected.update(content, 0, 1234);
			CRC32C crc = new CRC32C();
			file.addTo(crc, 1234, () -> {
			});
			assertThat(crc.getValue()).isEqualTo(expected.getValue());
			assertThat(file.sha256(() -> {
			})).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> file.addTo(new CRC32C(), content.length + 1, () -> {
			}));
		}
	}

	@Test
	void modifiedIsToTheMillisecondAndRecent() throws IOException {
		Instant before = Instant.now().minusSeconds(5);
		put(NAME, random(10, 6));
		Instant modified = this.store.modified(NAME);
		assertThat(modified).isEqualTo(modified.truncatedTo(ChronoUnit.MILLIS)).isAfter(before);
	}

	@Test
	void aListingIsSortedByNameAndHandsOnEachEntryOnce() throws IOException {
		List<String> names = List.of("b", "a", "C", "é", "a.txt");
		for (String name : names) {
			put(FileName.of(name), name.getBytes(StandardCharsets.UTF_8));
		}
		List<FileEntry> streamed = new ArrayList<>();
		this.store.list(names.size(), () -> {
		}, streamed::add);
		assertThat(streamed).extracting(entry -> entry.name().value()).containsExactly("C", "a", "a.txt", "b", "é");
		assertThat(streamed).extracting(FileEntry::size).containsExactly(1L, 1L, 5L, 1L, 2L);
		assertThat(this.store.list()).isEqualTo(streamed);
	}

	@Test
	void aListingOverTheLimitFailsBeforeHandingOnAnything() throws IOException {
		for (int i = 0; i < 4; i++) {
			put(FileName.of("f" + i), new byte[1]);
		}
		List<FileEntry> streamed = new ArrayList<>();
		assertThatExceptionOfType(TooManyEntriesException.class).isThrownBy(() -> this.store.list(3, () -> {
		}, streamed::add));
		assertThat(streamed).isEmpty();
	}

	@Test
	void aPartialKeptAtACutOffResumesAndPublishesTheWholeFile() throws IOException {
		byte[] content = random(2_000_000, 7);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
			writeAll(partial.begin(0, SOURCE), Arrays.copyOf(content, 1_500_000));
		}
		assertThat(this.store.hasPartial(NAME)).isTrue();
		assertThat(this.store.list()).isEmpty();
		assertThat(this.store.keptPartials()).containsExactly(new KeptPartial(Optional.of(NAME), 1_500_000, SOURCE.size()));
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).contains(SOURCE);
			assertThat(partial.length()).isEqualTo(1_500_000);
			CRC32C expected = new CRC32C();
			expected.update(content, 0, 1_000_000);
			CRC32C crc = new CRC32C();
			partial.addFirst(1_000_000, crc);
			assertThat(crc.getValue()).isEqualTo(expected.getValue());
			writeAll(partial.begin(1_000_000, SOURCE), Arrays.copyOfRange(content, 1_000_000, content.length));
			partial.commit();
		}
		assertThat(readAll(NAME)).isEqualTo(content);
		assertThat(this.store.hasPartial(NAME)).isFalse();
		assertThat(this.store.keptPartials()).isEmpty();
	}

	@Test
	void aPartialHeldByOneTransferIsNotGivenToAnother() throws IOException {
		try (PartialWrite first = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(this.store.beginPartial(NAME)).isEmpty();
			assertThat(this.store.discardPartial(NAME)).isFalse();
		}
		assertThat(this.store.beginPartial(NAME)).hasValueSatisfying(partial -> closeQuietly(partial));
	}

	@Test
	void aDiscardedPartialIsGoneAndPublishesNothing() throws IOException {
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), random(1000, 8));
		}
		assertThat(this.store.discardPartial(NAME)).isTrue();
		assertThat(this.store.hasPartial(NAME)).isFalse();
		assertThat(this.store.keptPartials()).isEmpty();
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void oneOwnersPartialIsNeverAnothers() throws IOException {
		try (PartialWrite partial = this.store.beginPartial(NAME, "alice").orElseThrow()) {
			writeAll(partial.begin(0, SOURCE), random(1000, 9));
		}
		assertThat(this.store.hasPartial(NAME, "alice")).isTrue();
		assertThat(this.store.hasPartial(NAME, "bob")).isFalse();
		assertThat(this.store.hasPartial(NAME)).isFalse();
		try (PartialWrite bobs = this.store.beginPartial(NAME, "bob").orElseThrow()) {
			assertThat(bobs.recordedSource()).isEmpty();
			assertThat(bobs.length()).isZero();
		}
	}

	@Test
	void removingOldPartialsSparesTheOneATransferHolds() throws IOException {
		FileName other = FileName.of("other.bin");
		for (FileName name : List.of(NAME, other)) {
			try (PartialWrite partial = this.store.beginPartial(name).orElseThrow()) {
				writeAll(partial.begin(0, SOURCE), random(100, 10));
			}
		}
		try (PartialWrite held = this.store.beginPartial(other).orElseThrow()) {
			assertThat(this.store.removePartialsOlderThan(Instant.now().plusSeconds(60))).isEqualTo(1);
		}
		assertThat(this.store.hasPartial(NAME)).isFalse();
		assertThat(this.store.hasPartial(other)).isTrue();
	}

	@Test
	void aScratchFileReadsBackWhatWasWrittenAndIsNeverListed() throws IOException {
		byte[] content = random(100_000, 11);
		try (ScratchFile scratch = this.store.newScratchFile()) {
			scratch.write(ByteBuffer.wrap(content));
			assertThat(scratch.size()).isEqualTo(content.length);
			ByteBuffer read = ByteBuffer.allocate(content.length);
			while (read.hasRemaining() && scratch.read(read, read.position()) >= 0) {
				// until full
			}
			assertThat(read.array()).isEqualTo(content);
			assertThat(this.store.list()).isEmpty();
		}
	}

	private void put(FileName name, byte[] content) throws IOException {
		try (PendingWrite write = this.store.beginWrite(name)) {
			writeAll(write.channel(), content);
			write.commit();
		}
	}

	private byte[] readAll(FileName name) throws IOException {
		try (ReadableFile file = this.store.openForRead(name)) {
			ByteBuffer buffer = ByteBuffer.allocate((int) file.size());
			while (buffer.hasRemaining()) {
				if (file.read(buffer, buffer.position()) < 0) {
					break;
				}
			}
			assertThat(file.read(ByteBuffer.allocate(1), file.size())).isEqualTo(-1);
			return Arrays.copyOf(buffer.array(), buffer.position());
		}
	}

	private static void writeAll(WritableByteChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static void closeQuietly(PartialWrite partial) {
		try {
			partial.close();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] random(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
