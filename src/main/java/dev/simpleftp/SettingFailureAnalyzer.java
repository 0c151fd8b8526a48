package dev.simpleftp;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * A setting our settings records refuse (they throw {@link IllegalArgumentException} with a message
 * that names the setting, e.g. "ftp.server.port must be 0 to 65535, not 70000"): that message
 * alone, ahead of Boot's own analysis of a {@link BindException}, which wraps it in a paragraph.
 */
class SettingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (!(root instanceof IllegalArgumentException) || root.getMessage() == null
				|| !root.getMessage().startsWith("ftp.")) {
			return null;
		}
		return new FailureAnalysis(root.getMessage() + ".",
				"Fix it in application.yml (or tls.yml), the environment or the command line.", cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
