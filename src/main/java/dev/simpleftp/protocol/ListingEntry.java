package dev.simpleftp.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One line of a {@code LIST} body (docs/PROTOCOL.md, section "LIST"): {@code NAME SIZE MODIFIED},
 * the name as a token, the size in bytes, and the modification time as an ISO-8601 instant in UTC
 * to the millisecond. The name is only decoded here; whether it is an acceptable file name is the
 * receiver's to check.
 */
public record ListingEntry(String name, long size, Instant modified) {

	public ListingEntry {
		modified = modified.truncatedTo(ChronoUnit.MILLIS);
	}

	/** The line as it travels, without the line ending. */
	public String encode() {
		return Tokens.encode(this.name) + " " + this.size + " " + this.modified;
	}

	/**
	 * Parses a line without its line ending.
	 * @throws ProtocolException quoting the bad input
	 */
	public static ListingEntry parse(String line) throws ProtocolException {
		List<String> tokens = Lines.split(line);
		if (tokens.size() != 3 || tokens.stream().anyMatch(token -> token.indexOf('=') >= 0)) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR,
					"bad listing line '" + Lines.printable(line) + "': expected NAME SIZE MODIFIED");
		}
		long size = Numbers.parseLength(tokens.get(1), Parameters.SIZE);
		try {
			return new ListingEntry(Tokens.decode(tokens.get(0)), size, Instant.parse(tokens.get(2)));
		}
		catch (DateTimeParseException ex) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR,
					"bad listing line '" + Lines.printable(line) + "': the time is not an ISO-8601 instant");
		}
	}

}
