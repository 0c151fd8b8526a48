package dev.simpleftp.protocol;

/**
 * The status codes a server replies with, as listed in docs/PROTOCOL.md, section "Status codes".
 * The first digit is the class: 1 = preliminary (bytes follow or are expected), 2 = success,
 * 4 = transient failure (trying again later may work), 5 = permanent failure (the same request
 * will fail again).
 */
public enum ReplyCode {

	/** GET: the file's bytes follow. PUT: send the file's bytes now. */
	SENDING(150),

	/** A request without a transfer succeeded (NOOP). */
	OK(200),

	/** The greeting sent when a connection is accepted. */
	READY(220),

	/** QUIT: the server closes the connection. */
	BYE(221),

	/** A transfer finished; the trailer after GET's bytes and the answer to PUT's bytes. */
	TRANSFER_COMPLETE(226),

	/** Logged in (LOGIN); parameter {@code access=} says what the account may do. */
	LOGGED_IN(230),

	/** Start TLS now: the reply to STARTTLS, after which both sides run the TLS handshake. */
	TLS_GO_AHEAD(234),

	/** The server is full or stopping; the connection is closed after this reply. */
	SERVICE_UNAVAILABLE(421),

	/** The server failed locally (an I/O error, an internal error); nothing was changed. */
	LOCAL_ERROR(451),

	/** Not enough space to store the file; nothing was stored. */
	INSUFFICIENT_STORAGE(452),

	/** The receiver's checksum of a body differs from the sender's: nothing was stored. */
	CHECKSUM_MISMATCH(456),

	/** The request line is not understood: unknown verb, not UTF-8, too long. */
	SYNTAX_ERROR(500),

	/** The verb is known but its arguments or parameters are wrong. */
	BAD_ARGUMENTS(501),

	/** Not logged in: TLS or a login is required first, or the login failed. */
	NOT_LOGGED_IN(530),

	/** No such file, or not a regular file. */
	FILE_UNAVAILABLE(550),

	/** The file is larger than the server takes at all; nothing was stored. */
	FILE_TOO_LARGE(552),

	/** The file name is not allowed. */
	BAD_FILE_NAME(553);

	private final int value;

	ReplyCode(int value) {
		this.value = value;
	}

	public int value() {
		return this.value;
	}

}
