package dev.simpleftp.server.account;

import java.nio.file.Path;

/**
 * A user who has logged in: what the session may do, and where.
 *
 * @param name the user name
 * @param access what the account may do
 * @param directory the directory the account works in, or {@code null} for the server's directory
 * ({@code ftp.server.directory}); a relative one is relative to the server's working directory,
 * as {@code ftp.server.directory} is
 */
public record Account(String name, Access access, Path directory) {

}
