package dev.simpleftp.server.account;

import java.time.Duration;
import java.time.Instant;

/**
 * The words of {@link Accounts}: user names as the log shows them, and the time left on a lock as a
 * person would read it.
 */
final class LoginText {

	/** User names are cut to this length in the log, where they come from anyone who connects. */
	private static final int MAX_LOGGED_NAME = 64;

	private LoginText() {
	}

	static String addressMessage(Instant until, Instant now) {
		return "too many failed logins from your address; try again in " + minutesOrSeconds(Duration.between(now, until));
	}

	static String userMessage(Instant until, Instant now) {
		return "too many failed logins for this user; try again in " + minutesOrSeconds(Duration.between(now, until));
	}

	/** "15 min", or "40 s" under a minute; rounded up. */
	static String minutesOrSeconds(Duration duration) {
		long seconds = (duration.toMillis() + 999) / 1000;
		return (seconds >= 60) ? ((seconds + 59) / 60) + " min" : seconds + " s";
	}

	/** A user name for the log: quoted, control characters escaped, cut to a sane length. */
	static String printable(String name) {
		if (name == null) {
			return "(none)";
		}
		StringBuilder printable = new StringBuilder("'");
		name.codePoints().limit(MAX_LOGGED_NAME).forEach(c -> {
			if (Character.isISOControl(c) || c == '\'' || c == '\\') {
				printable.append(String.format("\\u%04x", c));
			}
			else {
				printable.appendCodePoint(c);
			}
		});
		printable.append('\'');
		return (name.codePointCount(0, name.length()) > MAX_LOGGED_NAME) ? printable + "..." : printable.toString();
	}

}
