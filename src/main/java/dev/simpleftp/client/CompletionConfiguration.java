package dev.simpleftp.client;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.CommandCompleter;

/** TAB completion of file names, in place of Spring Shell's completer of command names only. */
@Profile("client")
@Configuration(proxyBeanMethods = false)
class CompletionConfiguration {

	@Bean
	CommandCompleter commandCompleter(CommandRegistry registry, ClientConnection connection) {
		return new FileNameCompleter(registry, connection);
	}

}
