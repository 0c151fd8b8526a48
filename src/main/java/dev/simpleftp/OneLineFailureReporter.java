package dev.simpleftp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a start that failed for a known reason (a failure analysis: a bad setting, a port in use)
 * in one log line, what is wrong and what to do, instead of Boot's framed block: it runs first and
 * turns Boot's reporter off, which the settings cannot do for a settings file that does not parse
 * (logging is not set up from them yet). The server profile also turns off the context's warning
 * with the whole chain of causes ({@code application-server.yml}); a failure nothing analyses still
 * logs its stack trace.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class OneLineFailureReporter implements FailureAnalysisReporter {

	private static final Logger log = LoggerFactory.getLogger(SimpleFtpApplication.class);

	@Override
	public void report(FailureAnalysis analysis) {
		LoggingSystem.get(getClass().getClassLoader())
			.setLogLevel(LoggingFailureAnalysisReporter.class.getName(), LogLevel.OFF);
		log.error("cannot start: {}", line(analysis));
	}

	static String line(FailureAnalysis analysis) {
		String action = analysis.getAction();
		return oneLine(analysis.getDescription()) + ((action == null || action.isBlank()) ? "" : " " + oneLine(action));
	}

	private static String oneLine(String text) {
		return text.strip().replaceAll("\\s+", " ");
	}

}
