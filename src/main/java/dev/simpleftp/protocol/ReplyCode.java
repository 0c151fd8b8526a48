package dev.simpleftp.protocol;

/**
 * The status codes a server replies with, as listed in docs/PROTOCOL.md, section "Status codes".
 * The first digit is the class: 1 = preliminary (bytes follow or are expected), 2 = success,
 * 4 = transient failure (trying again later may work), 5 = permanent failure (the same request
 * will fail again).
 */
public enum ReplyCode {

	/** GET: the file's bytes follow. PUT: send the file's bytes now. */
	SENDING(150, "data follows or is expected"),

	/** A request without a transfer succeeded (NOOP). */
	OK(200, "ok"),

	/** The greeting sent when a connection is accepted. */
	READY(220, "service ready"),

	/** QUIT: the server closes the connection. */
	BYE(221, "closing connection"),

	/** A transfer finished; the trailer after GET's bytes and the answer to PUT's bytes. */
	TRANSFER_COMPLETE(226, "transfer complete"),

	/** The server is full or stopping; the connection is closed after this reply. */
	SERVICE_UNAVAILABLE(421, "service unavailable, connection closing"),

	/** The file is being changed by someone else; try again. */
	FILE_BUSY(450, "file busy"),

	/** The server failed locally (an I/O error, an internal error); nothing was changed. */
	LOCAL_ERROR(451, "local error"),

	/** Not enough space to store the file; nothing was stored. */
	INSUFFICIENT_STORAGE(452, "insufficient storage"),

	/** The request line is not understood: unknown verb, not UTF-8, too long. */
	SYNTAX_ERROR(500, "syntax error"),

	/** The verb is known but its arguments or parameters are wrong. */
	BAD_ARGUMENTS(501, "syntax error in arguments"),

	/** No such file, or not a regular file. */
	FILE_UNAVAILABLE(550, "file unavailable"),

	/** The file name is not allowed. */
	BAD_FILE_NAME(553, "file name not allowed");

	private final int value;

	private final String meaning;

	ReplyCode(int value, String meaning) {
		this.value = value;
		this.meaning = meaning;
	}

	public int value() {
		return this.value;
	}

	public String meaning() {
		return this.meaning;
	}

}
