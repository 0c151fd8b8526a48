package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.simpleftp.ServerExtension;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TransferListener#moved} reports each file's bytes as they move, for a progress display. */
@Timeout(30)
class TransferProgressTests {

	private static final int SIZE = 5 * 1024 * 1024 + 7;

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	private LocalFileStore local;

	@BeforeEach
	void seed() throws IOException {
		Path serverDir = this.server.directory();
		this.local = new LocalFileStore(this.temp.resolve("client"));
		byte[] bytes = new byte[SIZE];
		new Random(7).nextBytes(bytes);
		Files.write(serverDir.resolve("big.bin"), bytes);
		Files.write(serverDir.resolve("small.bin"), new byte[10]);
		Files.write(this.local.root().resolve("up.bin"), bytes);
	}

	@Test
	void aDownloadReportsRisingCountsUpToItsSize() throws IOException {
		Recorder recorder = new Recorder();
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), Duration.ofSeconds(10))) {
			client.getAll(List.of(FileName.of("small.bin"), FileName.of("big.bin")), this.local, recorder);
		}
		assertThat(recorder.last("small.bin")).isEqualTo(10);
		assertThat(recorder.last("big.bin")).isEqualTo(SIZE);
		assertThat(recorder.rising("big.bin")).isTrue();
		assertThat(recorder.sizes).containsOnly((long) SIZE, 10L);
	}

	@Test
	void anUploadReportsRisingCountsUpToItsSize() throws IOException {
		Recorder recorder = new Recorder();
		try (FtpClient client = FtpClient.connect("127.0.0.1", this.server.port(), Duration.ofSeconds(10))) {
			client.putAll(List.of(FileName.of("up.bin")), this.local, recorder);
		}
		assertThat(recorder.last("up.bin")).isEqualTo(SIZE);
		assertThat(recorder.rising("up.bin")).isTrue();
	}

	private static final class Recorder implements TransferListener {

		private final List<String> names = new ArrayList<>();

		private final List<Long> done = new ArrayList<>();

		private final List<Long> sizes = new ArrayList<>();

		@Override
		public void moved(FileName name, long bytesDone, long size) {
			this.names.add(name.value());
			this.done.add(bytesDone);
			this.sizes.add(size);
		}

		long last(String name) {
			return this.done.get(this.names.lastIndexOf(name));
		}

		boolean rising(String name) {
			long previous = 0;
			int calls = 0;
			for (int i = 0; i < this.names.size(); i++) {
				if (this.names.get(i).equals(name)) {
					if (this.done.get(i) <= previous) {
						return false;
					}
					previous = this.done.get(i);
					calls++;
				}
			}
			return calls > 1;
		}

	}

}
