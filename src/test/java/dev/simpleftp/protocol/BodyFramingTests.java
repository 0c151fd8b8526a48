package dev.simpleftp.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a request's body ends, told from its line alone, or known not to be tellable. */
class BodyFramingTests {

	@Test
	void putWithBodyFollowsFramesItsSizeAndItsChecksumLine() {
		assertThat(BodyFraming.of("PUT a.txt 12 body=follows checksum=crc32c"))
			.isEqualTo(new BodyFraming(BodyFraming.Kind.FOLLOWS, 12, true, null, null));
		assertThat(BodyFraming.of("put a.txt 0 body=follows modified=2026-11-24T06:20:23Z"))
			.isEqualTo(new BodyFraming(BodyFraming.Kind.FOLLOWS, 0, false, null, null));
	}

	@Test
	void anUnknownParameterOrABadValueOfAnotherParameterStillFramesTheBody() {
		// The handler refuses them; the body can still be dropped exactly.
		assertThat(BodyFraming.of("PUT a.txt 3 body=follows mode=append").kind()).isEqualTo(BodyFraming.Kind.FOLLOWS);
		assertThat(BodyFraming.of("PUT ../x 3 body=follows modified=yesterday").kind()).isEqualTo(BodyFraming.Kind.FOLLOWS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT a.txt 3", "PUT a.txt 3 checksum=crc32c", "GET a.txt body=follows", "NOOP", "",
			"PUTS a 3 body=follows", "PUT/a 3 body=follows" })
	void noBodyFollowsALineWithoutBodyFollowsOrOfAnotherVerb(String line) {
		assertThat(BodyFraming.of(line).kind()).isEqualTo(BodyFraming.Kind.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT a 3 body=follows body=follows", "PUT a 3 body=follows checksum=crc32c checksum=crc32c",
			"PUT a 3 body=follows modified=x modified=y", "PUT a 3 body=follows Foo=1", "PUT a 3 BODY=follows",
			"PUT a%zz 3 body=follows", "PUT a 3 body=follows%", "PUT a 3 body=folows", "PUT a 3 body=", "PUT a 3 4 body=follows",
			"PUT a body=follows", "PUT a -1 body=follows", "PUT a 99999999999999999999 body=follows", "PUT a 3 body=follows offset=1",
			"PUT a 3 body=follows checksum=md5", "PUT %FF 3 body=follows", "PUT a 3 Foo=1", "PUT a%zz 3" })
	void aPutLineThatDoesNotParseOrIsAmbiguousHasAnUnknownBody(String line) {
		BodyFraming framing = BodyFraming.of(line);
		assertThat(framing.kind()).isEqualTo(BodyFraming.Kind.UNKNOWN);
		assertThat(framing.problem()).isNotBlank();
	}

	@Test
	void anUnknownBodyIsRefusedWithTheCodeOfWhatIsWrong() {
		assertThat(BodyFraming.of("PUT a 3 body=follows body=follows").code()).isEqualTo(ReplyCode.BAD_ARGUMENTS);
		assertThat(BodyFraming.of("PUT a -1 body=follows").code()).isEqualTo(ReplyCode.BAD_ARGUMENTS);
		assertThat(BodyFraming.ofUnreadable("PUT a\uFFFD 3 body=follows").code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
	}

	@Test
	void anUnreadableLineHasAnUnknownBodyIfItsVerbMayCarryOne() {
		assertThat(BodyFraming.ofUnreadable("PUT a\uFFFD 3 body=follows").kind()).isEqualTo(BodyFraming.Kind.UNKNOWN);
		assertThat(BodyFraming.ofUnreadable("put a\uFFFD 3").kind()).isEqualTo(BodyFraming.Kind.UNKNOWN);
		assertThat(BodyFraming.ofUnreadable("GET a\uFFFD").kind()).isEqualTo(BodyFraming.Kind.NONE);
	}

}
