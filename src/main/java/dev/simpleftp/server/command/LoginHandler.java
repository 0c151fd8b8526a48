package dev.simpleftp.server.command;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;

import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.account.LoginResult;

/**
 * {@code LOGIN <user> <password>}: checks the user and password with {@link Accounts}. A success
 * makes the connection work as that account (in its directory, if it has one); a failure is
 * answered after the delay {@link Accounts} gives, the same for an unknown user and a wrong
 * password; an address locked out, a name held, or a login not checked for lack of time is told so
 * and closed. Each refusal is logged through the rate-limited refusal log, with the line
 * {@link Accounts} gives (never a password, nor an unknown user name).
 */
final class LoginHandler implements CommandHandler {

	private final Accounts accounts;

	LoginHandler(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public void handle(Request request, RequestContext context) throws IOException {
		List<String> arguments = request.expectArguments(2, "LOGIN <user> <password>");
		if (!this.accounts.required()) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "this server has no accounts: no login is needed");
		}
		Account current = context.account();
		if (current != null) {
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "already logged in as " + current.name());
		}
		LoginResult result = this.accounts.login(context.address(), arguments.get(0), arguments.get(1));
		if (result instanceof LoginResult.Success success) {
			Account logged = success.account();
			context.loggedIn(logged);
			context.reply(Reply.of(ReplyCode.LOGGED_IN, "logged in as " + logged.name()).with(Parameters.ACCESS, logged.access().label()));
		}
		else if (result instanceof LoginResult.Failure failure) {
			context.refused("failed logins", failure.logged());
			context.stillWorking();
			pause(failure.delay());
			context.stillWorking();
			context.reply(Reply.of(ReplyCode.NOT_LOGGED_IN, failure.message()));
		}
		else if (result instanceof LoginResult.LockedOut locked) {
			context.refused("locked out after failed logins", locked.logged());
			context.endAfterThisRequest();
			context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, locked.message()));
		}
		else if (result instanceof LoginResult.Busy busy) {
			context.refused("password checks busy", busy.logged());
			context.endAfterThisRequest();
			context.reply(Reply.of(ReplyCode.SERVICE_UNAVAILABLE, busy.message()));
		}
	}

	private static void pause(Duration delay) throws IOException {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted during the failed-login delay");
		}
	}

}
