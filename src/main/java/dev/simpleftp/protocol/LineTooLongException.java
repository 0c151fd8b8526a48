package dev.simpleftp.protocol;

/**
 * A line exceeded {@link ProtocolReader#MAX_LINE_BYTES}. The rest of the line is still unread, so
 * the stream cannot be resynchronised: the connection must end.
 */
public class LineTooLongException extends ProtocolException {

	public LineTooLongException(int limit) {
		super(ReplyCode.SYNTAX_ERROR, "line too long: the limit is " + limit + " bytes");
	}

}
