package dev.simpleftp.server;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to add when the server refuses to listen beyond loopback, rather than a stack trace. */
class InsecureSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InsecureSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InsecureSettingsException cause) {
		return new FailureAnalysis("The Simple FTP server " + cause.getMessage() + ": " + cause.host()
				+ " is not a loopback address, so anyone who can reach it could use the server and read its traffic.",
				"Add TLS (ftp.server.ssl.bundle naming a spring.ssl.bundle) and accounts (ftp.server.users); see README,"
						+ " \"TLS and accounts\". Or listen on 127.0.0.1. To run open anyway, set"
						+ " ftp.server.allow-insecure=true (it is logged as a warning).",
				cause);
	}

}
