package dev.simpleftp.server.account;

import java.time.Duration;

/**
 * What {@link Accounts#login} decided. Each refusal carries {@code logged}, the line the caller
 * logs through its {@code RefusalLog} after the peer's address: it names a known user, never an
 * unknown user name (which may be a password typed in the wrong field), and never a password.
 */
public sealed interface LoginResult {

	/** The name and password are right: the session works as {@code account} from now on. */
	record Success(Account account) implements LoginResult {
	}

	/**
	 * The user is unknown or the password wrong; {@code message} does not say which. The caller
	 * waits {@code delay} before it answers with {@code message}, so that one connection cannot
	 * guess quickly; {@link Accounts} itself never sleeps.
	 */
	record Failure(String message, Duration delay, String logged) implements LoginResult {
	}

	/**
	 * The client's address, or the user name, has failed too often; no password was checked
	 * (unless this failure is the one that locked it). The caller answers with {@code message}
	 * (which says when to try again) at once, with no delay, and closes the connection.
	 */
	record LockedOut(String message, String logged) implements LoginResult {
	}

	/**
	 * Too many passwords are being checked at once, and this one waited its time for its turn;
	 * it was not checked and counts as no failure. The caller answers {@code message} and closes
	 * the connection.
	 */
	record Busy(String message, String logged) implements LoginResult {
	}

}
