package dev.simpleftp.server;

import java.net.BindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns "address already in use" at start-up into a short report with what to do, not a stack trace. */
class ListenFailureAnalyzer extends AbstractFailureAnalyzer<ListenFailedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ListenFailedException cause) {
		String action = (cause.getCause() instanceof BindException)
				? "Stop the program using that port, or choose another: --ftp.server.port=PORT (or FTP_SERVER_PORT);"
						+ " 0 picks a free port and logs it. To listen on another address, set ftp.server.host."
				: "Check ftp.server.host and ftp.server.port in application.yml or the command line.";
		return new FailureAnalysis("The Simple FTP server " + cause.getMessage() + ".", action, cause);
	}

}
