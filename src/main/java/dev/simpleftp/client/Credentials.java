package dev.simpleftp.client;

import java.io.IOException;

/**
 * Where a user name and password come from when a server requires a login: asked only then, and
 * never kept longer than the connection needs them.
 */
@FunctionalInterface
public interface Credentials {

	/** None: a server that requires a login is refused with what to do. */
	Credentials NONE = server -> null;

	/**
	 * @param server {@code host:port}, to say where the login is for
	 * @return the login, or {@code null} if there is none to give
	 */
	Login ask(String server) throws IOException;

	/** A user name and its password; the password is a char array so it can be wiped after use. */
	record Login(String user, char[] password) {
	}

}
