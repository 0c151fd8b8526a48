package dev.simpleftp.protocol;

/**
 * A line that is not valid UTF-8. The stream is still in step (the line ended at its LF), but
 * what the line asked cannot be known; {@link #lenient()} is the line with each bad byte replaced,
 * enough to tell whether its verb may carry a body ({@link BodyFraming#ofUnreadable}).
 */
public class UnreadableLineException extends ProtocolException {

	private final String lenient;

	public UnreadableLineException(String lenient) {
		super(ReplyCode.SYNTAX_ERROR, "line is not valid UTF-8");
		this.lenient = lenient;
	}

	public String lenient() {
		return this.lenient;
	}

}
