package dev.simpleftp.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The verbs of protocol version 4 (docs/PROTOCOL.md, section "Commands"), in alphabetical order,
 * which is the order a server lists them in when it refuses an unknown one.
 */
public enum Verb {

	GET, HASH, LIST, LOGIN, NOOP, PARTIAL, PUT, QUIT, STARTTLS;

	/** The verb as a request line spells it. */
	public String word() {
		return name();
	}

	/** The verb {@code word} names, whatever its case, if it is one. */
	public static Optional<Verb> of(String word) {
		String upper = word.toUpperCase(Locale.ROOT);
		for (Verb verb : values()) {
			if (verb.name().equals(upper)) {
				return Optional.of(verb);
			}
		}
		return Optional.empty();
	}

}
