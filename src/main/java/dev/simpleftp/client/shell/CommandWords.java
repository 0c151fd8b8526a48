package dev.simpleftp.client.shell;

import java.util.ArrayList;
import java.util.List;

/** The words of a command line as the commands read them: a port, names after a flag, at least one name. */
final class CommandWords {

	private CommandWords() {
	}

	static int parsePort(String text) {
		try {
			int port = Integer.parseInt(text);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, as for a number out of range.
		}
		throw new CommandFailedException("bad port '" + text + "': expected a number from 1 to 65535, as in open 12000");
	}

	/**
	 * The names given after a flag such as {@code --restart}: Spring Shell takes the word after an
	 * option as its value, so {@code get --restart a b} arrives as restart=a and the arguments [b].
	 */
	static List<String> withOptionValue(String optionValue, List<String> arguments) {
		if (optionValue == null) {
			return arguments;
		}
		List<String> words = new ArrayList<>(arguments.size() + 1);
		words.add(optionValue);
		words.addAll(arguments);
		return words;
	}

	static void requireNames(String usage, String command, List<String> arguments) {
		if (arguments.isEmpty()) {
			throw new CommandFailedException("usage: " + usage + ", for example " + command + " notes.txt");
		}
	}

}
