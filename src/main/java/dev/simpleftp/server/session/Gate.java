package dev.simpleftp.server.session;

import java.util.Optional;
import java.util.Set;

import dev.simpleftp.protocol.Greeting;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.Slots;
import dev.simpleftp.transport.Tls;

/**
 * One session's gate: what it is greeted with, which verbs it may send as it stands (TLS or a login
 * first, then its account's access), and whether it has done what the server requires before
 * anything else, so that it stops counting among the connections not yet admitted.
 */
final class Gate {

	/** The verbs a connection may send before TLS, where the server requires it. */
	private static final Set<String> BEFORE_TLS = Set.of(Verb.STARTTLS.word(), Verb.NOOP.word(), Verb.QUIT.word());

	/** The verbs a connection may send before it has logged in, where the server requires it. */
	private static final Set<String> BEFORE_LOGIN = Set.of(Verb.LOGIN.word(), Verb.STARTTLS.word(), Verb.NOOP.word(), Verb.QUIT.word());

	/** TLS as this server offers it, or {@code null}: then it is not offered. */
	private final Tls tls;

	private final Accounts accounts;

	/**
	 * Whether the session has done what the server requires before anything else: TLS where it
	 * requires TLS, a login where it has accounts. Until then {@code ftp.server.login-timeout} runs.
	 */
	private volatile boolean admitted;

	/** Its place among the connections not yet admitted, or {@code null}; given back on admission. */
	private volatile Slots.Slot unadmitted;

	Gate(Tls tls, Accounts accounts) {
		this.tls = tls;
		this.accounts = accounts;
		this.admitted = !mustBeAdmitted();
	}

	/** Whether the server requires TLS or a login before anything else. */
	boolean mustBeAdmitted() {
		return this.tls != null || this.accounts.required();
	}

	boolean admitted() {
		return this.admitted;
	}

	/** What a session not admitted in time lacks, for the words that close it. */
	String lacking() {
		return this.accounts.required() ? "not logged in" : "no TLS";
	}

	/** Counts the session among those not yet admitted until it is: {@code slot} is given back then, or at its end. */
	void holdUntilAdmitted(Slots.Slot slot) {
		this.unadmitted = slot;
	}

	/** After a login or {@code STARTTLS}: admitted if that was all the server requires. */
	void admitIfDone(boolean encrypted, Account account) {
		boolean done = (this.tls == null || encrypted) && (!this.accounts.required() || account != null);
		if (done && !this.admitted) {
			this.admitted = true;
			Slots.Slot slot = this.unadmitted;
			if (slot != null) {
				slot.close();
			}
		}
	}

	/** The greeting: before TLS where the server requires it, and again once TLS is on. */
	Reply greeting(boolean encrypted) {
		return new Greeting(this.tls != null && !encrypted, this.accounts.required()).toReply();
	}

	/**
	 * Why {@code verb} may not be run now, or {@code null} if it may: TLS or a login is required
	 * first, or the account's access does not allow it. The words are the same whatever the request
	 * names, so that a refusal tells nothing of the files.
	 */
	Reply refusal(String verb, boolean encrypted, Account current) {
		if (this.tls != null && !encrypted && !BEFORE_TLS.contains(verb)) {
			return Reply.of(ReplyCode.NOT_LOGGED_IN, "this server requires TLS: send STARTTLS first"
					+ " (a client of protocol version 3 or older cannot: upgrade it)");
		}
		if (!this.accounts.required()) {
			return null;
		}
		if (current == null) {
			return BEFORE_LOGIN.contains(verb) ? null
					: Reply.of(ReplyCode.NOT_LOGGED_IN, "log in first: LOGIN <user> <password>"
							+ " (a client of protocol version 3 or older cannot: upgrade it)");
		}
		Access access = current.access();
		Optional<Verb> known = Verb.of(verb);
		boolean allowed = known.isEmpty() || switch (known.get()) {
			case GET, HASH -> access.mayRead();
			case LIST -> access.mayList();
			case PUT, PARTIAL -> access.mayWrite();
			default -> true;
		};
		return allowed ? null : Reply.of(ReplyCode.FILE_UNAVAILABLE, "permission denied: account " + current.name()
				+ " is " + access.label() + ((access == Access.UPLOAD_ONLY) ? " (it may only upload)" : ""));
	}

}
