package dev.simpleftp.client.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.simpleftp.RunningServer;
import dev.simpleftp.TestClientSettings;
import dev.simpleftp.client.Credentials;
import dev.simpleftp.storage.local.LocalFileStore;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.shell.core.command.CommandRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines as the interactive shell reads them from a person's keys: a JLine reader set up as the
 * client sets up its own, on an xterm whose keyboard the test types on once the reader is waiting.
 */
@Timeout(30)
class TypedLineTests {

	@TempDir
	Path temp;

	@Test
	void tabCompletesANameWithSpacesQuotedSoThatTheLineIsOneName() throws IOException {
		Path serverDir = Files.createDirectories(this.temp.resolve("server"));
		Files.writeString(serverDir.resolve("my notes.txt"), "notes");
		Path clientDir = Files.createDirectories(this.temp.resolve("client"));
		try (RunningServer server = RunningServer.start(serverDir)) {
			ClientConnection connection = new ClientConnection(TestClientSettings.of(clientDir).build(), new LocalFileStore(clientDir));
			connection.open("127.0.0.1", server.port());
			try {
				List<String> lines = typed("get my\t\r", builder -> builder.parser(new QuotingParser())
					.completer(new FileNameCompleter(new CommandRegistry(Set.of()), connection)), reader -> reader.readLine("> "));
				assertThat(lines).containsExactly("get \"my notes.txt\" ");
			}
			finally {
				connection.close();
			}
		}
	}

	@Test
	void anExclamationMarkIsTakenAsTypedNotAsHistoryExpansion() throws IOException {
		List<String> lines = typed("!ls\r", builder -> builder, reader -> {
			new ClientRunner(reader, null, null, null, null, true);
			reader.getHistory().add("ls");
			return reader.readLine("> ");
		});
		assertThat(lines).containsExactly("!ls");
	}

	@Test
	void theUserNameAskedForAtLoginIsKeptOutOfTheHistory() throws IOException {
		List<String> lines = typed("alice-typed\rpw-typed\r", builder -> builder, reader -> {
			try {
				Credentials.Login login = ClientConnection.asking(null, ShellInputs.silentPasswords(reader)).ask("h:1");
				List<String> history = new ArrayList<>();
				reader.getHistory().forEach(entry -> history.add(entry.line()));
				return login.user() + " " + new String(login.password()) + " history=" + history;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(lines).containsExactly("alice-typed pw-typed history=[]");
	}

	/**
	 * Types {@code keys} half a second after {@code read} starts (typed sooner, the terminal would
	 * echo and keep them before the reader takes the keys itself) and returns what it read.
	 */
	private static List<String> typed(String keys, Function<LineReaderBuilder, LineReaderBuilder> setUp,
			Function<LineReader, String> read) throws IOException {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		PipedOutputStream keyboard = new PipedOutputStream();
		PipedInputStream input = new PipedInputStream(keyboard);
		Thread typist = new Thread(() -> {
			try {
				Thread.sleep(500);
				keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
				keyboard.flush();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		typist.setDaemon(true);
		typist.start();
		try (Terminal terminal = TerminalBuilder.builder().streams(input, screen).system(false).type("xterm").build()) {
			LineReader reader = setUp.apply(LineReaderBuilder.builder().terminal(terminal)).build();
			return List.of(read.apply(reader));
		}
	}

}
