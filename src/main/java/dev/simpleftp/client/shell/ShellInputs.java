package dev.simpleftp.client.shell;

import org.jline.reader.LineReader;

import org.springframework.shell.core.InputReader;
import org.springframework.shell.jline.JLineInputReader;

/** What a command can ask the person for (a user name, a password): at the terminal, or, in a script, nothing. */
final class ShellInputs {

	private ShellInputs() {
	}

	/** A script cannot be asked anything: what it needs must come with it. */
	static final InputReader SCRIPT_INPUT = new InputReader() {

		@Override
		public String readInput(String prompt) {
			throw new IllegalStateException("a script cannot be asked for it: give open --user NAME");
		}

		@Override
		public char[] readPassword(String prompt) {
			throw new IllegalStateException("a script cannot be asked for it: put the password in the environment variable "
					+ ClientConnection.PASSWORD_VARIABLE);
		}

	};

	/**
	 * The shell's input, with passwords read with nothing echoed (not even a * per character);
	 * JLine keeps a masked line out of the history. A user name asked for is kept out of it too:
	 * the history is for commands, and up-arrow should not offer a login.
	 */
	static InputReader silentPasswords(LineReader reader) {
		return new JLineInputReader(reader) {

			@Override
			public String readInput(String prompt) {
				reader.setVariable(LineReader.DISABLE_HISTORY, true);
				try {
					return reader.readLine(prompt);
				}
				finally {
					reader.getVariables().remove(LineReader.DISABLE_HISTORY);
				}
			}

			@Override
			public char[] readPassword(String prompt) {
				return reader.readLine(prompt, (char) 0).toCharArray();
			}

		};
	}

}
