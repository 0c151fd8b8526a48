package dev.simpleftp.server.account;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts are bound and built in the server profile only, found as the application finds its
 * settings ({@code @ConfigurationPropertiesScan}); the client never binds them.
 */
class AccountsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ScanLikeTheApplication.class);

	@Test
	void theServerProfileBindsTheUsersAndBuildsTheAccounts() {
		this.runner
			.withPropertyValues("spring.profiles.active=server", "ftp.server.users[0].name=alice",
					"ftp.server.users[0].password-hash=" + AccountSettingsTests.HASH, "ftp.server.users[0].access=read-only",
					"ftp.server.login.max-failures=3")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AccountSettings.class).users()).hasSize(1);
				assertThat(context.getBean(AccountSettings.class).login().maxFailures()).isEqualTo(3);
				assertThat(context.getBean(Accounts.class).required()).isTrue();
			});
	}

	@Test
	void theServerProfileWithNoUsersRequiresNoLogin() {
		this.runner.withPropertyValues("spring.profiles.active=server")
			.run(context -> assertThat(context.getBean(Accounts.class).required()).isFalse());
	}

	@Test
	void aBadUserStopsTheServerProfileWithTheSettingNamed() {
		this.runner.withPropertyValues("spring.profiles.active=server", "ftp.server.users[0].name=alice",
				"ftp.server.users[0].password-hash=plain-text", "ftp.server.users[0].access=read-only")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageStartingWith("ftp.server.users[0].password-hash must be a bcrypt hash"));
	}

	@Test
	void theClientProfileNeitherBindsNorChecksThem() {
		this.runner.withPropertyValues("spring.profiles.active=client", "ftp.server.users[0].name=alice",
				"ftp.server.users[0].password-hash=plain-text")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(AccountSettings.class);
				assertThat(context).doesNotHaveBean(Accounts.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan(basePackageClasses = AccountSettings.class)
	@Import(AccountsConfiguration.class)
	static class ScanLikeTheApplication {

	}

}
