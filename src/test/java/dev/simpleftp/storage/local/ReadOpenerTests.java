package dev.simpleftp.storage.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.storage.FileStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** Opening for reading never waits for ever, and what it opens is a regular file. */
@Timeout(30)
@EnabledOnOs(OS.LINUX)
class ReadOpenerTests {

	@TempDir
	Path temp;

	@Test
	void aRegularFileOpensWithItsBytes() throws IOException {
		Path file = Files.write(this.temp.resolve("file"), new byte[] { 1, 2, 3 });
		try (FileChannel channel = new ReadOpener(1, Duration.ofSeconds(5)).open(file, "file")) {
			ByteBuffer bytes = ByteBuffer.allocate(4);
			assertThat(channel.read(bytes, 0)).isEqualTo(3);
		}
	}

	@Test
	void aFifoWithoutAWriterGivesUpAfterTheTimeoutAndOnceEveryThreadIsStuckOpensFailAtOnce() throws Exception {
		Path fifo = mkfifo(this.temp.resolve("fifo"));
		ReadOpener opener = new ReadOpener(1, Duration.ofMillis(300));
		try {
			assertThatIOException().isThrownBy(() -> opener.open(fifo, "fifo"))
				.withMessage("not opened within 300 ms (a FIFO in the file's place, or a hung disk?)");
			Path file = Files.write(this.temp.resolve("file"), new byte[] { 1 });
			assertThatIOException().isThrownBy(() -> opener.open(file, "file"))
				.withMessage("cannot open files now: 1 opens are stuck (FIFOs, or a hung disk?)");
		}
		finally {
			new RandomAccessFile(fifo.toFile(), "rw").close(); // a writer: the stuck open returns
		}
	}

	@Test
	void aFifoThatOpensIsRefusedAsASpecialFile() throws Exception {
		Path fifo = mkfifo(this.temp.resolve("fifo"));
		try (RandomAccessFile writer = new RandomAccessFile(fifo.toFile(), "rw")) {
			assertThatExceptionOfType(FileStore.NotRegularFileException.class)
				.isThrownBy(() -> new ReadOpener(1, Duration.ofSeconds(5)).open(fifo, "fifo"))
				.withMessage("fifo: it is a special file");
		}
	}

	private static Path mkfifo(Path path) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		assertThat(process.waitFor()).isZero();
		return path;
	}

}
