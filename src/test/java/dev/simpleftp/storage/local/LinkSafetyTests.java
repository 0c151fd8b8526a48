package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore.HardLinkedFileException;
import dev.simpleftp.storage.PartialWrite.Source;
import dev.simpleftp.storage.PartialWrite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * No file of a store is opened through a link: whatever is planted at a partial file's names (a
 * symbolic link, a second hard link, a pipe, a directory) is replaced and never written through nor
 * read; a file with a second hard link is read only by a store that allows it; and each owner's
 * partial files have names of their own. Every test checks the file outside the root is unchanged.
 */
@Timeout(30)
class LinkSafetyTests {

	private static final FileName NAME = FileName.of("big.bin");

	private static final Source SOURCE = new Source(5_000, Instant.parse("2026-11-24T06:20:23.123Z"));

	private static final byte[] SECRET = "the outside file's bytes\n".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path temp;

	private Path root;

	private Path outside;

	private LocalFileStore store;

	@BeforeEach
	void setUp() throws IOException {
		this.root = Files.createDirectories(this.temp.resolve("root"));
		this.outside = Files.write(Files.createDirectories(this.temp.resolve("elsewhere")).resolve("secret.txt"), SECRET);
		this.store = new LocalFileStore(this.root);
	}

	@Test
	void aSymbolicLinkAtTheInfoNameIsReplacedNotWrittenThrough() throws IOException {
		Path info = Files.createSymbolicLink(this.root.resolve(PartialFiles.infoName(NAME)), this.outside);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			write(partial.begin(0, SOURCE), "new bytes");
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(Files.isSymbolicLink(info)).isFalse();
		assertThat(info).hasContent(SOURCE.size() + "\n" + SOURCE.modified() + "\n" + NAME.value());
		assertThat(this.store.beginPartial(NAME).orElseThrow().recordedSource()).contains(SOURCE);
	}

