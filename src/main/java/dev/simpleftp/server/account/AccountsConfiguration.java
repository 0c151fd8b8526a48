package dev.simpleftp.server.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@link Accounts} of the {@code server} profile, from {@link AccountSettings} (bound by the
 * application's {@code @ConfigurationPropertiesScan}, in that profile only).
 */
@Profile("server")
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

	@Bean
	Accounts accounts(AccountSettings settings) {
		return new Accounts(settings);
	}

}
