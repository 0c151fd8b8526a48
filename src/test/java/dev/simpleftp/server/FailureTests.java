package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.simpleftp.RawConnection;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static dev.simpleftp.server.RawTransfers.content;
import static dev.simpleftp.server.RawTransfers.get;
import static dev.simpleftp.server.RawTransfers.put;
import static dev.simpleftp.server.RawTransfers.sizeIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfers that fail part-way or overlap: a client that vanishes mid-PUT or mid-GET, and readers
 * and writers of one name at once. Nothing half-written is ever visible, no temporary file is left
 * behind, and the server goes on serving.
 */
@Timeout(30)
class FailureTests {

	private static final int MIB = 1024 * 1024;

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("root"));

	private Path root;

	private final ExecutorService clients = Executors.newCachedThreadPool();

	@BeforeEach
	void rememberRoot() {
		this.root = this.server.directory();
	}

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@ParameterizedTest(name = "client {0}")
	@ValueSource(strings = { "closes", "resets" })
	void putCutOffLeavesTheEarlierVersionIntactAndNoTemporaryFile(String how) throws IOException {
		byte[] earlier = content(50_000, 1);
		Files.write(this.root.resolve("big.bin"), earlier);
		DirectorySnapshot before = DirectorySnapshot.of(this.temp);
		RawConnection connection = RawConnection.open(this.server.port());
		assertThat(connection.request("PUT big.bin " + MIB)).startsWith("150 ");
		connection.sendBytes(content(100 * 1024, 2));
		hangUp(connection, how);
		awaitConnectionCount(this.server.runner(), 0);
		assertThat(this.root.resolve("big.bin")).hasBinaryContent(earlier);
		assertThat(DirectorySnapshot.of(this.temp)).isEqualTo(before);
		try (RawConnection next = RawConnection.open(this.server.port())) {
			assertThat(get(next, "big.bin")).isEqualTo(earlier);
		}
	}

	@ParameterizedTest(name = "client {0}")
	@ValueSource(strings = { "closes", "resets" })
	void putOfNewFileCutOffLeavesNoFileAndNoTemporaryFile(String how) throws IOException {
		RawConnection connection = RawConnection.open(this.server.port());
		assertThat(connection.request("PUT fresh.bin " + MIB)).startsWith("150 ");
		connection.sendBytes(content(100 * 1024, 3));
		hangUp(connection, how);
		awaitConnectionCount(this.server.runner(), 0);
		assertThat(this.root.toFile().list()).isEmpty();
		try (RawConnection next = RawConnection.open(this.server.port())) {
			assertThat(next.request("GET fresh.bin")).isEqualTo("550 no such file: fresh.bin");
			assertThat(put(next, "fresh.bin", content(10, 4))).startsWith("226 size=10 ");
		}
		assertThat(this.root.resolve("fresh.bin")).hasBinaryContent(content(10, 4));
		assertThat(this.root.toFile().list()).containsExactly("fresh.bin");
	}

	@Test
	void putCutOffInsideItsRequestLineStoresNothing() throws IOException {
		RawConnection connection = RawConnection.open(this.server.port());
		connection.sendBytes("PUT half.bin 10".getBytes(StandardCharsets.US_ASCII));
		connection.close();
		awaitConnectionCount(this.server.runner(), 0);
		assertThat(this.root.toFile().list()).isEmpty();
	}

	@ParameterizedTest(name = "client {0}")
	@ValueSource(strings = { "closes", "resets" })
	void getCutOffByTheClientEndsOnlyThatSession(String how) throws IOException {
		byte[] file = content(16 * MIB, 5);
		Files.write(this.root.resolve("large.bin"), file);
		try (RawConnection bystander = RawConnection.open(this.server.port())) {
			RawConnection connection = RawConnection.open(this.server.port());
			assertThat(connection.request("GET large.bin")).startsWith("150 size=" + file.length + " ");
			assertThat(connection.readBytes(MIB)).isEqualTo(Arrays.copyOf(file, MIB));
			hangUp(connection, how);
			awaitConnectionCount(this.server.runner(), 1);
			assertThat(bystander.request("NOOP")).isEqualTo("200 ok");
			assertThat(get(bystander, "large.bin")).isEqualTo(file);
		}
		assertThat(this.root.resolve("large.bin")).hasBinaryContent(file);
		assertThat(this.root.toFile().list()).containsExactly("large.bin");
	}

	@Test
	void getUnderwayWhenAnotherClientReplacesTheFileReceivesTheOldContentWhole() throws IOException {
		byte[] old = content(8 * MIB, 6);
		byte[] replacement = content(3 * MIB, 7);
		Files.write(this.root.resolve("shared.bin"), old);
		try (RawConnection reader = RawConnection.open(this.server.port());
				RawConnection writer = RawConnection.open(this.server.port())) {
			String sending = reader.request("GET shared.bin");
			assertThat(sizeIn(sending)).isEqualTo(old.length);
			byte[] head = reader.readBytes(MIB);
			assertThat(put(writer, "shared.bin", replacement)).startsWith("226 size=" + replacement.length + " ");
			byte[] tail = reader.readBytes(old.length - MIB);
			assertThat(reader.readLine()).startsWith("226 size=" + old.length + " ");
			assertThat(concat(head, tail)).isEqualTo(old);
			assertThat(get(reader, "shared.bin")).isEqualTo(replacement);
		}
		assertThat(this.root.resolve("shared.bin")).hasBinaryContent(replacement);
		assertThat(this.root.toFile().list()).containsExactly("shared.bin");
	}

	@Test
	void getRacingAPutOfTheSameNameReceivesOneVersionWhole() throws Exception {
		byte[] first = content(2 * MIB, 8);
		byte[] second = content(3 * MIB + 17, 9);
		Files.write(this.root.resolve("race.bin"), first);
		try (RawConnection reader = RawConnection.open(this.server.port());
				RawConnection writer = RawConnection.open(this.server.port())) {
			for (int round = 0; round < 8; round++) {
				byte[] next = (round % 2 == 0) ? second : first;
				CountDownLatch go = new CountDownLatch(1);
				Future<String> stored = this.clients.submit(() -> {
					go.await();
					return put(writer, "race.bin", next);
				});
				Future<byte[]> read = this.clients.submit(() -> {
					go.await();
					return get(reader, "race.bin");
				});
				go.countDown();
				assertThat(stored.get(10, TimeUnit.SECONDS)).startsWith("226 ");
				assertThat(read.get(10, TimeUnit.SECONDS)).as("round %d", round).satisfiesAnyOf(
						body -> assertThat(body).isEqualTo(first), body -> assertThat(body).isEqualTo(second));
				assertThat(this.root.resolve("race.bin")).hasBinaryContent(next);
			}
		}
		assertThat(this.root.toFile().list()).containsExactly("race.bin");
	}

	@Test
	void twoConcurrentPutsToOneNameLeaveExactlyOneOfThem() throws Exception {
		byte[] one = content(4 * MIB, 10);
		byte[] other = content(4 * MIB + 1, 11);
		try (RawConnection a = RawConnection.open(this.server.port());
				RawConnection b = RawConnection.open(this.server.port())) {
			assertThat(a.request("PUT same.bin " + one.length)).startsWith("150 ");
			assertThat(b.request("PUT same.bin " + other.length)).startsWith("150 ");
			int half = 2 * MIB;
			a.sendBytes(Arrays.copyOf(one, half));
			b.sendBytes(Arrays.copyOf(other, half));
			Future<String> aDone = this.clients.submit(() -> {
				a.sendBytes(Arrays.copyOfRange(one, half, one.length));
				return a.readLine();
			});
			Future<String> bDone = this.clients.submit(() -> {
				b.sendBytes(Arrays.copyOfRange(other, half, other.length));
				return b.readLine();
			});
			assertThat(aDone.get(10, TimeUnit.SECONDS)).startsWith("226 size=" + one.length + " ");
			assertThat(bDone.get(10, TimeUnit.SECONDS)).startsWith("226 size=" + other.length + " ");
		}
		byte[] stored = Files.readAllBytes(this.root.resolve("same.bin"));
		assertThat(stored).satisfiesAnyOf(bytes -> assertThat(bytes).isEqualTo(one),
				bytes -> assertThat(bytes).isEqualTo(other));
		assertThat(this.root.toFile().list()).containsExactly("same.bin");
	}

	private static void hangUp(RawConnection connection, String how) throws IOException {
		if (how.equals("resets")) {
			connection.reset();
		}
		else {
			connection.close();
		}
	}

	private static byte[] concat(byte[] head, byte[] tail) {
		byte[] all = Arrays.copyOf(head, head.length + tail.length);
		System.arraycopy(tail, 0, all, head.length, tail.length);
		return all;
	}

}
