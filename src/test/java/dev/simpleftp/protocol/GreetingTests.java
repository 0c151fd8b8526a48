package dev.simpleftp.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreetingTests {

	@Test
	void aServerThatRequiresTlsSaysSoAndNothingOfTheLoginUntilTlsIsOn() throws ProtocolException {
		Reply greeting = Reply.parse(new Greeting(true, true).toReply().encode());
		assertThat(greeting.encode()).isEqualTo("220 protocol=simple-ftp version=4 tls=required Simple FTP server ready");
		assertThat(Greeting.isOurs(greeting)).isTrue();
		assertThat(Greeting.requires(greeting, Parameters.TLS)).isTrue();
		assertThat(Greeting.requires(greeting, Parameters.LOGIN)).isFalse();
	}

	@Test
	void insideTlsTheGreetingAsksForTheLogin() throws ProtocolException {
		Reply greeting = Reply.parse(new Greeting(false, true).toReply().encode());
		assertThat(Greeting.requires(greeting, Parameters.LOGIN)).isTrue();
		assertThat(Greeting.requires(greeting, Parameters.TLS)).isFalse();
	}

	@Test
	void aGreetingOfAnotherProtocolOrCodeIsNotOurs() throws ProtocolException {
		assertThat(Greeting.isOurs(Reply.parse("220 protocol=other version=4 hello"))).isFalse();
		assertThat(Greeting.isOurs(Reply.parse("421 protocol=simple-ftp busy"))).isFalse();
		assertThat(Greeting.requires(Reply.parse("421 tls=required busy"), Parameters.TLS)).isFalse();
	}

	@Test
	void verbsAreReadWhateverTheirCaseAndListedInAlphabeticalOrder() {
		assertThat(Verb.of("get")).contains(Verb.GET);
		assertThat(Verb.of("DELETE")).isEmpty();
		assertThat(Verb.values()).extracting(Verb::word).isSorted();
	}

}
