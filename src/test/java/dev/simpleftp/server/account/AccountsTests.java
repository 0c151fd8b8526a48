package dev.simpleftp.server.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins: the right password lets in, an unknown user and a wrong password cannot be told apart,
 * failures lock an address out for a while, and nothing secret reaches the log.
 */
class AccountsTests {

	private static final String ALICE_PASSWORD = "correct horse battery staple";

	private static final String DROP_PASSWORD = "dr0p-b0x";

	private static final String ALICE_HASH = new BCryptPasswordEncoder(4).encode(ALICE_PASSWORD);

	private static final String DROP_HASH = new BCryptPasswordEncoder(4).encode(DROP_PASSWORD);

	private static final InetAddress CLIENT = address("192.0.2.7");

	private static final InetAddress OTHER_CLIENT = address("2001:db8::7");

	private final MutableClock clock = new MutableClock();

	private final CountingEncoder encoder = new CountingEncoder();

	@Test
	void theRightPasswordLogsInAsThatAccount() {
		Accounts accounts = accounts(AccountSettings.Login.DEFAULTS);
		assertThat(accounts.required()).isTrue();
		assertThat(accounts.login(CLIENT, "alice", ALICE_PASSWORD))
			.isEqualTo(new LoginResult.Success(new Account("alice", Access.READ_WRITE, null)));
		assertThat(accounts.login(CLIENT, "drop", DROP_PASSWORD))
			.isEqualTo(new LoginResult.Success(new Account("drop", Access.UPLOAD_ONLY, Path.of("server/drop"))));
	}

	@Test
	void withNoUsersNoLoginIsRequired() {
		Accounts accounts = new Accounts(new AccountSettings(List.of(), AccountSettings.Login.DEFAULTS), this.clock, this.encoder);
		assertThat(accounts.required()).isFalse();
		assertThat(accounts.login(CLIENT, "alice", ALICE_PASSWORD)).isInstanceOf(LoginResult.Failure.class);
	}

