package dev.simpleftp.server.account;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits beyond one address: guesses at one user name from many addresses hold that name for a
 * while that doubles up to a cap, except from an address the user has logged in from; unknown names
 * are held alike; IPv6 addresses count by /64; and no more passwords are checked at once than the cap.
 */
@Timeout(60)
class LoginLimitsTests {

	private static final String PASSWORD = "correct horse battery staple";

	private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

	private static final String HELD = "too many failed logins for this user; try again in ";

	private final MutableClock clock = new MutableClock();

	private final CountingEncoder encoder = new CountingEncoder();

	/** 5 failures per address in 15 min; 10 per user name, held 1 min doubling up to 15 min. */
	private final AccountSettings.Login login = new AccountSettings.Login(Duration.ofSeconds(1), 5, Duration.ofMinutes(15), 10,
			Duration.ofMinutes(1), Duration.ofMinutes(15));

	@Test
	void guessesAtOneUserFromManyAddressesHoldTheNameAndTheRightPasswordWorksOnceTheHoldEnds() {
		Accounts accounts = accounts(this.login);
		List<LoginResult> results = new ArrayList<>();
		for (int guess = 0; guess < 4; guess++) {
			for (int address = 1; address <= 8; address++) {
				results.add(accounts.login(address("198.51.100." + address), "alice", "guess " + guess));
			}
		}
		assertThat(results.subList(0, 9)).allSatisfy(result -> assertThat(result).isInstanceOf(LoginResult.Failure.class));
		assertThat(message(results.get(9))).isEqualTo(HELD + "1 min");
		assertThat(results.subList(10, 32)).allSatisfy(result -> assertThat(message(result)).startsWith(HELD));
		assertThat(this.encoder.checkedHashes).as("passwords checked").hasSize(10);
		assertThat(AccountsTests.logged(results.get(9))).isEqualTo("login failed: wrong password for user 'alice'; the name"
				+ " held for 1 min after 10 failed logins from any address");
		assertThat(AccountsTests.logged(results.get(10))).isEqualTo("refused LOGIN for user 'alice': the name is held after"
				+ " failed logins");
		// A ninth address with the right password is held too, unchecked; once the hold is over, it logs in.
		assertThat(message(accounts.login(address("198.51.100.9"), "alice", PASSWORD))).isEqualTo(HELD + "1 min");
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(message(accounts.login(address("198.51.100.9"), "alice", PASSWORD))).isEqualTo(HELD + "1 s");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(accounts.login(address("198.51.100.9"), "alice", PASSWORD)).isInstanceOf(LoginResult.Success.class);
		assertThat(this.encoder.checkedHashes).hasSize(11);
		assertThat(accounts.lockedOut(address("198.51.100.1"))).as("no address failed 5 times").isEmpty();
	}

	@Test
	void eachHoldIsTwiceTheOneBeforeUpToTheCapAndTheyStartAgainAfterAQuietSpell() {
		Accounts accounts = accounts(this.login);
		for (String expected : List.of("1 min", "2 min", "4 min", "8 min", "15 min", "15 min")) {
			assertThat(message(guessTenTimes(accounts, "alice"))).isEqualTo(HELD + expected);
			this.clock.advance(Duration.ofMinutes(15));
		}
		// 15 min after the last hold ended without a failure, the name's holds are forgotten.
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(message(guessTenTimes(accounts, "alice"))).isEqualTo(HELD + "1 min");
	}

	@Test
	void anAddressThatHasLoggedInToTheUserIsNotHeldButStillCountedOnItsOwn() {
		Accounts accounts = accounts(this.login);
		InetAddress home = address("192.0.2.7");
		assertThat(accounts.login(home, "alice", PASSWORD)).isInstanceOf(LoginResult.Success.class);
		assertThat(message(guessTenTimes(accounts, "alice"))).startsWith(HELD);
		assertThat(message(accounts.login(address("203.0.113.99"), "alice", PASSWORD))).startsWith(HELD);
		assertThat(accounts.login(home, "alice", "a typo")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(home, "alice", PASSWORD)).isInstanceOf(LoginResult.Success.class);
		for (int i = 1; i < 5; i++) {
			assertThat(accounts.login(home, "alice", "typo " + i)).isInstanceOf(LoginResult.Failure.class);
		}
		assertThat(message(accounts.login(home, "alice", "typo 5"))).startsWith("too many failed logins from your address");
	}

