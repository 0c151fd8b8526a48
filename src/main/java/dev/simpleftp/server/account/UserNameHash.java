package dev.simpleftp.server.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA-256) of a user name, for names that must not be kept or logged as sent:
 * an unknown user name may be a password typed in the wrong field. The key is random for each
 * {@link Accounts}, so that a hash in the log cannot be looked up in a list of likely passwords,
 * and means nothing after a restart. Thread-safe.
 */
final class UserNameHash {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	UserNameHash() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.key = new SecretKeySpec(random, ALGORITHM);
	}

	/** 64 bits of the hash: a key for a table of names, where two names sharing one is as good as never. */
	long key(String name) {
		byte[] hash = hash(name);
		long key = 0;
		for (int i = 0; i < 8; i++) {
			key = (key << 8) | (hash[i] & 0xff);
		}
		return key;
	}

	/** 32 bits of the hash, in hex, for the log, which need only tell the names of one attack apart. */
	String shown(String name) {
		return HexFormat.of().formatHex(hash(name), 0, 4);
	}

	private byte[] hash(String name) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(((name != null) ? name : "").getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is in every Java runtime", ex);
		}
	}

}
