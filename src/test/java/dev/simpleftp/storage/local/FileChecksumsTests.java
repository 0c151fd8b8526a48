package dev.simpleftp.storage.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** A file's CRC32C, read through a buffer (up to 64 MiB) or mapped (beyond), equals that of its bytes. */
class FileChecksumsTests {

	@TempDir
	Path temp;

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 256 * 1024, 256 * 1024 + 1, 3 * 1024 * 1024 + 7, 64 * 1024 * 1024, 64 * 1024 * 1024 + 1 })
	void theCrc32cOfTheFirstBytesIsThatOfTheBytes(int length) throws IOException {
		byte[] bytes = new byte[length + 100];
		new Random(length).nextBytes(bytes);
		Path file = Files.write(this.temp.resolve("f"), bytes);
		CRC32C expected = new CRC32C();
		expected.update(bytes, 0, length);
		CRC32C actual = new CRC32C();
		AtomicInteger progress = new AtomicInteger();
		try (FileChannel channel = FileChannel.open(file)) {
			FileChecksums.add(actual, channel, length, progress::incrementAndGet);
		}
		assertThat(actual.getValue()).isEqualTo(expected.getValue());
		assertThat(progress.get()).isPositive();
	}

	@ParameterizedTest(name = "{0} bytes asked")
	@ValueSource(ints = { 11, 64 * 1024 * 1024 + 1 })
	void aFileShorterThanAskedIsAnError(int length) throws IOException {
		Path file = Files.write(this.temp.resolve("f"), new byte[10]);
		try (FileChannel channel = FileChannel.open(file)) {
			assertThatIOException().isThrownBy(() -> FileChecksums.add(new CRC32C(), channel, length))
				.withMessageContaining("file shrank");
		}
	}

}
