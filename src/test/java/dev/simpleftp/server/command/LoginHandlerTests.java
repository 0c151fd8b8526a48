package dev.simpleftp.server.command;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.account.Accounts;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code LOGIN} against an in-memory {@link RequestContext} and real {@link Accounts}: no socket. */
class LoginHandlerTests {

	private static final String PASSWORD = "correct horse battery staple";

	private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(4);

	private final FakeRequestContext context = new FakeRequestContext();

	@Test
	void theRightPasswordLogsTheConnectionInAndSaysItsAccess() throws Exception {
		handler(2).handle(Request.of("LOGIN", "alice", PASSWORD), this.context);
		Reply reply = this.context.onlyReply();
		assertThat(reply.is(ReplyCode.LOGGED_IN)).isTrue();
		assertThat(reply.text()).isEqualTo("logged in as alice");
		assertThat(reply.parameter("access")).hasValue("read-write");
		assertThat(this.context.account).extracting(Account::name).isEqualTo("alice");
		assertThat(this.context.refusals).isEmpty();
	}

	@Test
	void aWrongPasswordIsRefusedLoggedAndLeavesTheConnectionOpen() throws Exception {
		handler(2).handle(Request.of("LOGIN", "alice", "a guess"), this.context);
		assertThat(this.context.onlyReply().is(ReplyCode.NOT_LOGGED_IN)).isTrue();
		assertThat(this.context.account).isNull();
		assertThat(this.context.endRequested).isFalse();
		assertThat(this.context.refusals).singleElement().asString().startsWith("failed logins: ").doesNotContain("a guess");
		assertThat(this.context.stillWorking).isEqualTo(2);
	}

	@Test
	void anAddressLockedOutIsToldSoAndTheConnectionEnds() throws Exception {
		LoginHandler handler = handler(1);
		handler.handle(Request.of("LOGIN", "alice", "a guess"), this.context);
		handler.handle(Request.of("LOGIN", "alice", PASSWORD), this.context);
		assertThat(this.context.replies).hasSize(2);
		assertThat(this.context.replies.get(1).is(ReplyCode.SERVICE_UNAVAILABLE)).isTrue();
		assertThat(this.context.account).isNull();
		assertThat(this.context.endRequested).isTrue();
	}

	@Test
	void aSecondLoginIsRefusedBeforeAnyReply() throws Exception {
		LoginHandler handler = handler(2);
		handler.handle(Request.of("LOGIN", "alice", PASSWORD), this.context);
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> handler.handle(Request.of("LOGIN", "alice", PASSWORD), this.context))
			.withMessage("already logged in as alice")
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS));
		assertThat(this.context.replies).hasSize(1);
	}

	@Test
	void aServerWithoutAccountsNeedsNoLogin() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new LoginHandler(Accounts.none()).handle(Request.of("LOGIN", "alice", PASSWORD), this.context))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR));
		assertThat(this.context.replies).isEmpty();
	}

	private static LoginHandler handler(int maxFailures) {
		AccountSettings.Login login = new AccountSettings.Login(Duration.ZERO, maxFailures, Duration.ofMinutes(15), 1000,
				Duration.ofMinutes(1), Duration.ofMinutes(15));
		AccountSettings settings = new AccountSettings(
				List.of(new AccountSettings.User("alice", ENCODER.encode(PASSWORD), Access.READ_WRITE, (Path) null)), login);
		return new LoginHandler(new Accounts(settings, Clock.systemUTC(), ENCODER));
	}

}
