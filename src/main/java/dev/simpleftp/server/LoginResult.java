package dev.simpleftp.server;

import java.time.Duration;

/** What {@link Accounts#login} decided. */
public sealed interface LoginResult {

	/** The name and password are right: the session works as {@code account} from now on. */
	record Success(Account account) implements LoginResult {
	}

	/**
	 * The user is unknown or the password wrong; {@code message} does not say which. The caller
	 * waits {@code delay} before it answers with {@code message}, so that one connection cannot
	 * guess quickly; {@link Accounts} itself never sleeps.
	 */
	record Failure(String message, Duration delay) implements LoginResult {
	}

	/**
	 * The client's address has failed too often; no password was checked. The caller answers with
	 * {@code message} (which says when to try again) at once, with no delay, and may close the connection.
	 */
	record LockedOut(String message) implements LoginResult {
	}

}
