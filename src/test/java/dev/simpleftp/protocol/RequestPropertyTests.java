package dev.simpleftp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.simpleftp.PropertyCheck.Gen;
import dev.simpleftp.PropertyCheck.Shrink;
import dev.simpleftp.PropertyCheck.Strings;
import dev.simpleftp.PropertyCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Properties of {@link Request#parse} and {@link Request#encode} (docs/PROTOCOL.md, sections "Lines
 * and tokens" and "Requests") over random and damaged lines: parsing refuses with a
 * {@link ProtocolException} or gives a request that encodes to a line parsing back to it.
 */
@Timeout(30)
class RequestPropertyTests {

	private static final Set<ReplyCode> REFUSAL_CODES = EnumSet.of(ReplyCode.SYNTAX_ERROR, ReplyCode.BAD_ARGUMENTS);

	@Test
	void randomLinesAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(10_000, random -> LineGen.randomLine(random, false),
				RequestPropertyTests::refusedOrRoundTrips);
	}

	@Test
	void damagedRequestsAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(10_000, random -> LineGen.mutate(random, LineGen.validRequest(random).encode()),
				RequestPropertyTests::refusedOrRoundTrips);
	}

	/** The same for the lines a ProtocolReader delivers: well-formed text, since it refuses bytes that are not UTF-8. */
	@Test
	void randomWellFormedLinesAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(3000, random -> LineGen.randomLine(random, false), Strings::isWellFormed,
				RequestPropertyTests::refusedOrRoundTrips);
	}

	@Test
	void damagedWellFormedRequestsAreRefusedWithAProtocolExceptionOrRoundTrip() {
		PropertyCheck.forAllStrings(3000, random -> LineGen.mutate(random, LineGen.validRequest(random).encode()),
				Strings::isWellFormed, RequestPropertyTests::refusedOrRoundTrips);
	}

	@Test
	void validRequestsRoundTrip() {
		PropertyCheck.forAll(1000, LineGen::validRequest, Shrink.none(), Request::toString, request -> {
			String line = request.encode();
			assertThat(LineGen.hasControlCharacter(line)).as("control character in %s", line).isFalse();
			assertThat(Request.parse(line)).isEqualTo(request);
			if (line.getBytes(StandardCharsets.UTF_8).length <= ProtocolReader.MAX_LINE_BYTES) {
				assertThat(Request.parse(LineGen.overTheWire(request))).isEqualTo(request);
			}
		});
	}

	@Test
	void anyWellFormedTextRoundTripsAsAnArgument() {
		Gen<String> texts = random -> LineGen.value(random, false);
		PropertyCheck.forAllStrings(2000, texts, text -> !text.isEmpty() && Strings.isWellFormed(text), text -> {
			Request request = Request.of("GET", text);
			String line = request.encode();
			assertThat(Lines.split(line)).as("tokens of %s", line).hasSize(2);
			Request parsed = Request.parse(line);
			assertThat(parsed.arguments()).containsExactly(text);
			assertThat(parsed.parameters()).isEmpty();
			assertThat(Request.parse(LineGen.overTheWire(request))).isEqualTo(request);
		});
	}

	@Test
	void anyWellFormedTextRoundTripsAsAParameterValue() {
		Gen<String> texts = random -> LineGen.value(random, true);
		PropertyCheck.forAllStrings(2000, texts, Strings::isWellFormed, text -> {
			Request request = Request.of("PUT", "name", "1").with("modified", text);
			Request parsed = Request.parse(request.encode());
			assertThat(parsed.parameter("modified")).contains(text);
			assertThat(parsed.arguments()).containsExactly("name", "1");
		});
	}

	/** Tokens directly (package-private): every well-formed string, the empty one too, and any code point. */
	@Test
	void tokensEncodeToOneSafeTokenThatDecodesBack() {
		Gen<String> texts = random -> (random.nextInt(4) == 0)
				? Strings.of(random, Strings.length(random, 200), Strings::anyCodePoint) : LineGen.value(random, true);
		PropertyCheck.forAllStrings(3000, texts, Strings::isWellFormed, text -> {
			String token = Tokens.encode(text);
			assertThat(token).doesNotContain(" ").doesNotContain("=");
			assertThat(LineGen.hasControlCharacter(token)).as("control character in %s", token).isFalse();
			assertThat(token.replaceAll("%[0-9A-F]{2}", "")).as("every '%%' starts an escape in %s", token).doesNotContain("%");
			assertThat(Tokens.decode(token)).isEqualTo(text);
		});
	}

	/**
	 * docs/PROTOCOL.md: "%XX (two ASCII hex digits, either case) stands for the byte 0xXX". A token
	 * with a '%' that is not followed by two hex digits is refused, whatever comes before it.
	 */
	@Test
	void aBrokenEscapeIsAlwaysRefused() {
		Gen<String> lines = random -> {
			String before = Strings.of(random, Strings.length(random, 20), RequestPropertyTests::tokenChar);
			String after = Strings.of(random, Strings.length(random, 20), RequestPropertyTests::tokenChar);
			String broken = switch (random.nextInt(4)) {
				case 0 -> "%";
				case 1 -> "%" + "0123456789abcdefABCDEF".charAt(random.nextInt(22));
				case 2 -> "%" + "gGzZ\u0660\uff11".charAt(random.nextInt(6)) + "0";
				default -> "%0" + "gGzZ\u0660\uff11".charAt(random.nextInt(6));
			};
			// "%" and "%X" end the token: characters after them could complete the escape.
			String token = before + broken + ((broken.length() == 3) ? after : "");
			return "GET " + token;
		};
		PropertyCheck.forAllStrings(2000, lines, line -> line.startsWith("GET ") && hasBrokenEscape(line.substring(4)), line -> {
			assertThatExceptionOfType(ProtocolException.class).as("parsing %s", Strings.show(line))
				.isThrownBy(() -> Request.parse(line));
		});
	}

	/**
	 * What a server does with a line it cannot parse (Session): it answers
	 * {@code Reply.of(ex.code(), ex.getMessage())}. That reply must be buildable and reach the client
	 * as it was built, for any line a client can send: well-formed text of at most 4096 bytes.
	 */
	@Test
	void theErrorReplyToARefusedLineReachesTheClientIntact() {
		Gen<String> lines = random -> switch (random.nextInt(3)) {
			case 0 -> LineGen.mutate(random, LineGen.validRequest(random).encode());
			case 1 -> LineGen.randomLine(random, false);
			default -> quotedTokenLine(random);
		};
		PropertyCheck.forAllStrings(2000, lines, RequestPropertyTests::canBeSent, line -> {
			ProtocolException refusal;
			try {
				Request.parse(line);
				return;
			}
			catch (ProtocolException ex) {
				refusal = ex;
			}
			Reply reply = Reply.of(refusal.code(), refusal.getMessage());
			assertThat(Reply.parse(LineGen.overTheWire(reply))).as("the reply to %s", Strings.show(line)).isEqualTo(reply);
		});
	}

	/** Parsing either refuses with a ProtocolException (any other exception fails the property) or round-trips. */
	static void refusedOrRoundTrips(String line) throws ProtocolException {
		Request request;
		try {
			request = Request.parse(line);
		}
		catch (ProtocolException ex) {
			assertThat(REFUSAL_CODES).contains(ex.code());
			assertThat(ex.getMessage()).isNotBlank();
			return;
		}
		assertThat(request.verb()).matches("[A-Z]+");
		String encoded = request.encode();
		assertThat(LineGen.hasControlCharacter(encoded)).as("control character in %s", Strings.show(encoded)).isFalse();
		Request again = Request.parse(encoded);
		assertThat(again).isEqualTo(request);
		assertThat(again.encode()).isEqualTo(encoded);
		assertThat(request.toString()).isNotNull();
	}

	/** A line whose second token is long, mixes one- to four-byte characters, and is refused (so quoted). */
	private static String quotedTokenLine(Random random) {
		String[] units = { "a", "b", "é", "日", "😀", "𝄞" };
		StringBuilder token = new StringBuilder();
		for (int i = 60 + random.nextInt(60); i > 0; i--) {
			token.append(units[random.nextInt(units.length)]);
		}
		return switch (random.nextInt(3)) {
			case 0 -> token + " x"; // a verb that is not ASCII letters
			case 1 -> "GET " + token + "%"; // a bad escape
			default -> "GET " + token + "%C3"; // not UTF-8 once decoded
		};
	}

	/** One character for a token: anything but a space or '%'. */
	private static String tokenChar(Random random) {
		String c;
		do {
			c = Strings.hostileChar(random, true);
		}
		while (c.equals(" ") || c.equals("%"));
		return c;
	}

	/** True if a '%' in {@code token} is not followed by two ASCII hex digits. */
	static boolean hasBrokenEscape(String token) {
		if (token.indexOf(' ') >= 0) {
			return false; // not one token
		}
		for (int i = 0; i < token.length(); i++) {
			if (token.charAt(i) == '%') {
				if (i + 2 >= token.length() || !isHex(token.charAt(i + 1)) || !isHex(token.charAt(i + 2))) {
					return true;
				}
				i += 2;
			}
		}
		return false;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/** What a ProtocolReader can deliver: well-formed text, at most 4096 bytes of UTF-8, no line ending. */
	private static boolean canBeSent(String line) {
		return Strings.isWellFormed(line) && line.indexOf('\n') < 0 && !line.endsWith("\r")
				&& line.getBytes(StandardCharsets.UTF_8).length <= ProtocolReader.MAX_LINE_BYTES;
	}

}
