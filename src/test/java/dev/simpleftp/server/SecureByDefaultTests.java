package dev.simpleftp.server;

import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.simpleftp.TestSettings;
import dev.simpleftp.TestTls;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.storage.local.LocalFileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Beyond loopback the server needs TLS and accounts, or an explicit, logged override. The address
 * used, 192.0.2.1, is a documentation address no machine has: nothing is ever bound to it, so the
 * override's test ends in a failure to listen, after the check it is about.
 */
class SecureByDefaultTests {

	private static final String NOT_LOOPBACK = "192.0.2.1";

	@TempDir
	Path temp;

	@Test
	void aNonLoopbackAddressWithoutTlsAndAccountsIsRefusedWithWhatToAdd() throws Exception {
		ServerRunner runner = runner(TestSettings.of(this.temp).host(NOT_LOOPBACK).build(), false);
		InsecureSettingsException refused = catchInsecure(runner);
		assertThat(refused).hasMessage("will not listen on 192.0.2.1 without TLS (ftp.server.ssl.bundle) and accounts"
				+ " (ftp.server.users)");
		FailureAnalysis analysis = new InsecureSettingsFailureAnalyzer().analyze(refused);
		assertThat(analysis.getAction()).contains("ftp.server.ssl.bundle", "ftp.server.users", "ftp.server.allow-insecure=true");
	}

	@Test
	void tlsAloneIsNotEnough() throws Exception {
		ServerRunner runner = runner(TestSettings.of(this.temp).host(NOT_LOOPBACK).build(), true);
		assertThat(catchInsecure(runner)).hasMessage("will not listen on 192.0.2.1 without accounts (ftp.server.users)");
	}

	@Test
	void theOverrideIsLoggedAsAWarningAndTheServerGoesOnToListen() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(ServerRunner.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			ServerRunner runner = runner(TestSettings.of(this.temp).host(NOT_LOOPBACK).allowInsecure(true).build(), false);
			// Past the check, it tries to listen, on an address this machine does not have.
			assertThatExceptionOfType(ListenFailedException.class).isThrownBy(runner::start);
			List<String> warnings = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
			assertThat(warnings).anyMatch(line -> line.startsWith("listening on 192.0.2.1, not a loopback address, without"
					+ " TLS (ftp.server.ssl.bundle) and accounts (ftp.server.users)"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void withTlsAndAccountsItGoesOnToListenWithoutAWarning() throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(ServerRunner.class);
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			Accounts accounts = new Accounts(new AccountSettings(List.of(new AccountSettings.User("alice",
					new BCryptPasswordEncoder(4).encode("pw"), Access.READ_WRITE, null)), AccountSettings.Login.DEFAULTS));
			ServerRunner runner = new ServerRunner(TestSettings.of(this.temp).host(NOT_LOOPBACK).build(),
					new LocalFileStore(this.temp), new SimpleAsyncTaskExecutor(), TestTls.server("server"), accounts);
			// Past the check, it tries to listen, on an address this machine does not have.
			assertThatExceptionOfType(ListenFailedException.class).isThrownBy(runner::start);
			assertThat(appender.list).noneMatch(event -> event.getFormattedMessage().contains("not a loopback address"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void loopbackRunsOpenAsBefore() throws Exception {
		ServerRunner runner = runner(TestSettings.of(this.temp).build(), false);
		runner.start();
		try {
			assertThat(runner.isRunning()).isTrue();
		}
		finally {
			runner.stop();
		}
	}

	private ServerRunner runner(ServerSettings settings, boolean tls) throws Exception {
		return new ServerRunner(settings, new LocalFileStore(this.temp), new SimpleAsyncTaskExecutor(),
				tls ? TestTls.server("server") : null);
	}

	private static InsecureSettingsException catchInsecure(ServerRunner runner) {
		try {
			runner.start();
		}
		catch (InsecureSettingsException ex) {
			return ex;
		}
		runner.stop();
		throw new AssertionError("the server started");
	}

}
