package dev.simpleftp.client.shell;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.client.Credentials;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.shell.core.InputReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The login the shell asks for: the password is not echoed, not kept in the history, and a script is told what to give. */
class PasswordInputTests {

	@Test
	void aPasswordIsReadWithNothingEchoedAndKeptOutOfTheHistory() throws Exception {
		ByteArrayOutputStream screen = new ByteArrayOutputStream();
		// Typed once the prompt is up (type-ahead is echoed by any terminal), the keyboard left open:
		// an input stream at its end would close the terminal.
		PipedOutputStream keyboard = new PipedOutputStream();
		PipedInputStream typed = new PipedInputStream(keyboard);
		Thread typist = new Thread(() -> {
			try {
				Thread.sleep(500);
				keyboard.write("hunter2-secret\r".getBytes(StandardCharsets.UTF_8));
				keyboard.flush();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		typist.start();
		try (Terminal terminal = TerminalBuilder.builder()
			.streams(typed, screen)
			.system(false)
			.type("xterm")
			.build()) {
			LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
			InputReader input = ShellInputs.silentPasswords(reader);
			Credentials.Login login = ClientConnection.asking("alice", input).ask("127.0.0.1:12000");
			assertThat(login.user()).isEqualTo("alice");
			assertThat(new String(login.password())).isEqualTo("hunter2-secret");
			List<String> history = new ArrayList<>();
			reader.getHistory().forEach(entry -> history.add(entry.line()));
			assertThat(history).noneMatch(line -> line.contains("hunter2"));
			terminal.flush();
			assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("hunter2");
		}
	}

	@Test
	void theUserGivenWithUserIsNotAskedFor() throws Exception {
		List<String> asked = new ArrayList<>();
		InputReader input = new InputReader() {

			@Override
			public String readInput(String prompt) {
				asked.add(prompt);
				return "not-this-one";
			}

			@Override
			public char[] readPassword(String prompt) {
				asked.add(prompt);
				return "pw".toCharArray();
			}

		};
		Credentials.Login login = ClientConnection.asking("bob", input).ask("h:1");
		assertThat(login.user()).isEqualTo("bob");
		assertThat(asked).containsExactly("password for bob@h:1: ");
	}

	@Test
	void aScriptThatCannotBeAskedIsToldWhatToGive() {
		InputReader script = new InputReader() {

			@Override
			public char[] readPassword(String prompt) {
				throw new IllegalStateException("a script cannot be asked for it: put the password in the environment"
						+ " variable SIMPLE_FTP_PASSWORD");
			}

		};
		assertThatIOException().isThrownBy(() -> ClientConnection.asking("bob", script).ask("h:1"))
			.withMessage("the server at h:1 requires a login, and a script cannot be asked for it: put the password in"
					+ " the environment variable SIMPLE_FTP_PASSWORD");
	}

}
