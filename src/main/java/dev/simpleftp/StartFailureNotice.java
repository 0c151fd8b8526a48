package dev.simpleftp;

import java.io.PrintStream;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Says on standard error why the application did not start, when its console shows no logs (the
 * client's does not: the terminal is the user's). Without this a bad setting such as
 * {@code --ftp.client.timeout=0s} ended the client with status 1 and not a word. Boot's own report
 * still goes to the log file; this line names the file.
 */
public final class StartFailureNotice implements SmartApplicationListener {

	private final PrintStream err;

	private Environment environment;

	public StartFailureNotice() {
		this(System.err);
	}

	StartFailureNotice(PrintStream err) {
		this.err = err;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
				|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			this.environment = prepared.getEnvironment();
		}
		else if (event instanceof ApplicationFailedEvent failed && this.environment != null
				&& "OFF".equalsIgnoreCase(this.environment.getProperty("logging.threshold.console"))) {
			this.err.println(notice(failed.getException(), this.environment.getProperty("logging.file.name")));
		}
	}

	/** One line: what went wrong, at its root, and where the full report is. */
	static String notice(Throwable failure, String logFile) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		String what = (root instanceof IllegalArgumentException && message != null) ? message
				: (message == null) ? root.getClass().getSimpleName()
						: root.getClass().getSimpleName() + ": " + message;
		return "simple-ftp: cannot start: " + what + ((logFile != null) ? " (the full report is in " + logFile + ")" : "");
	}

}
