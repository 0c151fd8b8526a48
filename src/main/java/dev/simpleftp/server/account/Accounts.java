package dev.simpleftp.server.account;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
 * should not). Every limit below treats an unknown name as it treats a user's, so none tells
 * which names exist.</li>
 * <li>Failed logins are counted per client address, an IPv6 address with the others of its /64
 * ({@link AddressGroup}). Once {@code maxFailures} have come within {@code lockout} of the first,
 * the address is locked out for {@code lockout}: its logins are refused unchecked, and
 * {@link #lockedOut} lets the server refuse it at connect. A success clears the address's count.
 * Attempts made at once over several connections are all checked, so an address may get as many
 * tries past the limit as it has connections at that moment.</li>
 * <li>Failed logins are also counted per user name, from any address, so that guessing spread over
 * many addresses is bounded too. Once {@code maxUserFailures} have come within
 * {@code maxUserLockout}, the name is held: its logins are refused unchecked for
 * {@code userLockout}, twice as long each time it is held again, up to {@code maxUserLockout}. The
 * trade-off: a name that is guessed at without end gets {@code maxUserFailures} guesses per hold,
 * so in the end {@code maxUserFailures} per {@code maxUserLockout}, and in return anyone can hold
 * a user's name, but never for longer than {@code maxUserLockout} after the guessing stops; and
 * never from an address that has logged in to that user since the server started (up to
 * {@link TrustedAddresses#MAX_TRUSTED_ADDRESSES} of them, the latest), which still gets its
 * per-address limit. A lock until an administrator clears it would let anyone lock any user out
 * for good with a few guesses; a delay alone does not bound guesses
 * sent over many connections at once. A success does not clear the name's count, or a user who
 * logs in now and then would give the guesser a fresh count each time.</li>
 * <li>Unknown names are counted by a keyed hash, the key random per start, in a table of at most
 * {@link #MAX_UNKNOWN_NAMES} (the oldest is forgotten); users by name.</li>
 * <li>At most {@link PasswordChecks#DEFAULT_MAX_CONCURRENT} passwords are checked at once
 * ({@link PasswordChecks}); a login that waits too long for its turn is answered busy.</li>
 * <li>The delay before a failure is answered is {@code failureDelay}, always the same: it only
 * slows down one connection's retries, since it is the counts that stop guessing. The caller
 * sleeps it; this class never sleeps, though a login may wait for its turn to be checked.</li>
 * <li>Passwords and hashes are never logged, nor unknown user names (a password typed in the
 * user field would be one): an unknown name shows as {@code unknown user (name hash 1a2b3c4d)}.
 * Each refusal carries its log line, which the caller logs through its rate-limited
 * {@code RefusalLog}; a success is logged here.</li>
 * </ul>
 * Thread-safe; the password check runs outside any lock.
 */
public final class Accounts {

	/** Client addresses (IPv6 /64s) whose failed logins are remembered at most. */
	static final int MAX_ADDRESSES = 100_000;

	/** Unknown user names whose failed logins are remembered at most. */
	static final int MAX_UNKNOWN_NAMES = 100_000;

	/** Addresses remembered per user as ones it has logged in from, which a hold of its name lets through. */
	static final int MAX_TRUSTED_ADDRESSES = 16;

	static final String LOGIN_FAILED = "login failed: unknown user or wrong password";

	static final String BUSY = "server busy checking passwords; try again later";

	/** User names are cut to this length in the log, where they come from anyone who connects. */
	private static final int MAX_LOGGED_NAME = 64;

	private static final Logger log = LoggerFactory.getLogger(Accounts.class);

	private final Map<String, User> users;

	private final String dummyHash;

	private final AccountSettings.Login settings;

	private final Clock clock;

	private final PasswordChecks checks;

	private final FailureCounts<AddressGroup> addresses;

	private final FailureCounts<String> userNames;

	private final FailureCounts<Long> unknownNames;

	private final TrustedAddresses trusted = new TrustedAddresses();

	private final UserNameHash nameHash = new UserNameHash();

	/** No accounts: a server anyone who can connect may use. */
	public static Accounts none() {
		return new Accounts(new AccountSettings(List.of(), AccountSettings.Login.DEFAULTS));
	}

	/** The accounts of {@code settings}, on the system clock, checking bcrypt hashes. */
	public Accounts(AccountSettings settings) {
		this(settings, Clock.systemUTC(), new BCryptPasswordEncoder());
	}

	public Accounts(AccountSettings settings, Clock clock, PasswordEncoder encoder) {
		this(settings, clock, encoder, Limits.DEFAULTS);
	}

	Accounts(AccountSettings settings, Clock clock, PasswordEncoder encoder, Limits limits) {
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
		AccountSettings.Login login = settings.login();
		this.settings = login;
		this.clock = clock;
		this.checks = new PasswordChecks(encoder, limits.maxConcurrentChecks(), limits.maxCheckWait());
		this.addresses = new FailureCounts<>(login.maxFailures(), login.lockout(), login.lockout(), login.lockout(),
				limits.maxAddresses());
		this.userNames = new FailureCounts<>(login.maxUserFailures(), login.maxUserLockout(), login.userLockout(),
				login.maxUserLockout(), Math.max(1, this.users.size()));
		this.unknownNames = new FailureCounts<>(login.maxUserFailures(), login.maxUserLockout(), login.userLockout(),
				login.maxUserLockout(), limits.maxUnknownNames());
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
	 * Checks a login from {@code from}. Unless the address is locked out or the name held, the
	 * password is checked (with bcrypt, in constant time) even when the user does not exist.
	 * @param from the client's address
	 * @param name the user name, as sent
	 * @param password the password, as sent
	 * @return {@link LoginResult.Success}, {@link LoginResult.Failure} (whose message and delay do
	 * not tell an unknown user from a wrong password), {@link LoginResult.LockedOut} when this
	 * address or this name has failed too often (this failure may be the one that locks it), or
	 * {@link LoginResult.Busy} when the password could not be checked in time
	 */
	public LoginResult login(InetAddress from, String name, String password) {
		AddressGroup group = AddressGroup.of(Objects.requireNonNull(from, "from"));
		User user = (name != null) ? this.users.get(name) : null;
		String who = (user != null) ? "user " + LoginText.printable(name)
				: "unknown user (name hash " + this.nameHash.shown(name) + ")";
		Instant now = this.clock.instant();
		Optional<Instant> locked = this.addresses.lockedUntil(group, now);
		if (locked.isPresent()) {
			return new LoginResult.LockedOut(LoginText.addressMessage(locked.get(), now),
					"refused LOGIN for " + who + ": " + group + " is locked out after failed logins");
		}
		boolean trusted = user != null && this.trusted.isTrusted(user.account().name(), group);
		Optional<Instant> held = (user != null) ? this.userNames.lockedUntil(name, now)
				: this.unknownNames.lockedUntil(this.nameHash.key(name), now);
		if (held.isPresent() && !trusted) {
			return new LoginResult.LockedOut(LoginText.userMessage(held.get(), now),
					"refused LOGIN for " + who + ": the name is held after failed logins");
		}
		String hash = (user != null) ? user.passwordHash() : this.dummyHash;
		PasswordChecks.Outcome outcome = this.checks.check((password != null) ? password : "", hash);
		if (outcome == PasswordChecks.Outcome.BUSY) {
			return new LoginResult.Busy(BUSY, "refused LOGIN for " + who + ": too many passwords being checked at once");
		}
		if (outcome == PasswordChecks.Outcome.MATCH && user != null) {
			this.addresses.clear(group);
			this.trusted.trust(user.account().name(), group);
			log.info("{} logged in as user {}", from.getHostAddress(), LoginText.printable(name));
			return new LoginResult.Success(user.account());
		}
		return failed(group, user, name, who, trusted);
	}

	/**
	 * Whether {@code from} is locked out now, and if so the message to refuse it with: "too many
	 * failed logins from your address; try again in 14 min".
	 */
	public Optional<String> lockedOut(InetAddress from) {
		Instant now = this.clock.instant();
		return this.addresses.lockedUntil(AddressGroup.of(from), now).map(until -> LoginText.addressMessage(until, now));
	}

	/** Addresses whose failed logins are remembered, for tests. */
	int rememberedAddresses() {
		return this.addresses.size();
	}

	/** Unknown names whose failed logins are remembered, for tests. */
	int rememberedUnknownNames() {
		return this.unknownNames.size();
	}

	private LoginResult failed(AddressGroup group, User user, String name, String who, boolean trusted) {
		Instant now = this.clock.instant();
		Optional<FailureCounts.Lock> address = this.addresses.failed(group, now);
		Optional<FailureCounts.Lock> held = (user != null) ? this.userNames.failed(name, now)
				: this.unknownNames.failed(this.nameHash.key(name), now);
		String logged = "login failed: " + ((user != null) ? "wrong password for " : "") + who;
		if (address.isPresent() && address.get().startedNow()) {
			logged += "; " + group + " locked out for " + LoginText.minutesOrSeconds(this.settings.lockout()) + " after "
					+ address.get().failures() + " failed logins";
		}
		if (held.isPresent() && held.get().startedNow()) {
			logged += "; the name held for " + LoginText.minutesOrSeconds(Duration.between(now, held.get().until()))
					+ " after " + held.get().failures() + " failed logins from any address";
		}
		if (address.isPresent()) {
			return new LoginResult.LockedOut(LoginText.addressMessage(address.get().until(), now), logged);
		}
		if (held.isPresent() && !trusted) {
			return new LoginResult.LockedOut(LoginText.userMessage(held.get().until(), now), logged);
		}
		return new LoginResult.Failure(LOGIN_FAILED, this.settings.failureDelay(), logged);
	}

	private record User(Account account, String passwordHash) {

		/** Leaves the hash out, so that it never reaches a log through this record. */
		@Override
		public String toString() {
			return "User[" + this.account + "]";
		}

	}

	/**
	 * The bounds that keep memory and CPU in check whatever clients send; only tests change them.
	 * @param maxAddresses client addresses whose failed logins are remembered at most
	 * @param maxUnknownNames unknown user names whose failed logins are remembered at most
	 * @param maxConcurrentChecks passwords checked at once at most
	 * @param maxCheckWait how long a login waits for its turn to be checked before it is answered busy
	 */
	record Limits(int maxAddresses, int maxUnknownNames, int maxConcurrentChecks, Duration maxCheckWait) {

		static final Limits DEFAULTS = new Limits(MAX_ADDRESSES, MAX_UNKNOWN_NAMES, PasswordChecks.DEFAULT_MAX_CONCURRENT,
				PasswordChecks.DEFAULT_MAX_WAIT);

	}

}
