package dev.simpleftp.server;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The server's users ({@link AccountSettings}), and the defence against guessing their passwords.
 *
 * <ul>
 * <li>An unknown user and a wrong password get the same answer, the same delay, and take about
 * the same time: for a user name that does not exist the password is checked against a dummy bcrypt
 * hash of the same cost as the real ones (the highest, if they differ; a warning says why they
 * should not).</li>
 * <li>Failed logins are counted per client address. Once {@code maxFailures} have come within
 * {@code lockout} of the first, the address is locked out for {@code lockout}: its logins are
 * refused unchecked, and {@link #lockedOut} lets the server refuse it at connect. A success clears
 * the address's count. Attempts made at once over several connections are all checked, so an
 * address may get as many tries past the limit as it has connections at that moment
 * ({@code ftp.server.max-connections-per-address}).</li>
 * <li>The delay before a failure is answered is {@code failureDelay}, always the same: it only
 * slows down one connection's retries, since it is the count per address that stops guessing. The
 * caller sleeps it; this class never sleeps.</li>
 * <li>The table of addresses is bounded: an entry goes once {@code lockout} has passed since its
 * last failure, and past {@link #MAX_ADDRESSES} the address whose last failure is the oldest is
 * forgotten (so an attacker with that many addresses can free one early; each try still costs a
 * bcrypt check).</li>
 * <li>Passwords and hashes are never logged. Each failed login is logged once, with the address
 * and the user name; so is each lockout and each success.</li>
 * </ul>
 * Thread-safe; the password check runs outside any lock.
 */
public final class Accounts {

	/** Client addresses whose failed logins are remembered at most. */
	static final int MAX_ADDRESSES = 100_000;

	static final String LOGIN_FAILED = "login failed: unknown user or wrong password";

	/** User names are cut to this length in the log, where they come from anyone who connects. */
	private static final int MAX_LOGGED_NAME = 64;

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	private final Map<String, User> users;

	private final String dummyHash;

	private final AccountSettings.Login settings;

	private final Clock clock;

	private final PasswordEncoder encoder;

	private final int maxAddresses;

	/** Failed logins by client address, the address whose last failure is the oldest first. Guarded by itself. */
	private final LinkedHashMap<InetAddress, Failures> failures = new LinkedHashMap<>();

	/** No accounts: a server anyone who can connect may use. */
	public static Accounts none() {
		return new Accounts(new AccountSettings(List.of(), AccountSettings.Login.DEFAULTS));
	}

	/** The accounts of {@code settings}, on the system clock, checking bcrypt hashes. */
	public Accounts(AccountSettings settings) {
		this(settings, Clock.systemUTC(), new BCryptPasswordEncoder());
	}

	public Accounts(AccountSettings settings, Clock clock, PasswordEncoder encoder) {
		this(settings, clock, encoder, MAX_ADDRESSES);
	}

	Accounts(AccountSettings settings, Clock clock, PasswordEncoder encoder, int maxAddresses) {
		this.users = settings.users()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AccountSettings.User::name,
					user -> new User(new Account(user.name(), user.access(), user.directory()), user.passwordHash())));
		TreeSet<Integer> costs = settings.users()
			.stream()
			.map(user -> BcryptHashes.cost(user.passwordHash()))
			.collect(Collectors.toCollection(TreeSet::new));
		if (costs.size() > 1) {
			log.warn("The password hashes of ftp.server.users have different bcrypt costs ({}), so the time a login takes"
					+ " can tell a user name that exists from one that does not: make them all with ./simple-ftp hash-password",
					costs.stream().map(String::valueOf).collect(Collectors.joining(", ")));
		}
		this.dummyHash = BcryptHashes.dummy(costs.isEmpty() ? BcryptHashes.DEFAULT_COST : costs.last());
		this.settings = settings.login();
		this.clock = clock;
		this.encoder = encoder;
		this.maxAddresses = maxAddresses;
	}

	/** Every account, by name. */
	public List<Account> all() {
		return this.users.values().stream().map(User::account).sorted(Comparator.comparing(Account::name)).toList();
	}

	/** Whether the server requires a login: true if any user is configured. */
	public boolean required() {
		return !this.users.isEmpty();
	}

	/**
	 * Checks a login from {@code from}. Unless the address is locked out, the password is checked
	 * (with bcrypt, in constant time) even when the user does not exist.
	 * @param from the client's address
	 * @param name the user name, as sent
	 * @param password the password, as sent
	 * @return {@link LoginResult.Success}, {@link LoginResult.Failure} (whose message and delay do
	 * not tell an unknown user from a wrong password), or {@link LoginResult.LockedOut} when this
	 * address has failed too often (this failure may be the one that locks it out)
	 */
	public LoginResult login(InetAddress from, String name, String password) {
		Objects.requireNonNull(from, "from");
		Optional<String> locked = lockedOut(from);
		if (locked.isPresent()) {
			return new LoginResult.LockedOut(locked.get());
		}
		User user = (name != null) ? this.users.get(name) : null;
		String hash = (user != null) ? user.passwordHash() : this.dummyHash;
		boolean matches = this.encoder.matches((password != null) ? password : "", hash);
		if (matches && user != null) {
			synchronized (this.failures) {
				this.failures.remove(from);
			}
			log.info("{} logged in as user {}", from.getHostAddress(), printable(name));
			return new LoginResult.Success(user.account());
		}
		log.warn("{} login failed: {} {}", from.getHostAddress(), (user != null) ? "wrong password for user" : "unknown user",
				printable(name));
		return failed(from);
	}

	/**
	 * Whether {@code from} is locked out now, and if so the message to refuse it with: "too many
	 * failed logins from your address; try again in 14 min".
	 */
	public Optional<String> lockedOut(InetAddress from) {
		Instant now = this.clock.instant();
		synchronized (this.failures) {
			forgetExpired(now);
			Failures entry = this.failures.get(from);
			return (entry != null && entry.isLocked(now)) ? Optional.of(lockedOutMessage(entry, now)) : Optional.empty();
		}
	}

	/** Addresses whose failed logins are remembered, for tests. */
	int rememberedAddresses() {
		synchronized (this.failures) {
			return this.failures.size();
		}
	}

	private LoginResult failed(InetAddress from) {
		Instant now = this.clock.instant();
		synchronized (this.failures) {
			forgetExpired(now);
			Failures entry = this.failures.get(from);
			if (entry != null && entry.isLocked(now)) {
				// Another connection from the address locked it out while this one was checking.
				return new LoginResult.LockedOut(lockedOutMessage(entry, now));
			}
			if (entry != null) {
				this.failures.remove(from); // put back below as the latest
			}
			if (entry == null || !now.isBefore(entry.first.plus(this.settings.lockout()))) {
				entry = new Failures(now);
			}
			entry.count++;
			entry.last = now;
			if (entry.count >= this.settings.maxFailures()) {
				entry.lockedUntil = now.plus(this.settings.lockout());
			}
			this.failures.put(from, entry);
			Iterator<InetAddress> oldest = this.failures.keySet().iterator();
			while (this.failures.size() > this.maxAddresses) {
				oldest.next();
				oldest.remove();
			}
			if (entry.isLocked(now)) {
				log.warn("{} locked out for {} after {} failed logins", from.getHostAddress(),
						minutesOrSeconds(this.settings.lockout()), entry.count);
				return new LoginResult.LockedOut(lockedOutMessage(entry, now));
			}
		}
		return new LoginResult.Failure(LOGIN_FAILED, this.settings.failureDelay());
	}

	/**
	 * Drops the entries whose last failure is {@code lockout} old: their count has lapsed and any
	 * lockout has ended (it began at the last failure). They are in order of last failure, so
	 * this stops at the first entry still current.
	 */
	private void forgetExpired(Instant now) {
		Iterator<Failures> oldest = this.failures.values().iterator();
		while (oldest.hasNext() && !now.isBefore(oldest.next().last.plus(this.settings.lockout()))) {
			oldest.remove();
		}
	}

	private static String lockedOutMessage(Failures entry, Instant now) {
		return "too many failed logins from your address; try again in "
				+ minutesOrSeconds(Duration.between(now, entry.lockedUntil));
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

	private record User(Account account, String passwordHash) {

		/** Leaves the hash out, so that it never reaches a log through this record. */
		@Override
		public String toString() {
			return "User[" + this.account + "]";
		}

	}

	/** The failed logins of one address since {@code first}. */
	private static final class Failures {

		final Instant first;

		Instant last;

		int count;

		Instant lockedUntil;

		Failures(Instant first) {
			this.first = first;
			this.last = first;
		}

		boolean isLocked(Instant now) {
			return this.lockedUntil != null && now.isBefore(this.lockedUntil);
		}

	}

}