	@Test
	void aWrongPasswordAndAnUnknownUserGetTheSameAnswerAndDelay() {
		Accounts accounts = accounts(login(Duration.ofMillis(1500), 100, Duration.ofMinutes(15)));
		List<LoginResult> results = List.of(accounts.login(CLIENT, "alice", "wrong"), accounts.login(CLIENT, "mallory", "wrong"),
				accounts.login(CLIENT, "mallory", ALICE_PASSWORD), accounts.login(CLIENT, "drop", ALICE_PASSWORD),
				accounts.login(CLIENT, "Alice", ALICE_PASSWORD), accounts.login(CLIENT, "alice", ""), accounts.login(CLIENT, null, null));
		assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOfSatisfying(LoginResult.Failure.class, failure -> {
			assertThat(failure.message()).isEqualTo("login failed: unknown user or wrong password");
			assertThat(failure.delay()).isEqualTo(Duration.ofMillis(1500));
		}));
	}

	@Test
	void anUnknownUserIsCheckedAgainstAHashOfTheSameCost() {
		Accounts accounts = accounts(AccountSettings.Login.DEFAULTS);
		accounts.login(CLIENT, "alice", "wrong");
		accounts.login(CLIENT, "mallory", "wrong");
		assertThat(this.encoder.checkedHashes).hasSize(2);
		assertThat(this.encoder.checkedHashes.get(0)).isEqualTo(ALICE_HASH);
		assertThat(BcryptHashes.cost(this.encoder.checkedHashes.get(1))).isEqualTo(4);
		assertThat(this.encoder.checkedHashes.get(1)).isNotIn(ALICE_HASH, DROP_HASH);
	}

	@Test
	void withHashesOfDifferentCostsAnUnknownUserCostsAsMuchAsTheDearest() {
		String dearer = new BCryptPasswordEncoder(6).encode("x");
		Accounts accounts = new Accounts(new AccountSettings(List.of(user("alice", ALICE_HASH, Access.READ_ONLY),
				user("bob", dearer, Access.READ_ONLY)), AccountSettings.Login.DEFAULTS), this.clock, this.encoder);
		accounts.login(CLIENT, "mallory", "wrong");
		assertThat(BcryptHashes.cost(this.encoder.checkedHashes.get(0))).isEqualTo(6);
	}

	@Test
	void theDummyHashMatchesNoPasswordTried() {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
		for (String password : List.of("", "x", "password", "secret", ALICE_PASSWORD)) {
			assertThat(bcrypt.matches(password, BcryptHashes.dummy(4))).isFalse();
		}
		assertThat(BcryptHashes.isWellFormed(BcryptHashes.dummy(12))).isTrue();
	}

	/**
	 * Both answers take at least the time of a bcrypt check (cost 10, some 60 ms here): an unknown
	 * user is not answered early. Only a lower bound is asserted; a busy machine makes anything slower.
	 */
	@Test
	void aWrongPasswordAndAnUnknownUserBothTakeABcryptCheck() {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
		String hash = new BCryptPasswordEncoder(10).encode(ALICE_PASSWORD);
		Accounts accounts = new Accounts(new AccountSettings(List.of(user("alice", hash, Access.READ_ONLY)),
				login(Duration.ZERO, 100, Duration.ofMinutes(15))), this.clock, bcrypt);
		long check = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			check = Math.min(check, nanos(() -> bcrypt.matches("warm-up", hash)));
		}
		long bcryptTime = check;
		for (int i = 0; i < 3; i++) {
			assertThat(nanos(() -> accounts.login(CLIENT, "alice", "wrong"))).isGreaterThan(bcryptTime / 2);
			assertThat(nanos(() -> accounts.login(CLIENT, "mallory", "wrong"))).isGreaterThan(bcryptTime / 2);
		}
	}

	@Test
	void afterMaxFailuresTheAddressIsLockedOutWithoutAPasswordCheck() {
		Accounts accounts = accounts(login(Duration.ofSeconds(1), 3, Duration.ofMinutes(15)));
		assertThat(accounts.login(CLIENT, "alice", "guess 1")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(CLIENT, "mallory", "guess 2")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.lockedOut(CLIENT)).isEmpty();
		assertThat(accounts.login(CLIENT, "alice", "guess 3"))
			.isInstanceOfSatisfying(LoginResult.LockedOut.class,
					locked -> assertThat(locked.message()).isEqualTo("too many failed logins from your address; try again in 15 min"));
		int checks = this.encoder.checkedHashes.size();
		assertThat(accounts.login(CLIENT, "alice", ALICE_PASSWORD))
			.isInstanceOfSatisfying(LoginResult.LockedOut.class,
					locked -> assertThat(locked.message()).isEqualTo("too many failed logins from your address; try again in 15 min"));
		assertThat(this.encoder.checkedHashes).hasSize(checks);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(accounts.lockedOut(CLIENT)).contains("too many failed logins from your address; try again in 14 min");
		this.clock.advance(Duration.ofMinutes(13).plusSeconds(30));
		assertThat(accounts.lockedOut(CLIENT)).contains("too many failed logins from your address; try again in 29 s");
		assertThat(accounts.lockedOut(OTHER_CLIENT)).isEmpty();
		assertThat(accounts.login(OTHER_CLIENT, "alice", ALICE_PASSWORD)).isInstanceOf(LoginResult.Success.class);
	}

	@Test
	void theLockoutEndsAfterItsTime() {
		Accounts accounts = accounts(login(Duration.ofSeconds(1), 2, Duration.ofMinutes(15)));
		accounts.login(CLIENT, "alice", "guess 1");
		assertThat(accounts.login(CLIENT, "alice", "guess 2")).isInstanceOf(LoginResult.LockedOut.class);
		this.clock.advance(Duration.ofMinutes(15).minusMillis(1));
		assertThat(accounts.lockedOut(CLIENT)).contains("too many failed logins from your address; try again in 1 s");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(accounts.lockedOut(CLIENT)).isEmpty();
		assertThat(accounts.login(CLIENT, "alice", ALICE_PASSWORD)).isInstanceOf(LoginResult.Success.class);
	}

	@Test
	void afterALockoutTheCountStartsAfresh() {
		Accounts accounts = accounts(login(Duration.ofSeconds(1), 2, Duration.ofMinutes(15)));
		accounts.login(CLIENT, "alice", "guess 1");
		accounts.login(CLIENT, "alice", "guess 2");
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(accounts.login(CLIENT, "alice", "guess 3")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(CLIENT, "alice", "guess 4")).isInstanceOf(LoginResult.LockedOut.class);
	}

	@Test
	void failuresSpreadOverMoreThanTheLockoutNeverLockOut() {
		Accounts accounts = accounts(login(Duration.ofSeconds(1), 3, Duration.ofMinutes(15)));
		for (int i = 0; i < 10; i++) {
			assertThat(accounts.login(CLIENT, "alice", "guess " + i)).isInstanceOf(LoginResult.Failure.class);
			this.clock.advance(Duration.ofMinutes(8));
		}
	}

	@Test
	void aSuccessClearsTheAddressCount() {
		Accounts accounts = accounts(login(Duration.ofSeconds(1), 3, Duration.ofMinutes(15)));
		accounts.login(CLIENT, "alice", "typo 1");
		accounts.login(CLIENT, "alice", "typo 2");
		assertThat(accounts.login(CLIENT, "alice", ALICE_PASSWORD)).isInstanceOf(LoginResult.Success.class);
		assertThat(accounts.rememberedAddresses()).isZero();
		assertThat(accounts.login(CLIENT, "alice", "typo 3")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(CLIENT, "alice", "typo 4")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(CLIENT, "alice", "typo 5")).isInstanceOf(LoginResult.LockedOut.class);
	}

	@Test
	void theTableOfAddressesForgetsTheOldestPastItsCap() {
		Accounts accounts = new Accounts(settings(login(Duration.ZERO, 2, Duration.ofMinutes(15))), this.clock,
				this.encoder, new Accounts.Limits(3, 100, 4, Duration.ofSeconds(10)));
		assertThat(Accounts.MAX_ADDRESSES).isEqualTo(100_000);
		for (int i = 1; i <= 5; i++) {
			accounts.login(address("10.0.0." + i), "alice", "guess");
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(accounts.rememberedAddresses()).isEqualTo(3);
		// 10.0.0.1 was forgotten: its next failure is its first again; 10.0.0.5 is remembered.
		assertThat(accounts.login(address("10.0.0.1"), "alice", "guess")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(address("10.0.0.5"), "alice", "guess")).isInstanceOf(LoginResult.LockedOut.class);
		assertThat(accounts.rememberedAddresses()).isEqualTo(3);
	}

	@Test
	void theTableOfAddressesForgetsFailuresOnceTheyLapse() {
		Accounts accounts = accounts(login(Duration.ZERO, 5, Duration.ofMinutes(15)));
		for (int i = 1; i <= 100; i++) {
			accounts.login(address("10.0.1." + i), "alice", "guess");
		}
		assertThat(accounts.rememberedAddresses()).isEqualTo(100);
		this.clock.advance(Duration.ofMinutes(10));
		accounts.login(CLIENT, "alice", "guess");
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(accounts.lockedOut(OTHER_CLIENT)).isEmpty();
		assertThat(accounts.rememberedAddresses()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(accounts.lockedOut(OTHER_CLIENT)).isEmpty();
		assertThat(accounts.rememberedAddresses()).isZero();
	}

	@Test
	void noPasswordNorHashReachesTheLog() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Logger logger = (Logger) LoggerFactory.getLogger(Accounts.class);
		Level level = logger.getLevel();
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		root.addAppender(appender);
		logger.setLevel(Level.INFO);
		List<String> lines = new ArrayList<>();
		String dearer = new BCryptPasswordEncoder(5).encode("bobs password");
		try {
			Accounts accounts = new Accounts(new AccountSettings(List.of(user("alice", ALICE_HASH, Access.READ_WRITE),
					user("bob", dearer, Access.READ_ONLY)), login(Duration.ZERO, 3, Duration.ofMinutes(15))),
					this.clock, new BCryptPasswordEncoder());
			List<LoginResult> results = List.of(accounts.login(CLIENT, "alice", ALICE_PASSWORD),
					accounts.login(CLIENT, "bob", "bobs password"), accounts.login(CLIENT, "alice", "hunter2"),
					accounts.login(CLIENT, "mallory", "letmein"), accounts.login(CLIENT, "bob", "bobs passwort"),
					accounts.login(CLIENT, "alice", ALICE_PASSWORD));
			accounts.lockedOut(CLIENT);
			appender.list.stream().map(ILoggingEvent::getFormattedMessage).forEach(lines::add);
			results.stream().map(AccountsTests::logged).filter(line -> line != null).forEach(lines::add);
		}
		finally {
			root.detachAppender(appender);
			logger.setLevel(level);
		}
		for (String line : lines) {
			for (String secret : List.of(ALICE_PASSWORD, "bobs password", "hunter2", "letmein", "bobs passwort", ALICE_HASH,
					ALICE_HASH.substring(7, 29), ALICE_HASH.substring(29), dearer, dearer.substring(7, 29), dearer.substring(29),
					"mallory")) {
				assertThat(line).doesNotContain(secret);
			}
		}
		assertThat(lines).hasSize(7);
		assertThat(lines.subList(0, 3)).containsExactly(
				"The password hashes of ftp.server.users have different bcrypt costs (4, 5), so the time a login takes can tell"
						+ " a user name that exists from one that does not: make them all with ./simple-ftp hash-password",
				"192.0.2.7 logged in as user 'alice'",
				"192.0.2.7 logged in as user 'bob'");
		assertThat(lines.get(3)).isEqualTo("login failed: wrong password for user 'alice'");
		assertThat(lines.get(4)).matches("login failed: unknown user \\(name hash [0-9a-f]{8}\\)");
		assertThat(lines.get(5))
			.isEqualTo("login failed: wrong password for user 'bob'; 192.0.2.7 locked out for 15 min after 3 failed logins");
		assertThat(lines.get(6)).isEqualTo("refused LOGIN for user 'alice': 192.0.2.7 is locked out after failed logins");
	}

	/** The line a refusal carries for the log, or null for a success. */
	static String logged(LoginResult result) {
		if (result instanceof LoginResult.Failure failure) {
			return failure.logged();
		}
		if (result instanceof LoginResult.LockedOut locked) {
			return locked.logged();
		}
		return (result instanceof LoginResult.Busy busy) ? busy.logged() : null;
	}

	private Accounts accounts(AccountSettings.Login login) {
		return new Accounts(settings(login), this.clock, this.encoder);
	}

	/** Login settings with the per-address limits given, and per-user ones too high to matter. */
	static AccountSettings.Login login(Duration failureDelay, int maxFailures, Duration lockout) {
		return new AccountSettings.Login(failureDelay, maxFailures, lockout, 1000, Duration.ofMinutes(1), Duration.ofMinutes(15));
	}

	private static AccountSettings settings(AccountSettings.Login login) {
		return new AccountSettings(List.of(user("alice", ALICE_HASH, Access.READ_WRITE),
				new AccountSettings.User("drop", DROP_HASH, Access.UPLOAD_ONLY, Path.of("server/drop"))), login);
	}

	private static AccountSettings.User user(String name, String hash, Access access) {
		return new AccountSettings.User(name, hash, access, null);
	}

	private static long nanos(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return System.nanoTime() - start;
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