	@Test
	void anInfoReachedThroughASymbolicLinkIsNotReadAndCountsAsNone() throws IOException {
		Files.writeString(this.outside, SOURCE.size() + "\n" + SOURCE.modified() + "\n");
		Files.createSymbolicLink(this.root.resolve(PartialFiles.infoName(NAME)), this.outside);
		Files.write(this.root.resolve(PartialFiles.dataName(NAME)), new byte[100]);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
		}
	}

	@Test
	void anInfoWithASecondHardLinkIsNotReadAndCountsAsNone() throws IOException {
		Files.writeString(this.outside, SOURCE.size() + "\n" + SOURCE.modified() + "\n");
		Files.createLink(this.root.resolve(PartialFiles.infoName(NAME)), this.outside);
		Files.write(this.root.resolve(PartialFiles.dataName(NAME)), new byte[100]);
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
			write(partial.begin(0, SOURCE), "new bytes");
		}
		assertThat(this.outside).hasContent(SOURCE.size() + "\n" + SOURCE.modified());
		assertThat(links(this.outside)).isEqualTo(1);
	}

	@Test
	void aPipeAtTheInfoNameIsNeverOpened() throws Exception {
		mkfifo(this.root.resolve(PartialFiles.infoName(NAME)));
		Files.write(this.root.resolve(PartialFiles.dataName(NAME)), new byte[100]);
		// Opening a pipe for reading would wait for a writer: the @Timeout would end the test.
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.recordedSource()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "symbolic link", "hard link", "dangling link", "pipe", "empty directory" })
	void whateverIsPlantedAtTheDataNameIsReplacedByAnEmptyPartialOfItsOwn(String planted) throws Exception {
		Path data = this.root.resolve(PartialFiles.dataName(NAME));
		Files.writeString(this.root.resolve(PartialFiles.infoName(NAME)), SOURCE.size() + "\n" + SOURCE.modified() + "\n");
		switch (planted) {
			case "symbolic link" -> Files.createSymbolicLink(data, this.outside);
			case "hard link" -> Files.createLink(data, this.outside);
			case "dangling link" -> Files.createSymbolicLink(data, this.temp.resolve("elsewhere/not-yet.txt"));
			case "pipe" -> mkfifo(data);
			default -> Files.createDirectory(data);
		}
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.length()).isZero();
			assertThat(partial.recordedSource()).as("the info beside a planted data file is dropped too").isEmpty();
			write(partial.begin(0, SOURCE), "appended bytes");
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(links(this.outside)).isEqualTo(1);
		assertThat(this.temp.resolve("elsewhere/not-yet.txt")).doesNotExist();
		assertThat(Files.isRegularFile(data, LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(data).hasContent("appended bytes");
	}

	@Test
	void aHardLinkAtTheDataNameIsNeverAppendedToWhenResumed() throws IOException {
		Path data = Files.createLink(this.root.resolve(PartialFiles.dataName(NAME)), this.outside);
		Files.writeString(this.root.resolve(PartialFiles.infoName(NAME)), SECRET.length + "\n" + SOURCE.modified() + "\n");
		try (PartialWrite partial = this.store.beginPartial(NAME).orElseThrow()) {
			assertThat(partial.length()).as("the outside file's bytes are not offered for a resume").isZero();
		}
		assertThat(this.outside).hasBinaryContent(SECRET);
		assertThat(data).isEmptyFile();
	}

	@Test
	void aFileWithASecondHardLinkIsNeitherReadNorListedUnlessTheStoreAllowsIt() throws IOException {
		Files.createLink(this.root.resolve("linked.txt"), this.outside);
		Files.write(this.root.resolve("plain.txt"), new byte[3]);
		assertThatExceptionOfType(HardLinkedFileException.class).isThrownBy(() -> this.store.openForRead(FileName.of("linked.txt")))
			.withMessage("linked.txt: it has 2 hard links");
		assertThat(this.store.list()).extracting(entry -> entry.name().value()).containsExactly("plain.txt");

		LocalFileStore allowing = new LocalFileStore(this.root, LocalFileStore.HardLinks.ALLOWED);
		try (FileChannel channel = allowing.openChannel(FileName.of("linked.txt"))) {
			assertThat(channel.size()).isEqualTo(SECRET.length);
		}
		assertThat(allowing.list()).extracting(entry -> entry.name().value()).containsExactly("linked.txt", "plain.txt");
	}

	@Test
	void writingANewVersionOfAHardLinkedFileLeavesItsOtherNameAlone() throws IOException {
		Files.createLink(this.root.resolve("linked.txt"), this.outside);
		try (LocalPendingWrite pending = this.store.beginWrite(FileName.of("linked.txt"))) {
			write(pending.channel(), "replaced");
			pending.commit();
		}
		assertThat(this.root.resolve("linked.txt")).hasContent("replaced");
		assertThat(this.outside).hasBinaryContent(SECRET);
	}

	@Test
	void eachOwnerHasPartialFilesOfItsOwnAndNoOwnerKeepsTheNamesOfBefore() throws Exception {
		assertThat(PartialFiles.dataName(NAME, null)).isEqualTo(".simpleftp-partial-" + key("big.bin") + ".part");
		assertThat(PartialFiles.dataName(NAME, "alice")).isEqualTo(".simpleftp-partial-" + key("alice\0big.bin") + ".part");
		assertThat(PartialFiles.infoName(NAME, "alice")).isEqualTo(".simpleftp-partial-" + key("alice\0big.bin") + ".info");
		assertThat(PartialFiles.dataName(NAME, "bob")).isNotEqualTo(PartialFiles.dataName(NAME, "alice"));

		try (PartialWrite alices = this.store.beginPartial(NAME, "alice").orElseThrow()) {
			write(alices.begin(0, SOURCE), "alice's bytes");
			try (PartialWrite bobs = this.store.beginPartial(NAME, "bob").orElseThrow()) {
				assertThat(bobs.length()).as("not alice's, which is held meanwhile").isZero();
				assertThat(bobs.recordedSource()).isEmpty();
			}
		}
		assertThat(this.store.hasPartial(NAME, "alice")).isTrue();
		assertThat(this.store.hasPartial(NAME, "bob")).isFalse();
		assertThat(this.store.hasPartial(NAME)).isFalse();
		assertThat(this.store.discardPartial(NAME, "bob")).isTrue(); // bob's empty one
		assertThat(this.store.hasPartial(NAME, "alice")).isTrue();
	}

	private static void write(WritableByteChannel channel, String text) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
	}

	private static int links(Path path) throws IOException {
		return (Integer) Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
	}

	private static String key(String text) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	private static void mkfifo(Path path) throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).start();
		assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
	}

}
