package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.storage.local.RecordingDurability.Event;
import dev.simpleftp.transfer.IncomingFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What a commit forces to the disk, and in which order, seen through the store's {@link Durability}:
 * the new bytes while the name still holds the old version (before the rename), then the directory
 * once the name holds the new one (after it), and nothing reported committed if either fails.
 */
class DurabilityTests {

	private static final FileName NAME = FileName.of("report.txt");

	private static final byte[] OLD = "the old version".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NEW = "the new version, longer".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path directory;

	private RecordingDurability durability;

	private LocalFileStore store;

	@BeforeEach
	void openStore() throws IOException {
		Files.write(this.directory.resolve(NAME.value()), OLD);
		this.durability = new RecordingDurability(this.directory);
		this.store = new LocalFileStore(this.directory, this.durability);
		this.durability.clear();
	}

	@Test
	void aTemporaryWriteForcesItsBytesBeforeTheRenameAndTheDirectoryAfter() throws IOException {
		LocalPendingWrite pending = this.store.beginWrite(NAME);
		write(pending.channel(), NEW);
		pending.commit();

		assertThat(this.durability.kinds()).containsExactly(Event.DATA, Event.DIRECTORY);
		Event data = this.durability.events().get(0);
		assertThat(data.holds(NAME.value(), OLD)).as("the name still holds the old version: %s", data).isTrue();
		assertThat(data.hiddenFileHolds(NEW)).as("the temporary file holds the new bytes: %s", data).isTrue();
		Event renamed = this.durability.events().get(1);
		assertThat(renamed.holds(NAME.value(), NEW)).as("the name holds the new version: %s", renamed).isTrue();
		assertThat(renamed.hasHiddenFiles()).as("no temporary file left: %s", renamed).isFalse();
	}

	@Test
	void aPartialWriteForcesItsBytesBeforeTheRenameAndTheDirectoryAfterItsInfoIsRemoved() throws IOException {
		PartialWrite partial = this.store.beginPartial(NAME).orElseThrow();
		write(partial.begin(0, new Source(NEW.length, Instant.parse("2026-12-01T10:00:00Z"))), NEW);
		partial.commit();

		assertThat(this.durability.kinds()).containsExactly(Event.DATA, Event.DIRECTORY);
		Event data = this.durability.events().get(0);
		assertThat(data.holds(NAME.value(), OLD)).as("the name still holds the old version: %s", data).isTrue();
		assertThat(data.holds(PartialFiles.dataName(NAME), NEW)).as("the partial file holds the new bytes: %s", data).isTrue();
		Event renamed = this.durability.events().get(1);
		assertThat(renamed.holds(NAME.value(), NEW)).as("the name holds the new version: %s", renamed).isTrue();
		assertThat(renamed.hasHiddenFiles()).as("neither the partial file nor its info left: %s", renamed).isFalse();
	}

	@Test
	void bothKindsOfWriteComeThroughIncomingFileInTheSameOrder() throws IOException {
		IncomingFile temporary = IncomingFile.temporary(this.store.beginWrite(NAME));
		write(temporary.channel(), NEW);
		temporary.commit();
		IncomingFile partial = IncomingFile.partial(this.store.beginPartial(NAME).orElseThrow(), 0,
				new Source(OLD.length, Instant.parse("2026-12-01T10:00:00Z")), new CRC32C(), null);
		write(partial.channel(), OLD);
		partial.commit();

		assertThat(this.durability.kinds()).containsExactly(Event.DATA, Event.DIRECTORY, Event.DATA, Event.DIRECTORY);
		assertThat(Files.readAllBytes(this.directory.resolve(NAME.value()))).isEqualTo(OLD);
	}

	@Test
	void aTemporaryWriteWhoseBytesCannotBeForcedIsNotPublishedAndLeavesNothing() throws IOException {
		this.durability.failData();
		LocalPendingWrite pending = this.store.beginWrite(NAME);
		write(pending.channel(), NEW);

		assertThatIOException().isThrownBy(pending::commit).withMessageContaining("cannot force the data");
		assertThat(this.directory.resolve(NAME.value())).hasBinaryContent(OLD);
		assertThat(names()).containsExactly(NAME.value());
		assertThat(this.durability.kinds()).containsExactly(Event.DATA);
	}

	@Test
	void aPartialWriteWhoseBytesCannotBeForcedIsNotPublishedAndLeavesNothing() throws IOException {
		this.durability.failData();
		PartialWrite partial = this.store.beginPartial(NAME).orElseThrow();
		write(partial.begin(0, new Source(NEW.length, Instant.parse("2026-12-01T10:00:00Z"))), NEW);

		assertThatIOException().isThrownBy(partial::commit).withMessageContaining("cannot force the data");
		assertThat(this.directory.resolve(NAME.value())).hasBinaryContent(OLD);
		assertThat(names()).containsExactly(NAME.value());
		assertThat(this.store.beginPartial(NAME).orElseThrow().length()).as("the partial is free again, and empty").isZero();
	}

	@Test
	void aCommitWhoseDirectoryCannotBeForcedFailsSoThatNoSuccessIsReported() throws IOException {
		this.durability.failDirectory();
		LocalPendingWrite pending = this.store.beginWrite(NAME);
		write(pending.channel(), NEW);
		assertThatIOException().isThrownBy(pending::commit)
			.withMessageContaining("it is in place, but its name could not be forced to the disk (injected: cannot force the directory)");

		PartialWrite partial = this.store.beginPartial(NAME).orElseThrow();
		write(partial.begin(0, new Source(NEW.length, Instant.parse("2026-12-01T10:00:00Z"))), NEW);
		assertThatIOException().isThrownBy(partial::commit).withMessageContaining("its name could not be forced to the disk");
		// Renamed already: visible, just not known to survive a power cut; and no hidden file left.
		assertThat(names()).containsExactly(NAME.value());
		assertThat(this.store.beginPartial(NAME)).as("the partial is released").isPresent();
	}

	@Test
	void aStoreThatCannotForceItsDirectoryFailsToOpenAndSaysWhatToDo() {
		RecordingDurability failing = new RecordingDurability(this.directory);
		failing.failDirectory();

		assertThatIOException().isThrownBy(() -> new LocalFileStore(this.directory, failing))
			.withMessageContaining("cannot force the directory " + this.directory)
			.withMessageContaining("turn the durable setting off");
	}

	@Test
	void theRealForcesAndNoneBothPublishTheBytes() throws IOException {
		for (Durability durability : List.of(Durability.synced(), Durability.none())) {
			LocalFileStore store = new LocalFileStore(this.directory, durability);
			LocalPendingWrite pending = store.beginWrite(NAME);
			write(pending.channel(), NEW);
			pending.commit();
			assertThat(this.directory.resolve(NAME.value())).hasBinaryContent(NEW);
			assertThat(store.durability()).isSameAs(durability);
			Files.write(this.directory.resolve(NAME.value()), OLD);
		}
		assertThat(Durability.of(true)).isSameAs(Durability.synced());
		assertThat(Durability.of(false)).isSameAs(Durability.none());
		assertThat(new LocalFileStore(this.directory).durability()).as("the default").isSameAs(Durability.synced());
	}

	private static void write(WritableByteChannel channel, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private List<String> names() throws IOException {
		try (Stream<Path> entries = Files.list(this.directory)) {
			return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
		}
	}

}
