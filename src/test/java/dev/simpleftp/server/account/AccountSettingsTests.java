package dev.simpleftp.server.account;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** ftp.server.users and ftp.server.login bind as the yml writes them, and each bad value is refused by name. */
class AccountSettingsTests {

	static final String HASH = new BCryptPasswordEncoder(4).encode("secret");

	@Test
	void usersAndLoginSettingsBindFromKebabCaseNames() {
		AccountSettings settings = bind(
				"ftp.server.users[0].name", "alice",
				"ftp.server.users[0].password-hash", HASH,
				"ftp.server.users[0].access", "read-write",
				"ftp.server.users[1].name", "drop",
				"ftp.server.users[1].password-hash", HASH.replace("$2a$", "$2b$"),
				"ftp.server.users[1].access", "upload-only",
				"ftp.server.users[1].directory", "server/drop",
				"ftp.server.users[2].name", "reader",
				"ftp.server.users[2].password-hash", HASH.replace("$2a$", "$2y$"),
				"ftp.server.users[2].access", "read-only",
				"ftp.server.login.failure-delay", "250ms",
				"ftp.server.login.max-failures", "3",
				"ftp.server.login.max-user-failures", "20",
				"ftp.server.login.user-lockout", "30s",
				"ftp.server.login.max-user-lockout", "1h");
		assertThat(settings.users()).extracting(AccountSettings.User::name).containsExactly("alice", "drop", "reader");
		assertThat(settings.users()).extracting(AccountSettings.User::access)
			.containsExactly(Access.READ_WRITE, Access.UPLOAD_ONLY, Access.READ_ONLY);
		assertThat(settings.users()).extracting(AccountSettings.User::directory)
			.containsExactly(null, Path.of("server/drop"), null);
		assertThat(settings.users().get(0).passwordHash()).isEqualTo(HASH);
		assertThat(settings.login()).isEqualTo(new AccountSettings.Login(Duration.ofMillis(250), 3, Duration.ofMinutes(15), 20,
				Duration.ofSeconds(30), Duration.ofHours(1)));
	}

	@Test
	void withNothingSetThereAreNoUsersAndTheLoginDefaults() {
		AccountSettings settings = bind("ftp.server.port", "2121");
		assertThat(settings.users()).isEmpty();
		assertThat(settings.login()).isEqualTo(AccountSettings.Login.DEFAULTS)
			.isEqualTo(new AccountSettings.Login(Duration.ofSeconds(1), 5, Duration.ofMinutes(15), 10, Duration.ofMinutes(1),
					Duration.ofMinutes(15)))
			.isEqualTo(new AccountSettings.Login(Duration.ofSeconds(1), 5, Duration.ofMinutes(15)));
	}

