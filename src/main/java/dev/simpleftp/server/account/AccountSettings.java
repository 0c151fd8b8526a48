package dev.simpleftp.server.account;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;

/**
 * The server's accounts, {@code ftp.server.users} and {@code ftp.server.login.*}, beside
 * {@code ServerSettings} under the same prefix. Bound in the server profile only: the client never
 * loads the classes that check passwords. With no user the server requires no login.
 *
 * <pre>
 * ftp:
 *   server:
 *     users:
 *       - name: alice
 *         password-hash: "$2a$12$..."   # from ./simple-ftp hash-password
 *         access: read-write
 *       - name: drop
 *         password-hash: "$2a$12$..."
 *         access: upload-only
 *         directory: server/drop
 * </pre>
 *
 * @param users who may log in; none (the default) means anyone may use the server without a login
 * @param login how failed logins are slowed down and counted
 */
@Profile("server")
@ConfigurationProperties("ftp.server")
public record AccountSettings(@DefaultValue List<User> users, @DefaultValue Login login) {

	/**
	 * Checked here rather than by Bean Validation, whose start-up the client cannot afford (see
	 * {@code dev.simpleftp.client.shell.NoConstraintsValidation}); Boot reports the message when binding
	 * fails. No message quotes a password hash.
	 */
	public AccountSettings {
		users = (users != null) ? users : List.of();
		login = (login != null) ? login : Login.DEFAULTS;
		Map<String, Integer> indexes = new HashMap<>();
		for (int i = 0; i < users.size(); i++) {
			String setting = "ftp.server.users[" + i + "]";
			User user = users.get(i);
			require(user != null, setting + " must be set");
			require(user.name() != null && !user.name().isBlank(), setting + ".name must not be blank");
			require(user.name().codePoints().noneMatch(AccountSettings::isSpaceOrControl),
					setting + ".name must not contain spaces or control characters");
			require(user.name().codePoints().noneMatch(AccountSettings::isInvisibleOrBroken), setting
					+ ".name must not contain invisible formatting characters (such as bidirectional text controls, zero-width"
					+ " characters or a byte-order mark) nor unpaired surrogates");
			Integer other = indexes.putIfAbsent(user.name(), i);
			require(other == null, setting + ".name '" + user.name() + "' is already the name of ftp.server.users[" + other + "]");
			require(user.passwordHash() != null && !user.passwordHash().isBlank(),
					setting + ".password-hash must be set: make one with ./simple-ftp hash-password");
			require(BcryptHashes.isWellFormed(user.passwordHash()), setting
					+ ".password-hash must be a bcrypt hash ($2a$, $2b$ or $2y$, a cost of 04 to 31, 60 characters in all), made with ./simple-ftp hash-password");
			require(user.access() != null, setting + ".access must be set: read-only, upload-only or read-write");
		}
		users = List.copyOf(users);
	}

	private static boolean isSpaceOrControl(int c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c);
	}

	/**
	 * Unicode's format characters (category Cf) and unpaired surrogates: they would let two names
	 * that look alike in a log or a listing of users be different names.
	 */
	private static boolean isInvisibleOrBroken(int c) {
		int type = Character.getType(c);
		return type == Character.FORMAT || type == Character.SURROGATE;
	}

	private static void require(boolean valid, String problem) {
		if (!valid) {
			throw new IllegalArgumentException(problem);
		}
	}

	/**
	 * One user, {@code ftp.server.users[i]}.
	 *
	 * @param name the user name, as typed at login (case matters)
	 * @param passwordHash the bcrypt hash of the password, made with {@code ./simple-ftp hash-password}
	 * @param access what the account may do: {@code read-only}, {@code upload-only} (a drop box) or
	 * {@code read-write}
	 * @param directory the directory the account works in, created if missing; relative to the
	 * working directory, as {@code ftp.server.directory} is; unset, the server's directory
	 */
	public record User(String name, String passwordHash, Access access, Path directory) {

		/** Leaves the hash out, so that it never reaches a log through this record. */
		@Override
		public String toString() {
			return "User[name=" + this.name + ", passwordHash=(hidden), access=" + this.access + ", directory="
					+ this.directory + "]";
		}

	}

	/**
	 * How failed logins are answered and limited, {@code ftp.server.login.*}: per client address (an
	 * IPv6 address with the others of its /64) and per user name, from any address. See
	 * {@link Accounts} for the trade-off of the per-user limit.
	 *
	 * @param failureDelay how long the server waits before it answers a failed login, the same for
	 * an unknown user and a wrong password
	 * @param maxFailures failed logins from one client address, within {@code lockout} of the
	 * first, after which that address is refused for {@code lockout}
	 * @param lockout how long an address is refused after {@code maxFailures} failed logins; also
	 * the window in which they are counted
	 * @param maxUserFailures failed logins for one user name (known or not), from any addresses,
	 * within {@code maxUserLockout} of the first, after which that name is held: its logins are
	 * refused unchecked, except from an address that has logged in to it before
	 * @param userLockout how long a name is held the first time; each hold that follows before the
	 * name has gone {@code maxUserLockout} without a failure is twice as long as the one before
	 * @param maxUserLockout the longest a name is ever held; also the window in which its failures
	 * are counted
	 */
	public record Login(@DefaultValue("1s") Duration failureDelay, @DefaultValue("5") int maxFailures,
			@DefaultValue("15m") Duration lockout, @DefaultValue("10") int maxUserFailures,
			@DefaultValue("1m") Duration userLockout, @DefaultValue("15m") Duration maxUserLockout) {

		/** The defaults: 1 s; 5 failures, 15 min per address; 10 failures, 1 min doubling up to 15 min per user. */
		public static final Login DEFAULTS = new Login(Duration.ofSeconds(1), 5, Duration.ofMinutes(15), 10,
				Duration.ofMinutes(1), Duration.ofMinutes(15));

		/** Binds {@code ftp.server.login.*}; named, since there is a second constructor. */
		@ConstructorBinding
		public Login {
			require(failureDelay != null && !failureDelay.isNegative(), "ftp.server.login.failure-delay must not be negative");
			require(maxFailures >= 1, "ftp.server.login.max-failures must be at least 1, not " + maxFailures);
			require(lockout != null && !lockout.isNegative() && !lockout.isZero(), "ftp.server.login.lockout must be more than zero");
			require(maxUserFailures >= 1, "ftp.server.login.max-user-failures must be at least 1, not " + maxUserFailures);
			require(userLockout != null && !userLockout.isNegative() && !userLockout.isZero(),
					"ftp.server.login.user-lockout must be more than zero");
			require(maxUserLockout != null && maxUserLockout.compareTo(userLockout) >= 0,
					"ftp.server.login.max-user-lockout must not be less than ftp.server.login.user-lockout");
		}

		/** The per-address settings given, and the default per-user limits. */
		public Login(Duration failureDelay, int maxFailures, Duration lockout) {
			this(failureDelay, maxFailures, lockout, DEFAULTS.maxUserFailures, DEFAULTS.userLockout, DEFAULTS.maxUserLockout);
		}

	}

}
