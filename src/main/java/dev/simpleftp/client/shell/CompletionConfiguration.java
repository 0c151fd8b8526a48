package dev.simpleftp.client.shell;

import org.jline.reader.Parser;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.CommandCompleter;

/**
 * TAB completion of file names, in place of Spring Shell's completer of command names only, and
 * written back quoted where a name has spaces.
 */
@Profile("client")
@Configuration(proxyBeanMethods = false)
class CompletionConfiguration {

	@Bean
	CommandCompleter commandCompleter(CommandRegistry registry, ClientConnection connection) {
		return new FileNameCompleter(registry, connection);
	}

	/** Preferred to Spring Shell's parser, which it extends; Spring Shell offers no switch for this. */
	@Bean
	@Primary
	Parser quotingParser() {
		return new QuotingParser();
	}

}
