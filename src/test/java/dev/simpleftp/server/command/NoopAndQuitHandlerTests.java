package dev.simpleftp.server.command;

import org.junit.jupiter.api.Test;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code NOOP} and {@code QUIT} against an in-memory {@link RequestContext}: no socket. */
class NoopAndQuitHandlerTests {

	private final FakeRequestContext context = new FakeRequestContext();

	@Test
	void noopRepliesOkAndKeepsTheConnection() throws Exception {
		new NoopHandler().handle(Request.of("NOOP"), this.context);
		assertThat(this.context.onlyReply().is(ReplyCode.OK)).isTrue();
		assertThat(this.context.onlyReply().text()).isEqualTo("ok");
		assertThat(this.context.endRequested).isFalse();
	}

	@Test
	void quitSaysGoodbyeThenEndsTheConnection() throws Exception {
		new QuitHandler().handle(Request.of("QUIT"), this.context);
		assertThat(this.context.onlyReply().is(ReplyCode.BYE)).isTrue();
		assertThat(this.context.onlyReply().text()).isEqualTo("goodbye");
		assertThat(this.context.endRequested).isTrue();
	}

	@Test
	void noopWithArgumentsIsRefusedBeforeAnyReply() {
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> new NoopHandler().handle(Request.of("NOOP", "extra"), this.context))
			.satisfies(ex -> assertThat(ex.code()).isEqualTo(ReplyCode.BAD_ARGUMENTS));
		assertThat(this.context.replies).isEmpty();
	}

}
