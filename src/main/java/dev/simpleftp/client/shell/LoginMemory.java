package dev.simpleftp.client.shell;

import java.util.Arrays;

import dev.simpleftp.client.Credentials;

/**
 * The login of the open connection, kept in memory for reconnecting after the server closed an
 * idle connection or Ctrl-C closed a busy one, and wiped when the connection is closed.
 */
final class LoginMemory {

	/** {@code null} until a login was needed. */
	private Credentials.Login login;

	private Credentials credentials = Credentials.NONE;

	/** The credentials to connect with now: the remembered ones, or none. */
	Credentials credentials() {
		return this.credentials;
	}

	/** From now on, {@link #credentials()} asks {@code asker} once and remembers what it gave. */
	void remember(Credentials asker) {
		this.credentials = remembering(asker);
	}

	/** Credentials that hand out copies of the first login they get, for reconnecting; {@link #forget} wipes it. */
	Credentials remembering(Credentials asker) {
		return server -> {
			if (this.login == null) {
				this.login = asker.ask(server);
				if (this.login == null) {
					return null;
				}
			}
			return new Credentials.Login(this.login.user(), this.login.password().clone());
		};
	}

	void forget() {
		if (this.login != null) {
			Arrays.fill(this.login.password(), '\0');
			this.login = null;
		}
		this.credentials = Credentials.NONE;
	}

}
