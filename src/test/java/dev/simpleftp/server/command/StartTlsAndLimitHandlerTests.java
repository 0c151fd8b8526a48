package dev.simpleftp.server.command;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.transport.Tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The refusals of {@code STARTTLS} and {@code HASH} against an in-memory {@link RequestContext}:
 * what the handler decides before any byte of TLS or of a file moves, with no socket.
 */
class StartTlsAndLimitHandlerTests {

	/** TLS offered; never used for a handshake here, since the fake context's handshake fails at once. */
	private static final Tls OFFERED = new Tls(null, null, null);

	private final FakeRequestContext context = new FakeRequestContext();

	@Test
	void startTlsOnAServerWithoutTlsIsRefusedAndNothingIsSent() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new StartTlsHandler(null).handle(Request.of("STARTTLS"), this.context))
			.withMessage("this server does not offer TLS")
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.SYNTAX_ERROR));
		assertThat(this.context.replies).isEmpty();
		assertThat(this.context.endRequested).isFalse();
	}

	@Test
	void startTlsWhenTlsIsOnAlreadyIsRefused() {
		this.context.encrypted = true;
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new StartTlsHandler(OFFERED).handle(Request.of("STARTTLS"), this.context))
			.withMessage("TLS is already on")
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS));
		assertThat(this.context.replies).isEmpty();
	}

	@Test
	void bytesSentAfterStartTlsWithoutWaitingEndTheConnectionBeforeAnyHandshake() {
		this.context.bufferedInput = true;
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new StartTlsHandler(OFFERED).handle(Request.of("STARTTLS"), this.context))
			.withMessageContaining("bytes came after STARTTLS before its reply")
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS));
		assertThat(this.context.endRequested).isTrue();
		assertThat(this.context.greetings).isZero();
	}

	@Test
	void aFailedHandshakeIsLoggedAsARefusalAfterTheGoAhead() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new StartTlsHandler(OFFERED).handle(Request.of("STARTTLS"), this.context));
		assertThat(this.context.onlyReply().is(ReplyCode.TLS_GO_AHEAD)).isTrue();
		assertThat(this.context.refusals).singleElement().asString().startsWith("TLS handshake failed: ");
		assertThat(this.context.greetings).isZero();
	}

	@Test
	void aHashOverTheServersLimitIsRefusedAndLogged() throws Exception {
		new HashHandler(0).handle(Request.of("HASH", "a.txt"), this.context);
		assertThat(this.context.onlyReply().is(ReplyCode.LOCAL_ERROR)).isTrue();
		assertThat(this.context.onlyReply().text()).contains("too many HASH requests at once on this server (the limit is 0)");
		assertThat(this.context.refusals).containsExactly("too many hashes: HASH refused: 0 running");
		assertThat(this.context.slots.count()).isZero();
	}

	@Test
	void aHashOfABadNameIsRefusedBeforeAnyReply() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new HashHandler(1).handle(Request.of("HASH", "../etc/passwd"), this.context))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_FILE_NAME));
		assertThat(this.context.replies).isEmpty();
	}

}
