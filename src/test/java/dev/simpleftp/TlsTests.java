package dev.simpleftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import dev.simpleftp.client.ConnectionLostException;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import dev.simpleftp.transport.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS end to end: a round trip byte for byte; a client that does not trust the server's
 * certificate, or finds it names another host, is refused with a clear error and sends no file; a
 * plain-text client against a TLS server and a TLS client against a plain-text server both fail
 * at once with what to do, and neither sends a file in plain text.
 */
@Timeout(60)
class TlsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	Path temp;

	private Path root() throws IOException {
		return Files.createDirectories(this.temp.resolve("root"));
	}

	private Path local() throws IOException {
		return Files.createDirectories(this.temp.resolve("local"));
	}

	private RunningServer startTls(String certificate) throws IOException {
		return RunningServer.start(RunningServer.settings(root()), TestTls.server(certificate));
	}

	@Test
	void filesGoBothWaysOverTlsByteForByte() throws IOException {
		byte[] small = random(1000, 1);
		byte[] large = random(3 * 1024 * 1024 + 7, 2);
		Path local = local();
		Files.write(local.resolve("up-small.bin"), small);
		Files.write(local.resolve("up-large.bin"), large);
		try (RunningServer server = startTls("server")) {
			Files.write(server.directory().resolve("down.bin"), large);
			try (FtpClient client = FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, TestTls.trusting("ca"))) {
				assertThat(client.isEncrypted()).isTrue();
				LocalFileStore store = new LocalFileStore(local);
				client.putAll(List.of(FileName.of("up-small.bin"), FileName.of("up-large.bin")), store, TransferListener.NONE);
				client.get(FileName.of("down.bin"), store);
				assertThat(client.list().files()).hasSize(3);
			}
			assertThat(server.directory().resolve("up-small.bin")).hasBinaryContent(small);
			assertThat(server.directory().resolve("up-large.bin")).hasBinaryContent(large);
			assertThat(local.resolve("down.bin")).hasBinaryContent(large);
		}
	}

	@Test
	void aClientThatDoesNotTrustTheCertificateIsRefusedAndSendsNothing() throws IOException {
		try (RunningServer server = startTls("server")) {
			assertThatExceptionOfType(ConnectionLostException.class)
				.isThrownBy(() -> FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, TestTls.trusting("other-ca")))
				.withMessageStartingWith("TLS with 127.0.0.1:" + server.port() + " failed: ")
				.withMessageContaining("does the SSL bundle of ftp.client.ssl.bundle trust the server's certificate");
			assertThat(server.directory().toFile().list()).isEmpty();
			awaitNoConnections(server);
		}
	}

	@Test
	void aCertificateForAnotherHostIsRefused() throws IOException {
		try (RunningServer server = startTls("wrong-host")) {
			assertThatExceptionOfType(ConnectionLostException.class)
				.isThrownBy(() -> FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, TestTls.trusting("ca")))
				.withMessageStartingWith("TLS with 127.0.0.1:" + server.port() + " failed: ")
				.withMessageContaining("is the certificate for 127.0.0.1?");
		}
	}

	@Test
	void aPlainTextClientIsToldAtOnceThatTheServerRequiresTls() throws IOException {
		try (RunningServer server = startTls("server")) {
			long started = System.nanoTime();
			assertThatExceptionOfType(ConnectionLostException.class)
				.isThrownBy(() -> FtpClient.connect("127.0.0.1", server.port(), TIMEOUT))
				.withMessage("the server at 127.0.0.1:" + server.port() + " requires TLS: set ftp.client.ssl.bundle to"
						+ " an SSL bundle that trusts its certificate (README, \"TLS and accounts\")");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void anOlderClientGetsAClearAnswerAndItsUploadIsNeverRead() throws IOException {
		try (RunningServer server = startTls("server"); RawConnection old = new RawConnection(server.port())) {
			assertThat(old.readLine()).isEqualTo("220 protocol=simple-ftp version=4 tls=required Simple FTP server ready");
			assertThat(old.request("NOOP")).isEqualTo("200 ok");
			assertThat(old.request("LIST")).isEqualTo("530 this server requires TLS: send STARTTLS first"
					+ " (a client of protocol version 3 or older cannot: upgrade it)");
			old.send("PUT secret.txt 5 body=follows").sendBytes("LIST\n".getBytes());
			assertThat(old.readLine()).startsWith("530 this server requires TLS");
			assertThat(old.request("NOOP")).isEqualTo("200 ok"); // the body was dropped, never read as a request
			assertThat(server.directory().toFile().list()).isEmpty();
		}
	}

	@Test
	void aTlsClientRefusesAServerThatDoesNotOfferTls() throws IOException {
		Path local = local();
		Files.write(local.resolve("secret.txt"), random(10, 3));
		try (RunningServer server = RunningServer.start(root())) {
			long started = System.nanoTime();
			assertThatExceptionOfType(ConnectionLostException.class)
				.isThrownBy(() -> FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, TestTls.trusting("ca")))
				.withMessage("the server at 127.0.0.1:" + server.port() + " does not offer TLS; not connecting without it"
						+ " (ftp.client.ssl.bundle is set)");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(server.directory().toFile().list()).isEmpty();
		}
	}

	@Test
	void startTlsTwiceOrWithBytesAfterItIsRefused() throws IOException {
		try (RunningServer server = RunningServer.start(root());
				RawConnection plain = RawConnection.open(server.port())) {
			assertThat(plain.request("STARTTLS")).isEqualTo("500 this server does not offer TLS");
			assertThat(plain.request("NOOP")).isEqualTo("200 ok");
		}
		try (RunningServer server = startTls("server"); RawConnection eager = RawConnection.open(server.port())) {
			eager.send("STARTTLS\nNOOP");
			assertThat(eager.readLine()).isEqualTo("501 bytes came after STARTTLS before its reply; closing the connection");
			assertThat(eager.readLine()).isNull();
		}
	}

	@Test
	void theIdleTimeoutIsSaidThroughTls() throws Exception {
		// The client's NOOP at connect has been answered; then it sits idle past the server's timeout.
		Tls tls = TestTls.server("server");
		try (RunningServer server = RunningServer.start(TestSettings.of(root()).idleTimeout(Duration.ofSeconds(1)).build(), tls);
				FtpClient client = FtpClient.connect("127.0.0.1", server.port(), TIMEOUT, TestTls.trusting("ca"))) {
			awaitNoConnections(server);
			assertThat(client.droppedByServer()).contains("idle for 1 s; closing the connection");
		}
	}

	private static void awaitNoConnections(RunningServer server) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (server.runner().connectionCount() > 0) {
			assertThat(System.nanoTime()).as("connections still open after 10 s").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static byte[] random(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
