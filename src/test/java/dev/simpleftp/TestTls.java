package dev.simpleftp;

import dev.simpleftp.transport.Tls;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

public final class TestTls {

	private TestTls() {
	}

	/** The server's side, presenting {@code tls/NAME.pem} with its key {@code tls/NAME.key}. */
	public static Tls server(String name) {
		PemSslStoreDetails key = PemSslStoreDetails.forCertificate("classpath:tls/" + name + ".pem")
			.withPrivateKey("classpath:tls/" + name + ".key");
		return tls(SslBundle.of(new PemSslStoreBundle(key, null)));
	}

	/** The client's side, trusting the CA certificate {@code tls/NAME.pem}. */
	public static Tls trusting(String name) {
		PemSslStoreDetails trust = PemSslStoreDetails.forCertificate("classpath:tls/" + name + ".pem");
		return tls(SslBundle.of(new PemSslStoreBundle(null, trust)));
	}

	private static Tls tls(SslBundle bundle) {
		return new Tls(bundle.createSslContext(), null, null);
	}

}
