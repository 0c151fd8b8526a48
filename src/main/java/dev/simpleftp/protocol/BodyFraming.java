package dev.simpleftp.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.simpleftp.protocol.Parameters.BODY;
import static dev.simpleftp.protocol.Parameters.CHECKSUM;
import static dev.simpleftp.protocol.Parameters.FOLLOWS;
import static dev.simpleftp.protocol.Parameters.OFFSET;

/**
 * What a request line says of a body sent straight after it, decided from the line alone before
 * the request is acted on (docs/PROTOCOL.md, sections "Bodies" and "PUT"). A receiver that knows
 * where such a body ends can refuse the request and still drop exactly its bytes; one that cannot
 * tell must end the connection, since those bytes would otherwise be read as requests.
 * <p>
 * In this version only {@code PUT} carries a body, and it follows the line at once only with
 * {@code body=follows}; with {@code checksum=crc32c} a {@code CHECKSUM} line follows the body. A
 * {@code PUT} line is {@link Kind#UNKNOWN} unless it parses and its framing is unambiguous: a
 * repeated or malformed parameter, a bad escape or a line that is not UTF-8 may hide a
 * {@code body=follows}, so they all count as unknown.
 * @param code for {@link Kind#UNKNOWN}, the code to refuse the line with ({@code 500} for a line that
 * is not UTF-8 or has no verb, {@code 501} for bad arguments), else {@code null}
 * @param problem for {@link Kind#UNKNOWN}, why the body cannot be framed, else {@code null}
 */
public record BodyFraming(Kind kind, long size, boolean trailer, ReplyCode code, String problem) {

	/** The verbs whose request may carry a body. */
	public static final Set<String> BODY_VERBS = Set.of(Verb.PUT.word());





	/** The verb of the line that follows a body sent with {@code checksum=crc32c}. */
	public static final String TRAILER_VERB = "CHECKSUM";

	public enum Kind {

		/** No body follows the line (a PUT without {@code body=follows} waits for {@code 150}). */
		NONE,
		/** {@link #size()} bytes follow the line, then a {@code CHECKSUM} line if {@link #trailer()}. */
		FOLLOWS,
		/** A body may follow, but where it ends cannot be told: {@link #problem()} says why. */
		UNKNOWN

	}

	private static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0, false, null, null);

	/** The framing of a request line (without its line ending); never throws. */
	public static BodyFraming of(String line) {
		if (!carriesBody(line)) {
			return NONE;
		}
		Request request;
		try {
			request = Request.parse(line);
		}
		catch (ProtocolException ex) {
			return new BodyFraming(Kind.UNKNOWN, 0, false, ex.code(), ex.getMessage());
		}
		Optional<String> body = request.parameter(BODY);
		if (body.isEmpty()) {
			return NONE;
		}
		if (!body.get().equals(FOLLOWS)) {
			return unknown("bad parameter body=" + Lines.printable(body.get()) + ": the only value is body=" + FOLLOWS);
		}
		List<String> arguments = request.arguments();
		if (arguments.size() != 2) {
			return unknown(((arguments.size() < 2) ? "missing argument" : "too many arguments")
					+ ": usage is PUT <name> <size> body=follows ...");
		}
		long size;
		try {
			size = Numbers.parseLength(arguments.get(1), Parameters.SIZE);
		}
		catch (ProtocolException ex) {
			return unknown(ex.getMessage());
		}
		if (request.parameter(OFFSET).isPresent()) {
			// Whether the client sent size or size - offset bytes cannot be told.
			return unknown("cannot resume (offset=K) an upload sent with body=follows");
		}
		Optional<String> checksum = request.parameter(CHECKSUM);
		if (checksum.isPresent() && !checksum.get().equals(Checksums.CRC32C)) {
			return unknown("bad parameter checksum=" + Lines.printable(checksum.get()) + ": the only value is checksum="
					+ Checksums.CRC32C);
		}
		return new BodyFraming(Kind.FOLLOWS, size, checksum.isPresent(), null, null);
	}

	/**
	 * The framing of a line that could not be decoded (not UTF-8): unknown if, read leniently, its
	 * verb is one that may carry a body.
	 * @param lenient the line decoded with replacement characters
	 */
	public static BodyFraming ofUnreadable(String lenient) {
		return carriesBody(lenient) ? new BodyFraming(Kind.UNKNOWN, 0, false, ReplyCode.SYNTAX_ERROR, "line is not valid UTF-8")
				: NONE;
	}

	private static boolean carriesBody(String line) {
		List<String> tokens = Lines.split(line);
		return !tokens.isEmpty() && BODY_VERBS.contains(tokens.get(0).toUpperCase(Locale.ROOT));
	}

	private static BodyFraming unknown(String problem) {
		return new BodyFraming(Kind.UNKNOWN, 0, false, ReplyCode.BAD_ARGUMENTS, problem);
	}

}
