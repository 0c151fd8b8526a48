package dev.simpleftp.protocol;

import java.util.Random;

/**
 * {@link LineGen}'s request lines for tests outside this package: the socket fuzz test
 * (server/SocketFuzzTests) sends them to a real server. The lines are Java strings, LF not included;
 * they may hold control characters (a LF too) and unpaired surrogates.
 */
public final class RequestLines {

	private RequestLines() {
	}

	/** A random line: often not a request at all, sometimes after a verb. */
	public static String random(Random random) {
		return LineGen.randomLine(random, false);
	}

	/** A well-formed request, as it travels: any verb (known or not), arguments and parameters. */
	public static String valid(Random random) {
		return LineGen.validRequest(random).encode();
	}

	/** {@code line} after one to four edits of the kinds that break parsers. */
	public static String mutated(Random random, String line) {
		return LineGen.mutate(random, line);
	}

}