	@Test
	void anAccessThatIsNoModeIsRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind("ftp.server.users[0].name", "alice", "ftp.server.users[0].password-hash", HASH,
					"ftp.server.users[0].access", "admin"))
			.withMessageContaining("ftp.server.users[0].access");
	}

	@Test
	void aBindingFailureNamesTheSettingAndNotTheHash() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind("ftp.server.users[0].name", "alice", "ftp.server.users[0].password-hash",
					"$2a$04$short", "ftp.server.users[0].access", "read-only"))
			.satisfies(ex -> assertThat(rootCause(ex)).hasMessageStartingWith("ftp.server.users[0].password-hash must be a bcrypt hash"))
			.satisfies(ex -> assertThat(allMessages(ex)).doesNotContain("$2a$04$short"));
	}

	@Test
	void eachBadUserIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(user(" ", HASH, Access.READ_ONLY)))
			.withMessage("ftp.server.users[0].name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(user(null, HASH, Access.READ_ONLY)))
			.withMessage("ftp.server.users[0].name must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(user("al ice", HASH, Access.READ_ONLY)))
			.withMessage("ftp.server.users[0].name must not contain spaces or control characters");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(user("al\u0007ice", HASH, Access.READ_ONLY)))
			.withMessage("ftp.server.users[0].name must not contain spaces or control characters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings(user("alice", HASH, Access.READ_ONLY), user("bob", HASH, Access.READ_ONLY),
					user("alice", HASH, Access.READ_WRITE)))
			.withMessage("ftp.server.users[2].name 'alice' is already the name of ftp.server.users[0]");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(user("alice", null, Access.READ_ONLY)))
			.withMessage("ftp.server.users[0].password-hash must be set: make one with ./simple-ftp hash-password");
		assertThatIllegalArgumentException().isThrownBy(() -> settings(user("alice", HASH, Access.READ_ONLY), user("bob", HASH, null)))
			.withMessage("ftp.server.users[1].access must be set: read-only, upload-only or read-write");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountSettings(Arrays.asList((AccountSettings.User) null), null))
			.withMessage("ftp.server.users[0] must be set");
	}

	@Test
	void aPasswordHashMustBeBcryptAndIsNeverQuoted() {
		List<String> notBcrypt = List.of("secret", "{bcrypt}" + HASH, HASH.replace("$2a$", "$2x$"), HASH.replace("$04$", "$03$"),
				HASH.replace("$04$", "$32$"), HASH + "x", HASH.substring(0, 59), HASH.substring(0, 30) + "!" + HASH.substring(31),
				"$argon2id$v=19$m=16384,t=2,p=1$c29tZXNhbHQ$aGFzaA");
		for (String hash : notBcrypt) {
			assertThatIllegalArgumentException().isThrownBy(() -> settings(user("alice", hash, Access.READ_ONLY)))
				.withMessage("ftp.server.users[0].password-hash must be a bcrypt hash ($2a$, $2b$ or $2y$, a cost of 04 to 31,"
						+ " 60 characters in all), made with ./simple-ftp hash-password")
				.extracting(Throwable::getMessage)
				.asString()
				.doesNotContain(hash);
		}
	}

	@Test
	void theRecordsNeverShowAHash() {
		AccountSettings settings = settings(user("alice", HASH, Access.READ_ONLY));
		assertThat(settings.toString()).contains("alice").doesNotContain(HASH).doesNotContain(HASH.substring(7));
	}

	@Test
	void eachBadLoginSettingIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> login(Duration.ofSeconds(-1), 5, Duration.ofMinutes(1)))
			.withMessage("ftp.server.login.failure-delay must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> login(null, 5, Duration.ofMinutes(1)))
			.withMessage("ftp.server.login.failure-delay must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> login(Duration.ZERO, 0, Duration.ofMinutes(1)))
			.withMessage("ftp.server.login.max-failures must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> login(Duration.ZERO, 1, Duration.ZERO))
			.withMessage("ftp.server.login.lockout must be more than zero");
		assertThat(login(Duration.ZERO, 1, Duration.ofMillis(1)).maxFailures()).isEqualTo(1);
		Duration minute = Duration.ofMinutes(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountSettings.Login(Duration.ZERO, 5, minute, 0, minute, minute))
			.withMessage("ftp.server.login.max-user-failures must be at least 1, not 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountSettings.Login(Duration.ZERO, 5, minute, 10, Duration.ZERO, minute))
			.withMessage("ftp.server.login.user-lockout must be more than zero");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountSettings.Login(Duration.ZERO, 5, minute, 10, null, minute))
			.withMessage("ftp.server.login.user-lockout must be more than zero");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountSettings.Login(Duration.ZERO, 5, minute, 10, minute, Duration.ofSeconds(59)))
			.withMessage("ftp.server.login.max-user-lockout must not be less than ftp.server.login.user-lockout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccountSettings.Login(Duration.ZERO, 5, minute, 10, minute, null))
			.withMessage("ftp.server.login.max-user-lockout must not be less than ftp.server.login.user-lockout");
		assertThat(new AccountSettings.Login(Duration.ZERO, 5, minute, 1, minute, minute).maxUserFailures()).isEqualTo(1);
	}

	@Test
	void aUserNameWithInvisibleFormattingCharactersIsRefused() {
		for (String name : List.of("al\u202Eice", "\uFEFFalice", "alice\u200B", "al\u200Dice", "\u2066alice\u2069", "al\u061Cice",
				"al\u200Eice", "alice\uD800")) {
			assertThatIllegalArgumentException().isThrownBy(() -> settings(user(name, HASH, Access.READ_ONLY)))
				.withMessage("ftp.server.users[0].name must not contain invisible formatting characters (such as bidirectional"
						+ " text controls, zero-width characters or a byte-order mark) nor unpaired surrogates");
		}
		assertThat(settings(user("élodie", HASH, Access.READ_ONLY), user("日本", HASH, Access.READ_ONLY),
				user("עברית", HASH, Access.READ_ONLY)).users()).hasSize(3);
	}

	@Test
	void aBadLoginSettingFailsTheBindingByName() {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind("ftp.server.login.max-failures", "0"))
			.satisfies(ex -> assertThat(rootCause(ex)).hasMessage("ftp.server.login.max-failures must be at least 1, not 0"));
	}

	private static AccountSettings.Login login(Duration failureDelay, int maxFailures, Duration lockout) {
		return new AccountSettings.Login(failureDelay, maxFailures, lockout, 10, Duration.ofMinutes(1), Duration.ofMinutes(15));
	}

	static AccountSettings.User user(String name, String hash, Access access) {
		return new AccountSettings.User(name, hash, access, null);
	}

	static AccountSettings settings(AccountSettings.User... users) {
		return new AccountSettings(List.of(users), AccountSettings.Login.DEFAULTS);
	}

	/** Binds ftp.server from names and values, as the yml (or --name=value) gives them. */
	private static AccountSettings bind(String... namesAndValues) {
		Map<String, String> properties = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		return binder.bindOrCreate("ftp.server", AccountSettings.class);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return root;
	}

	private static String allMessages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause).append('\n');
		}
		return messages.toString();
	}

}
