package dev.simpleftp.server;

/** The server was asked to listen beyond loopback without what that takes (see {@link InsecureSettingsFailureAnalyzer}). */
class InsecureSettingsException extends RuntimeException {

	private final String host;

	private final String missing;

	InsecureSettingsException(String host, String missing) {
		super("will not listen on " + host + " without " + missing);
		this.host = host;
		this.missing = missing;
	}

	String host() {
		return this.host;
	}

	String missing() {
		return this.missing;
	}

}
