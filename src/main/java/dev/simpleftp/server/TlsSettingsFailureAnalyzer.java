package dev.simpleftp.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which TLS setting is wrong (a bundle name, a file of the bundle), rather than Boot's chain of causes. */
class TlsSettingsFailureAnalyzer extends AbstractFailureAnalyzer<TlsSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TlsSettingsException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", "Fix it in tls.yml (see tls.example.yml and README,"
				+ " \"TLS and accounts\"), or wherever you set ftp.server.ssl.bundle.", cause);
	}

}