	@Test
	void anUnknownNameIsHeldJustAsAUsersAndItsTableIsBounded() {
		Accounts accounts = new Accounts(settings(this.login), this.clock, this.encoder,
				new Accounts.Limits(Accounts.MAX_ADDRESSES, 3, 4, Duration.ofSeconds(10)));
		LoginResult user = guessTenTimes(accounts, "alice");
		LoginResult unknown = guessTenTimes(accounts, "mallory");
		assertThat(unknown).isInstanceOf(LoginResult.LockedOut.class);
		assertThat(message(unknown)).isEqualTo(message(user)).isEqualTo(HELD + "1 min");
		assertThat(AccountsTests.logged(unknown)).matches("login failed: unknown user \\(name hash [0-9a-f]{8}\\); the name held"
				+ " for 1 min after 10 failed logins from any address");
		assertThat(message(accounts.login(address("203.0.113.1"), "mallory", "x"))).startsWith(HELD);
		for (int i = 0; i < 10; i++) {
			accounts.login(address("203.0.113.2"), "nobody-" + i, "x");
		}
		assertThat(accounts.rememberedUnknownNames()).isEqualTo(3);
		assertThat(Accounts.MAX_UNKNOWN_NAMES).isEqualTo(100_000);
	}

	@Test
	void ipv6AddressesInOneSlash64ShareACount() {
		Accounts accounts = accounts(new AccountSettings.Login(Duration.ZERO, 3, Duration.ofMinutes(15), 100,
				Duration.ofMinutes(1), Duration.ofMinutes(15)));
		assertThat(accounts.login(address("2001:db8:0:1::1"), "alice", "guess")).isInstanceOf(LoginResult.Failure.class);
		assertThat(accounts.login(address("2001:db8:0:1:ffff:ffff:ffff:ffff"), "alice", "guess"))
			.isInstanceOf(LoginResult.Failure.class);
		LoginResult third = accounts.login(address("2001:db8:0:1:1234::abcd"), "mallory", "guess");
		assertThat(message(third)).isEqualTo("too many failed logins from your address; try again in 15 min");
		assertThat(AccountsTests.logged(third)).endsWith("; 2001:db8:0:1::/64 locked out for 15 min after 3 failed logins");
		assertThat(accounts.lockedOut(address("2001:db8:0:1::99"))).isPresent();
		assertThat(message(accounts.login(address("2001:db8:0:1::42"), "alice", PASSWORD))).startsWith("too many failed logins from your address");
		assertThat(accounts.lockedOut(address("2001:db8:0:2::1"))).isEmpty();
		assertThat(accounts.login(address("2001:db8:0:2::1"), "alice", PASSWORD)).isInstanceOf(LoginResult.Success.class);
	}

