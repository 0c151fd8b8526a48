import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;


/**
 * The test certificates of src/test/resources/tls (see its README): the arguments that give a server
 * its certificate and key as a Spring Boot PEM SSL bundle, and the client's side, trusting their CA.
 * The client's side is built with the JDK alone, since the bench runs on target/classes without
 * Spring Boot on its class path; like the client's SSL bundle, it trusts the CA and nothing else,
 * and the client checks that the server's certificate names 127.0.0.1.
 */
final class TestCertificates {

	private static final String BUNDLE = "bench";

	private final Path dir;

	TestCertificates(Path project) {
		this.dir = project.resolve("src/test/resources/tls");
	}

	List<String> serverArguments() {
		String bundle = "--spring.ssl.bundle.pem." + BUNDLE + ".keystore.";
		return List.of("--ftp.server.ssl.bundle=" + BUNDLE, bundle + "certificate=" + existing("server.pem"),
				bundle + "private-key=" + existing("server.key"));
	}

	/** For a client process: a bundle that trusts the test CA, as README's TLS section configures one. */
	List<String> clientArguments() {
		return List.of("--ftp.client.ssl.bundle=" + BUNDLE + "-ca",
				"--spring.ssl.bundle.pem." + BUNDLE + "-ca.truststore.certificate=" + existing("ca.pem"));
	}

	/** For a client in this JVM: TLS that trusts the test CA and nothing else. */
	SSLContext clientContext() throws IOException {
		Path ca = existing("ca.pem");
		try (InputStream pem = Files.newInputStream(ca)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int number = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
				trusted.setCertificateEntry("ca-" + ++number, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new BenchFailure("cannot trust " + ca + ": " + ex.getMessage());
		}
	}

	private Path existing(String name) {
		Path file = this.dir.resolve(name);
		Bench.require(Files.isRegularFile(file), "missing " + file + ": the tls scenario uses the test certificates");
		return file;
	}

}
