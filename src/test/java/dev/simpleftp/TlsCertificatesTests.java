package dev.simpleftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test certificates in {@code src/test/resources/tls} load as Spring Boot PEM SSL bundles, the
 * way the server and client configure them, and a real TLS handshake over them succeeds or fails as
 * that folder's README says: trusted and for this host, from a CA the client does not trust, or for
 * another host name.
 */
@Timeout(30)
class TlsCertificatesTests {

	private static final int TIMEOUT_MILLIS = 5000;

	private static final byte[] REQUEST = "ping\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] REPLY = "pong\r\n".getBytes(StandardCharsets.US_ASCII);

	private static SslBundles bundles;

	@BeforeAll
	static void loadBundles() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(serverBundle("server"), serverKey("server"), serverBundle("other-server"),
					serverKey("other-server"), serverBundle("wrong-host"), serverKey("wrong-host"),
					"spring.ssl.bundle.pem.client.truststore.certificate=classpath:tls/ca.pem",
					"spring.ssl.bundle.pem.other-ca-client.truststore.certificate=classpath:tls/other-ca.pem")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				bundles = context.getBean(SslBundles.class);
			});
	}

	private static String serverBundle(String name) {
		return "spring.ssl.bundle.pem." + name + ".keystore.certificate=classpath:tls/" + name + ".pem";
	}

	private static String serverKey(String name) {
		return "spring.ssl.bundle.pem." + name + ".keystore.private-key=classpath:tls/" + name + ".key";
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "localhost" })
	void clientTrustingTheTestCaConnectsToTheServerAndExchangesBytes(String hostName) throws Exception {
		assertThat(exchange("server", "client", hostName, true)).isEqualTo(REQUEST);
	}

	@Test
	void clientTrustingAnotherCaRefusesTheServer() {
		assertThatThrownBy(() -> exchange("server", "other-ca-client", "127.0.0.1", true))
			.isInstanceOf(SSLHandshakeException.class)
			.hasRootCauseInstanceOf(CertPathBuilderException.class);
	}

	@Test
	void serverWithCertificateFromAnotherCaIsRefused() {
		assertThatThrownBy(() -> exchange("other-server", "client", "127.0.0.1", true))
			.isInstanceOf(SSLHandshakeException.class)
			.hasRootCauseInstanceOf(CertPathBuilderException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "localhost" })
	void serverWithCertificateForAnotherHostFailsHostNameVerification(String hostName) {
		assertThatThrownBy(() -> exchange("wrong-host", "client", hostName, true))
			.isInstanceOf(SSLHandshakeException.class)
			.hasRootCauseExactlyInstanceOf(CertificateException.class)
			.rootCause()
			.hasMessageContaining("No subject alternative")
			.hasMessageContaining(hostName);
	}

	@Test
	void certificateForAnotherHostIsOtherwiseValid() throws Exception {
		// Without host name verification the same certificate passes: the refusal above is the name only.
		assertThat(exchange("wrong-host", "client", "127.0.0.1", false)).isEqualTo(REQUEST);
	}

	/**
	 * Serves one connection on 127.0.0.1 with the server bundle, connects to it with the client
	 * bundle (telling TLS the server is {@code hostName}), sends {@link #REQUEST}, checks the
	 * {@link #REPLY}, and returns what the server received.
	 */
	private static byte[] exchange(String serverBundle, String clientBundle, String hostName, boolean verifyHostName)
			throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (SSLServerSocket listener = (SSLServerSocket) bundles.getBundle(serverBundle)
			.createSslContext()
			.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			listener.setSoTimeout(TIMEOUT_MILLIS);
			Future<byte[]> received = executor.submit(() -> answerOne(listener));
			try (Socket plain = new Socket()) {
				plain.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()),
						TIMEOUT_MILLIS);
				plain.setSoTimeout(TIMEOUT_MILLIS);
				try (SSLSocket socket = (SSLSocket) bundles.getBundle(clientBundle)
					.createSslContext()
					.getSocketFactory()
					.createSocket(plain, hostName, listener.getLocalPort(), true)) {
					if (verifyHostName) {
						SSLParameters parameters = socket.getSSLParameters();
						parameters.setEndpointIdentificationAlgorithm("HTTPS");
						socket.setSSLParameters(parameters);
					}
					socket.startHandshake();
					OutputStream out = socket.getOutputStream();
					out.write(REQUEST);
					out.flush();
					assertThat(socket.getInputStream().readNBytes(REPLY.length)).isEqualTo(REPLY);
				}
			}
			return received.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static byte[] answerOne(SSLServerSocket listener) throws IOException {
		try (Socket connection = listener.accept()) {
			connection.setSoTimeout(TIMEOUT_MILLIS);
			InputStream in = connection.getInputStream();
			byte[] request = in.readNBytes(REQUEST.length);
			connection.getOutputStream().write(REPLY);
			connection.getOutputStream().flush();
			return request;
		}
	}

}