	@Test
	void anIpv4MappedAddressCountsAsItsIpv4Address() throws UnknownHostException {
		Accounts accounts = accounts(new AccountSettings.Login(Duration.ZERO, 2, Duration.ofMinutes(15), 100,
				Duration.ofMinutes(1), Duration.ofMinutes(15)));
		byte[] mapped = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7 };
		InetAddress mappedAddress = Inet6Address.getByAddress(null, mapped, -1);
		assertThat(mappedAddress).isInstanceOf(Inet6Address.class);
		accounts.login(mappedAddress, "alice", "guess");
		assertThat(accounts.login(address("192.0.2.7"), "alice", "guess")).isInstanceOf(LoginResult.LockedOut.class);
		assertThat(accounts.lockedOut(mappedAddress)).isPresent();
		assertThat(AddressGroup.of(mappedAddress)).isEqualTo(AddressGroup.of(address("192.0.2.7")));
	}

	@Test
	void addressesAreGroupedAndShownByTheirPrefix() {
		assertThat(AddressGroup.of(address("192.0.2.7"))).hasToString("192.0.2.7");
		assertThat(AddressGroup.of(address("2001:db8:aa:bb:cc:dd:ee:ff"))).hasToString("2001:db8:aa:bb::/64")
			.isEqualTo(AddressGroup.of(address("2001:db8:aa:bb::1")));
		assertThat(AddressGroup.of(address("2001:db8:aa:bb::1"))).isNotEqualTo(AddressGroup.of(address("2001:db8:aa:bc::1")));
		// Every host on a link has an address in fe80::/64: each counts on its own, as does loopback.
		assertThat(AddressGroup.of(address("fe80::1"))).isNotEqualTo(AddressGroup.of(address("fe80::2")));
		assertThat(AddressGroup.of(address("fe80::1%1"))).isEqualTo(AddressGroup.of(address("fe80::1")));
		assertThat(AddressGroup.of(address("::1"))).hasToString("0:0:0:0:0:0:0:1");
	}

	@Test
	void noMoreThanTheCapOfPasswordsIsCheckedAtOnce() throws Exception {
		InFlightEncoder inFlight = new InFlightEncoder(null);
		AccountSettings.Login lenient = new AccountSettings.Login(Duration.ZERO, 5, Duration.ofMinutes(15), 100,
				Duration.ofMinutes(1), Duration.ofMinutes(15));
		Accounts accounts = new Accounts(settings(lenient), this.clock, inFlight,
				new Accounts.Limits(Accounts.MAX_ADDRESSES, 100, 3, Duration.ofSeconds(30)));
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<LoginResult>> logins = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				InetAddress from = address("198.51.100." + (i + 1));
				String password = (i % 2 == 0) ? PASSWORD : "wrong";
				logins.add(pool.submit(() -> {
					start.await();
					return accounts.login(from, "alice", password);
				}));
			}
			start.countDown();
			int successes = 0;
			for (Future<LoginResult> login : logins) {
				LoginResult result = login.get(30, TimeUnit.SECONDS);
				assertThat(result).isInstanceOfAny(LoginResult.Success.class, LoginResult.Failure.class);
				successes += (result instanceof LoginResult.Success) ? 1 : 0;
			}
			assertThat(successes).isEqualTo(10);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(inFlight.checks.get()).isEqualTo(20);
		assertThat(inFlight.maxInFlight.get()).isBetween(1, 3);
		assertThat(PasswordChecks.DEFAULT_MAX_CONCURRENT).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
	}

	@Test
	void aLoginThatWaitsTooLongForItsCheckIsAnsweredBusyAndCountsAsNoFailure() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		InFlightEncoder blocking = new InFlightEncoder(release);
		Accounts accounts = new Accounts(settings(this.login), this.clock, blocking,
				new Accounts.Limits(Accounts.MAX_ADDRESSES, 100, 1, Duration.ofMillis(100)));
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<LoginResult> first = pool.submit(() -> accounts.login(address("198.51.100.1"), "alice", PASSWORD));
			while (blocking.inFlight.get() == 0) {
				Thread.sleep(5);
			}
			LoginResult busy = accounts.login(address("198.51.100.2"), "mallory", "x");
			assertThat(busy).isInstanceOf(LoginResult.Busy.class);
			assertThat(message(busy)).isEqualTo("server busy checking passwords; try again later");
			assertThat(AccountsTests.logged(busy)).matches("refused LOGIN for unknown user \\(name hash [0-9a-f]{8}\\): too many"
					+ " passwords being checked at once");
			assertThat(accounts.rememberedAddresses()).isZero();
			assertThat(accounts.rememberedUnknownNames()).isZero();
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(LoginResult.Success.class);
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
		assertThat(accounts.login(address("198.51.100.2"), "alice", PASSWORD)).isInstanceOf(LoginResult.Success.class);
	}

	/** Ten wrong passwords for {@code name}, each from an address of its own; the last one's result. */
	private LoginResult guessTenTimes(Accounts accounts, String name) {
		LoginResult result = null;
		for (int i = 0; i < 10; i++) {
			result = accounts.login(address("203.0.113." + (100 + i)), name, "guess " + i);
		}
		return result;
	}

	private Accounts accounts(AccountSettings.Login login) {
		return new Accounts(settings(login), this.clock, this.encoder);
	}

	private static AccountSettings settings(AccountSettings.Login login) {
		return new AccountSettings(List.of(new AccountSettings.User("alice", HASH, Access.READ_WRITE, null)), login);
	}

	private static String message(LoginResult result) {
		if (result instanceof LoginResult.Failure failure) {
			return failure.message();
		}
		if (result instanceof LoginResult.LockedOut locked) {
			return locked.message();
		}
		return (result instanceof LoginResult.Busy busy) ? busy.message() : "success";
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/** bcrypt that counts the checks running at once and the most seen; waits for {@code release}, if given, in each. */
	private static final class InFlightEncoder implements PasswordEncoder {

		private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);

		private final CountDownLatch release;

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger maxInFlight = new AtomicInteger();

		final AtomicInteger checks = new AtomicInteger();

		InFlightEncoder(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public String encode(CharSequence rawPassword) {
			return this.bcrypt.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			int now = this.inFlight.incrementAndGet();
			this.maxInFlight.accumulateAndGet(now, Math::max);
			this.checks.incrementAndGet();
			try {
				if (this.release != null) {
					this.release.await(10, TimeUnit.SECONDS);
				}
				else {
					Thread.sleep(10); // long enough for the others to pile up behind the cap
				}
				return this.bcrypt.matches(rawPassword, encodedPassword);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		}

	}

}
