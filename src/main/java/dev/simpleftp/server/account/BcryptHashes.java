package dev.simpleftp.server.account;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a bcrypt hash, {@code $2a$12$} then 53 characters of salt and hash, as
 * {@code ./simple-ftp hash-password} makes it. Only the shape is read here; checking a password is
 * the encoder's job.
 */
final class BcryptHashes {

	/** The cost {@code hash-password} uses: some 250 ms per check on one core of a small machine. */
	static final int DEFAULT_COST = 12;

	private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./0-9A-Za-z]{53}");

	/** Salt and hash of a random password nobody knows, for the check of a user name that does not exist. */
	private static final String DUMMY_SALT_AND_HASH = "biEV4KMXfgZtGMTgXBRR2.VYlFYKpN8NIrTsxjn/v15C/OTyytcIK";

	private BcryptHashes() {
	}

	static boolean isWellFormed(String hash) {
		return hash != null && cost(hash) >= 4;
	}

	/** The cost (log2 of the rounds, 4 to 31) written in {@code hash}, or -1 if it is no bcrypt hash. */
	static int cost(String hash) {
		Matcher matcher = HASH.matcher(hash);
		if (!matcher.matches()) {
			return -1;
		}
		int cost = Integer.parseInt(matcher.group(1));
		return (cost >= 4 && cost <= 31) ? cost : -1;
	}

	/** A well-formed hash of that cost that no password matches (as far as anyone can know). */
	static String dummy(int cost) {
		return String.format("$2a$%02d$%s", cost, DUMMY_SALT_AND_HASH);
	}

}
