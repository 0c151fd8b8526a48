package dev.simpleftp.server.account;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LoginText}: user names as the log shows them, and times left as a person reads them. */
class LoginTextTests {

	@Test
	void userNamesAreLoggedQuotedEscapedAndCut() {
		assertThat(LoginText.printable("alice")).isEqualTo("'alice'");
		assertThat(LoginText.printable("a'b\\c\n\u0000d")).isEqualTo("'a\\u0027b\\u005cc\\u000a\\u0000d'");
		assertThat(LoginText.printable("x".repeat(200))).isEqualTo("'" + "x".repeat(64) + "'...");
		assertThat(LoginText.printable(null)).isEqualTo("(none)");
	}

	@Test
	void timesLeftAreRoundedUp() {
		assertThat(LoginText.minutesOrSeconds(Duration.ofMinutes(15))).isEqualTo("15 min");
		assertThat(LoginText.minutesOrSeconds(Duration.ofMinutes(14).plusMillis(1))).isEqualTo("15 min");
		assertThat(LoginText.minutesOrSeconds(Duration.ofSeconds(60))).isEqualTo("1 min");
		assertThat(LoginText.minutesOrSeconds(Duration.ofMillis(59_001))).isEqualTo("1 min");
		assertThat(LoginText.minutesOrSeconds(Duration.ofSeconds(59))).isEqualTo("59 s");
		assertThat(LoginText.minutesOrSeconds(Duration.ofMillis(1))).isEqualTo("1 s");
	}

}
