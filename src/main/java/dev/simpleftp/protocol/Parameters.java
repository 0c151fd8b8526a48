package dev.simpleftp.protocol;

/**
 * The names of the {@code key=value} parameters of requests and replies (docs/PROTOCOL.md), said
 * once for both sides.
 */
public final class Parameters {

	/** A file's whole size in bytes, or a body's. */
	public static final String SIZE = "size";

	/** Where a resumed transfer starts, in bytes. */
	public static final String OFFSET = "offset";

	/** A file's modification time, as {@link Numbers#parseInstant} reads it. */
	public static final String MODIFIED = "modified";

	/** Why a transfer asked to resume starts from byte 0 instead. */
	public static final String RESTART = "restart";

	/** How many entries a listing holds. */
	public static final String COUNT = "count";

	/** What a logged-in account may do. */
	public static final String ACCESS = "access";

	/** The greeting's protocol name. */
	public static final String PROTOCOL = "protocol";

	/** The greeting's protocol version. */
	public static final String VERSION = "version";

	/** The greeting's {@code tls=required}. */
	public static final String TLS = "tls";

	/** The greeting's {@code login=required}. */
	public static final String LOGIN = "login";

	/** The value of {@link #TLS} and {@link #LOGIN} when the server requires them. */
	public static final String REQUIRED = "required";

	/** A request's {@code body=follows}: its body comes straight after the line. */
	public static final String BODY = "body";

	/** The value of {@link #BODY}. */
	public static final String FOLLOWS = "follows";

	/** A {@code PUT}'s {@code checksum=crc32c}: a {@code CHECKSUM} line follows its body. */
	public static final String CHECKSUM = "checksum";

	private Parameters() {
	}

}
