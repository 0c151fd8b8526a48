package dev.simpleftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.simpleftp.PropertyCheck.Gen;
import dev.simpleftp.PropertyCheck.Shrink;
import dev.simpleftp.PropertyCheck.Strings;
import dev.simpleftp.PropertyCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Properties of {@link Reply#parse} and {@link Reply#encode} (docs/PROTOCOL.md, sections "Lines and
 * tokens" and "Replies") over random and damaged lines, and of replies built from any text.
 */
@Timeout(30)
class ReplyPropertyTests {

	private static final ReplyCode[] CODES = ReplyCode.values();

	@Test
	void randomLinesAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(10_000, random -> LineGen.randomLine(random, true), ReplyPropertyTests::refusedOrRoundTrips);
	}

	@Test
	void damagedRepliesAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(10_000, random -> LineGen.mutate(random, LineGen.validReply(random).encode()),
				ReplyPropertyTests::refusedOrRoundTrips);
	}

	/** The same for the lines a ProtocolReader delivers: well-formed text, since it refuses bytes that are not UTF-8. */
	@Test
	void randomWellFormedLinesAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(3000, random -> LineGen.randomLine(random, true), Strings::isWellFormed,
				ReplyPropertyTests::refusedOrRoundTrips);
	}

	@Test
	void damagedWellFormedRepliesAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(3000, random -> LineGen.mutate(random, LineGen.validReply(random).encode()),
				Strings::isWellFormed, ReplyPropertyTests::refusedOrRoundTrips);
	}

	/**
	 * {@code Reply.of(code, text)} refuses exactly the text whose first word is a {@code key=value}
	 * parameter (the one {@link Reply#asText} prefixes); any other text gives a reply whose line
	 * parses back to the same code, no parameters, and the text with control characters as '?' and
	 * without surrounding spaces.
	 */
	@Test
	void replyOfAnyTextParsesBackToItsCodeAndText() {
		Gen<CodeAndText> replies = random -> new CodeAndText(CODES[random.nextInt(CODES.length)], text(random));
		PropertyCheck.forAll(3000, replies, CodeAndText.SHRINK, CodeAndText::toString, given -> {
			if (!Reply.asText(given.text).equals(given.text)) {
				assertThatIllegalArgumentException().isThrownBy(() -> Reply.of(given.code, given.text));
				return;
			}
			Reply reply = Reply.of(given.code, given.text);
			assertThat(reply.text()).isEqualTo(expectedText(given.text));
			Reply parsed = Reply.parse(reply.encode());
			assertThat(parsed.code()).isEqualTo(given.code.value());
			assertThat(parsed.parameters()).isEmpty();
			assertThat(parsed).isEqualTo(reply);
		});
	}

	/** {@link Reply#asText} makes any text acceptable to {@link Reply#of}, and only prefixes what needs it. */
	@Test
	void asTextMakesAnyTextAReplyText() {
		PropertyCheck.forAllStrings(3000, ReplyPropertyTests::text, text -> {
			String fit = Reply.asText(text);
			assertThat(fit.equals(text) || fit.equals("error: " + text)).isTrue();
			Reply reply = Reply.of(ReplyCode.SYNTAX_ERROR, fit);
			assertThat(Reply.parse(reply.encode())).isEqualTo(reply);
		});
	}

	/** Parameters with any well-formed values, in any order, come back with the code and text. */
	@Test
	void replyWithParametersRoundTrips() {
		PropertyCheck.forAll(2000, LineGen::validReply, Shrink.none(), Reply::toString, reply -> {
			String line = reply.encode();
			assertThat(LineGen.hasControlCharacter(line)).as("control character in %s", Strings.show(line)).isFalse();
			Reply parsed = Reply.parse(line);
			assertThat(parsed).isEqualTo(reply);
			assertThat(List.copyOf(parsed.parameters().keySet())).isEqualTo(List.copyOf(reply.parameters().keySet()));
		});
	}

	/** Through a real ProtocolWriter and ProtocolReader: UTF-8 bytes, LF, the reader's checks. */
	@Test
	void replyOfWellFormedTextSurvivesTheWire() {
		Gen<Reply> replies = random -> {
			Reply reply = Reply.of(CODES[random.nextInt(CODES.length)], Reply.asText(LineGen.value(random, true)));
			Map<String, String> parameters = new LinkedHashMap<>();
			for (int i = random.nextInt(3); i > 0; i--) {
				parameters.put(LineGen.KEYS[random.nextInt(LineGen.KEYS.length)], LineGen.value(random, true));
			}
			for (Map.Entry<String, String> parameter : parameters.entrySet()) {
				reply = reply.with(parameter.getKey(), parameter.getValue());
			}
			return reply;
		};
		PropertyCheck.forAll(1000, replies, Shrink.none(), Reply::toString, reply -> {
			if (reply.encode().getBytes(StandardCharsets.UTF_8).length <= ProtocolReader.MAX_LINE_BYTES) {
				assertThat(Reply.parse(LineGen.overTheWire(reply))).isEqualTo(reply);
			}
		});
	}

	/**
	 * The server answers a {@link ProtocolException} with {@code Reply.of(ex.code(), ex.getMessage())}:
	 * that works for any message, a {@code key=value} first word included.
	 */
	@Test
	void anyProtocolExceptionBecomesAReply() {
		PropertyCheck.forAllStrings(2000, ReplyPropertyTests::text, message -> {
			ProtocolException ex = new ProtocolException(ReplyCode.BAD_ARGUMENTS, message);
			Reply reply = Reply.of(ex.code(), ex.getMessage());
			assertThat(Reply.parse(reply.encode())).isEqualTo(reply);
			Reply closing = Reply.of(ex.code(), ex.getMessage() + "; closing the connection");
			assertThat(Reply.parse(closing.encode())).isEqualTo(closing);
		});
	}

	static void refusedOrRoundTrips(String line) throws ProtocolException {
		Reply reply;
		try {
			reply = Reply.parse(line);
		}
		catch (ProtocolException ex) {
			assertThat(ex.code()).isIn(ReplyCode.SYNTAX_ERROR, ReplyCode.BAD_ARGUMENTS);
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(reply.code()).isBetween(100, 599);
		String encoded = reply.encode();
		assertThat(LineGen.hasControlCharacter(encoded)).as("control character in %s", Strings.show(encoded)).isFalse();
		Reply again = Reply.parse(encoded);
		assertThat(again).isEqualTo(reply);
		assertThat(again.encode()).isEqualTo(encoded);
		assertThat(reply.toString()).isNotNull();
	}

	/** Any text, often starting with a {@code key=value} word, spaces or control characters. */
	static String text(Random random) {
		String body = Strings.of(random, Strings.length(random, 200), r -> Strings.hostileChar(r, true));
		return switch (random.nextInt(6)) {
			case 0 -> LineGen.KEYS[random.nextInt(LineGen.KEYS.length)] + "=" + body;
			case 1 -> " ".repeat(1 + random.nextInt(3)) + body + " ".repeat(random.nextInt(3));
			case 2 -> Strings.controlChar(random) + body;
			default -> body;
		};
	}

	/** The text a reply keeps: control characters as '?', no U+0020 at either end. */
	static String expectedText(String text) {
		StringBuilder out = new StringBuilder();
		text.chars().forEach(c -> out.append(Character.isISOControl(c) ? '?' : (char) c));
		String replaced = out.toString();
		int start = 0;
		int end = replaced.length();
		while (start < end && replaced.charAt(start) == ' ') {
			start++;
		}
		while (end > start && replaced.charAt(end - 1) == ' ') {
			end--;
		}
		return replaced.substring(start, end);
	}

	record CodeAndText(ReplyCode code, String text) {

		static final Shrink<CodeAndText> SHRINK = value -> Strings.SHRINK.candidates(value.text)
			.stream()
			.map(text -> new CodeAndText(value.code, text))
			.toList();

		@Override
		public String toString() {
			return this.code + " (" + this.code.value() + ") " + Strings.show(this.text);
		}

	}

}
