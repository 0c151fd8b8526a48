package dev.simpleftp.protocol;

/**
 * The {@code 220} a server greets with (docs/PROTOCOL.md, section "Greeting"): the protocol's name
 * and version, and whether TLS or a login must come first. Built by the server, read by the
 * client, so that both say the name and the version once.
 */
public record Greeting(boolean tlsRequired, boolean loginRequired) {

	/** The value of the greeting's {@code protocol=}. */
	public static final String PROTOCOL_NAME = "simple-ftp";

	/** The protocol version this build speaks. */
	public static final int VERSION = 4;

	/** The greeting's line; {@code tls=required} wins over {@code login=required}, which comes inside TLS. */
	public Reply toReply() {
		Reply greeting = Reply.of(ReplyCode.READY, "Simple FTP server ready")
			.with(Parameters.PROTOCOL, PROTOCOL_NAME)
			.with(Parameters.VERSION, VERSION);
		if (this.tlsRequired) {
			return greeting.with(Parameters.TLS, Parameters.REQUIRED);
		}
		return this.loginRequired ? greeting.with(Parameters.LOGIN, Parameters.REQUIRED) : greeting;
	}

	/** Whether {@code reply} is a {@code 220} that says {@code key=required}. */
	public static boolean requires(Reply reply, String key) {
		return reply.is(ReplyCode.READY) && reply.parameter(key).filter(Parameters.REQUIRED::equals).isPresent();
	}

	/** Whether {@code reply} is a {@code 220} of this protocol, whatever its version. */
	public static boolean isOurs(Reply reply) {
		return reply.is(ReplyCode.READY) && reply.parameter(Parameters.PROTOCOL).filter(PROTOCOL_NAME::equals).isPresent();
	}

}
