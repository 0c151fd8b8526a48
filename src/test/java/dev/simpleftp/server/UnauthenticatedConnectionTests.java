package dev.simpleftp.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.RawConnection;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestSettings;
import dev.simpleftp.server.account.Access;
import dev.simpleftp.server.account.AccountSettings;
import dev.simpleftp.server.account.Accounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static dev.simpleftp.server.RawTransfers.awaitConnectionCount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With accounts, a connection that has not logged in holds its place only for a while, and those
 * that have not logged in never fill the server: the login timeout runs whatever they send, and
 * they have a cap of their own below max-connections.
 */
@Timeout(60)
class UnauthenticatedConnectionTests {

	private static final String PASSWORD = "secret";

	private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

	@TempDir
	Path temp;

	private RunningServer start(TestSettings settings) throws IOException {
		AccountSettings accounts = new AccountSettings(
				List.of(new AccountSettings.User("alice", HASH, Access.READ_WRITE, null)),
				new AccountSettings.Login(Duration.ofMillis(100), 5, Duration.ofMinutes(1)));
		return RunningServer.start(settings.build(), null, new Accounts(accounts));
	}

	private TestSettings settings() throws IOException {
		return TestSettings.of(Files.createDirectories(this.temp.resolve("root")));
	}

	@ParameterizedTest(name = "waiting threads {0}")
	@ValueSource(ints = { 32, 0 })
	void aConnectionThatKeepsSendingNoopButNeverLogsInIsClosedAtTheLoginTimeout(int waitingThreads) throws Exception {
		try (RunningServer server = start(settings().waitingThreads(waitingThreads).loginTimeout(Duration.ofSeconds(2)));
				RawConnection connection = RawConnection.open(server.port())) {
			String reply;
			do {
				reply = connection.request("NOOP");
				Thread.sleep(100);
			}
			while ("200 ok".equals(reply));
			assertThat(reply).isEqualTo("421 not logged in within 2 s of connecting; closing the connection");
			assertThat(connection.isClosedByServer()).isTrue();
			awaitConnectionCount(server.runner(), 0);
		}
	}

	@Test
	void aConnectionThatLogsInIsNotClosedAtTheLoginTimeout() throws Exception {
		try (RunningServer server = start(settings().loginTimeout(Duration.ofSeconds(1)));
				RawConnection connection = RawConnection.open(server.port())) {
			assertThat(connection.request("LOGIN alice " + PASSWORD)).startsWith("230 ");
			Thread.sleep(2500);
			assertThat(connection.request("NOOP")).isEqualTo("200 ok");
			assertThat(server.runner().connectionCount()).isEqualTo(1);
		}
	}

	@Test
	void connectionsNotLoggedInHaveACapOfTheirOwnAndALoginGivesItsPlaceBack() throws IOException {
		List<RawConnection> strangers = new ArrayList<>();
		try (RunningServer server = start(settings().maxConnections(6).maxUnauthenticated(3));
				RawConnection alice = RawConnection.open(server.port())) {
			try {
				assertThat(alice.request("LOGIN alice " + PASSWORD)).startsWith("230 ");
				for (int i = 0; i < 3; i++) {
					RawConnection stranger = RawConnection.open(server.port());
					assertThat(stranger.request("NOOP")).isEqualTo("200 ok");
					strangers.add(stranger);
				}
				try (RawConnection fourth = new RawConnection(server.port())) {
					assertThat(fourth.readLine()).isEqualTo("421 too many connections that have not logged in yet"
							+ " (the limit is 3); try again later");
					assertThat(fourth.isClosedByServer()).isTrue();
				}
				assertThat(alice.request("NOOP")).isEqualTo("200 ok");
				strangers.remove(0).close();
				awaitConnectionCount(server.runner(), 3);
				try (RawConnection bob = RawConnection.open(server.port())) {
					assertThat(bob.request("LOGIN alice " + PASSWORD)).startsWith("230 ");
					RawConnection stranger = RawConnection.open(server.port());
					strangers.add(stranger);
					assertThat(stranger.request("NOOP")).isEqualTo("200 ok");
					assertThat(server.runner().connectionCount()).isEqualTo(5);
					assertThat(bob.request("NOOP")).isEqualTo("200 ok");
				}
			}
			finally {
				for (RawConnection stranger : strangers) {
					stranger.close();
				}
			}
		}
	}

	@Test
	void theCapOfConnectionsNotLoggedInMustBeBelowMaxConnections() throws IOException {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> settings().maxConnections(10).maxUnauthenticated(10))
			.withMessage("ftp.server.max-unauthenticated must be at least 1 and below ftp.server.max-connections (10), not 10");
		assertThat(settings().maxConnections(10).build().maxUnauthenticated()).isEqualTo(5);
		assertThat(settings().maxConnections(1).build().maxUnauthenticated()).isEqualTo(1);
	}

}
