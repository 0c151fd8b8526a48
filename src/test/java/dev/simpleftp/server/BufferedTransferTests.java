package dev.simpleftp.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static dev.simpleftp.server.RawTransfers.modified;
import static dev.simpleftp.server.RawTransfers.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies through the server's lent transfer buffers, through sendfile ({@code ftp.server.zero-copy}),
 * and through the fallbacks taken when all 16 buffers are lent: every byte arrives, in order.
 */
@Timeout(60)
class BufferedTransferTests {

	private static final int MIB = 1024 * 1024;

	/** More than {@code ServerRunner}'s 16 transfer buffers. */
	private static final int MORE_THAN_THE_BUFFERS = 24;

	@TempDir
	Path temp;

	private RunningServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@ParameterizedTest(name = "zero-copy {0}")
	@ValueSource(booleans = { false, true })
	void getSendsEveryByteOfFilesAroundTheBufferSizes(boolean zeroCopy) throws IOException {
		Path root = start(zeroCopy);
		int[] sizes = { 0, 1, 16 * 1024 - 1, 16 * 1024 + 1, MIB - 30, MIB - 1, MIB, MIB + 1, 3 * MIB + 5 };
		for (int size : sizes) {
			Files.write(root.resolve("f" + size), content(size, size));
		}
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			for (int size : sizes) {
				assertThat(get(connection, "f" + size)).as("f%d", size).isEqualTo(content(size, size));
			}
		}
	}

	@ParameterizedTest(name = "zero-copy {0}")
	@ValueSource(booleans = { false, true })
	void twentyPipelinedGetsInOneWriteWithOneMissingAreAnsweredInOrder(boolean zeroCopy) throws IOException {
		Path root = start(zeroCopy);
		StringBuilder requests = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			if (i != 13) {
				Files.write(root.resolve("file" + i), content(i * 997, i));
			}
			requests.append("GET file").append(i).append('\n');
		}
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			connection.sendBytes(requests.append("NOOP\n").toString().getBytes(StandardCharsets.US_ASCII));

			for (int i = 0; i < 20; i++) {
				if (i == 13) {
					assertThat(connection.readLine()).isEqualTo("550 no such file: file13");
					continue;
				}
				assertThat(connection.readLine()).isEqualTo("150 size=" + (i * 997) + " modified="
						+ modified(root.resolve("file" + i)) + " sending file" + i);
				assertThat(connection.readBytes(i * 997)).as("file%d", i).isEqualTo(content(i * 997, i));
				assertThat(connection.readLine())
					.isEqualTo("226 size=" + (i * 997) + " crc32c=" + crc32c(content(i * 997, i)) + " sent file" + i);
			}
			assertThat(connection.readLine()).isEqualTo("200 ok");
		}
	}

	@Test
	void transfersWhileEveryBufferIsLentFallBackAndStayByteExact() throws IOException {
		Path root = start(false);
		byte[] shared = content(3 * MIB + 7, 99);
		Files.write(root.resolve("shared.bin"), shared);
		List<RawConnection> holders = new ArrayList<>();
		try {
			// A v1 PUT holds its buffer from the 150 until its body has arrived.
			for (int i = 0; i < MORE_THAN_THE_BUFFERS; i++) {
				RawConnection holder = RawConnection.open(this.server.port());
				holders.add(holder);
				assertThat(holder.request("PUT held" + i + " " + (MIB + i))).startsWith("150 ");
			}
			try (RawConnection reader = RawConnection.open(this.server.port())) {
				assertThat(get(reader, "shared.bin")).isEqualTo(shared);
				reader.sendBytes("GET shared.bin\nGET shared.bin\n".getBytes(StandardCharsets.US_ASCII));
				for (int i = 0; i < 2; i++) {
					assertThat(reader.readLine()).startsWith("150 size=" + shared.length + " ");
					assertThat(reader.readBytes(shared.length)).isEqualTo(shared);
					assertThat(reader.readLine()).startsWith("226 ");
				}
			}
			for (int i = 0; i < MORE_THAN_THE_BUFFERS; i++) {
				holders.get(i).sendBytes(content(MIB + i, i));
			}
			for (int i = 0; i < MORE_THAN_THE_BUFFERS; i++) {
				assertThat(holders.get(i).readLine())
					.isEqualTo("226 size=" + (MIB + i) + " crc32c=" + crc32c(content(MIB + i, i)) + " stored held" + i);
			}
		}
		finally {
			for (RawConnection holder : holders) {
				holder.close();
			}
		}
		for (int i = 0; i < MORE_THAN_THE_BUFFERS; i++) {
			assertThat(root.resolve("held" + i)).hasBinaryContent(content(MIB + i, i));
		}
	}

	@Test
	void manyConnectionsPuttingAndGettingAtOnceAllStayByteExact() throws Exception {
		Path root = start(false);
		int size = 3 * MIB;
		byte[] shared = content(size + 1, 1000);
		Files.write(root.resolve("shared.bin"), shared);
		CountDownLatch ready = new CountDownLatch(MORE_THAN_THE_BUFFERS);
		ExecutorService executor = Executors.newFixedThreadPool(MORE_THAN_THE_BUFFERS);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int i = 0; i < MORE_THAN_THE_BUFFERS; i++) {
				int client = i;
				clients.add(executor.submit(() -> {
					byte[] mine = content(size - client, client);
					try (RawConnection connection = RawConnection.open(this.server.port())) {
						ready.countDown();
						ready.await(10, TimeUnit.SECONDS);
						if (client % 2 == 0) {
							assertThat(put(connection, "c" + client, mine)).startsWith("226 size=" + mine.length);
						}
						else {
							connection.send("PUT c" + client + " " + mine.length + " body=follows").sendBytes(mine);
							assertThat(connection.readLine()).startsWith("226 size=" + mine.length);
						}
						assertThat(get(connection, "shared.bin")).isEqualTo(shared);
						assertThat(get(connection, "c" + client)).isEqualTo(mine);
					}
					return null;
				}));
			}
			for (Future<?> client : clients) {
				client.get(50, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		for (int i = 0; i < MORE_THAN_THE_BUFFERS; i++) {
			assertThat(root.resolve("c" + i)).hasBinaryContent(content(size - i, i));
		}
		assertThat(root.toFile().list()).hasSize(MORE_THAN_THE_BUFFERS + 1);
	}

	@ParameterizedTest(name = "zero-copy {0}")
	@ValueSource(booleans = { false, true })
	void getOfAFileThatShrinksWhileItIsSentEndsTheConnectionRatherThanSendAShortBody(boolean zeroCopy)
			throws IOException {
		Path root = start(zeroCopy);
		int size = 48 * MIB;
		Path file = Files.write(root.resolve("shrinking.bin"), content(size, 7));
		try (RawConnection connection = RawConnection.open(this.server.port())) {
			assertThat(connection.request("GET shrinking.bin"))
				.isEqualTo("150 size=" + size + " modified=" + modified(file) + " sending shrinking.bin");
			assertThat(connection.readBytes(MIB)).hasSize(MIB);
			try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
				truncate.truncate(2 * MIB);
			}

			byte[] rest = connection.readBytes(size);
			assertThat(MIB + rest.length).isLessThan(size);
			assertThat(new String(rest, StandardCharsets.ISO_8859_1)).doesNotContain("226 size=");
		}
		RawTransfers.awaitConnectionCount(this.server.runner(), 0);
	}

	private Path start(boolean zeroCopy) throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("root"));
		this.server = zeroCopy ? RunningServer.startZeroCopy(root) : RunningServer.start(root);
		return root;
	}

	/** The CRC32C of {@code bytes} as a 226 carries it: eight lower-case hexadecimal digits. */
	private static String crc32c(byte[] bytes) {
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		return String.format("%08x", crc.getValue());
	}

}
