package dev.simpleftp.client.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * What is wrong with a command line before Spring Shell's parser sees it: a command that does not
 * exist (which the parser answers with a list of sub-commands when it is the start of one, as
 * {@code ll} is of {@code lls}), or an option the command does not declare (which the parser
 * either takes as a name, or misreads as one that needs a value). One place for every command.
 */
final class CommandLineCheck {

	private final CommandRegistry registry;

	CommandLineCheck(CommandRegistry registry) {
		this.registry = registry;
	}

	/** The error to show for {@code line}, or empty if the parser may have it. */
	Optional<String> problem(String line) {
		List<Word> words = words(line);
		if (words.isEmpty()) {
			return Optional.empty();
		}
		String name = words.get(0).text();
		Command command = commandNamed(name);
		if (command == null) {
			return Optional.of("unknown command '" + name + "': type help to see the commands" + hint(name));
		}
		for (Word word : words.subList(1, words.size())) {
			if (!word.quoted() && word.text().startsWith("-") && word.text().length() > 1 && !declares(command, word.text())) {
				return Optional.of("unknown option " + word.text() + " for " + command.getName() + ": usage is "
						+ HelpCommand.usage(command));
			}
		}
		return Optional.empty();
	}

	private Command commandNamed(String name) {
		Command command = this.registry.getCommandByName(name);
		return (command != null) ? command : this.registry.getCommandByAlias(name);
	}

	private static boolean declares(Command command, String word) {
		String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
		for (CommandOption declared : command.getOptions()) {
			if (option.equals("--" + declared.longName())
					|| (declared.shortName() > ' ' && option.equals("-" + declared.shortName()))) {
				return true;
			}
		}
		return false;
	}

	/** Commands the word may have been meant as: those it begins, or one letter away from it. */
	private String hint(String name) {
		String typed = name.toLowerCase(Locale.ROOT);
		List<String> near = this.registry.getCommands().stream().filter(command -> !command.isHidden())
			.map(Command::getName)
			.filter(candidate -> candidate.startsWith(typed) || oneEditApart(candidate, typed))
			.sorted()
			.toList();
		return near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)";
	}

	/** Whether one letter added, dropped or changed turns one into the other. */
	static boolean oneEditApart(String a, String b) {
		if (Math.abs(a.length() - b.length()) > 1 || a.equals(b)) {
			return false;
		}
		int i = 0;
		while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		if (a.length() == b.length()) {
			return a.substring(i + 1).equals(b.substring(i + 1));
		}
		return (a.length() > b.length()) ? a.substring(i + 1).equals(b.substring(i)) : a.substring(i).equals(b.substring(i + 1));
	}

	/** The words as the command parser splits them: at spaces, except inside double quotes. */
	private static List<Word> words(String line) {
		List<Word> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inQuotes = false;
		boolean quoted = false;
		boolean any = false;
		for (char c : line.strip().toCharArray()) {
			if (c == '"') {
				inQuotes = !inQuotes;
				quoted = true;
				any = true;
			}
			else if (Character.isWhitespace(c) && !inQuotes) {
				if (any) {
					words.add(new Word(word.toString(), quoted));
				}
				word.setLength(0);
				quoted = false;
				any = false;
			}
			else {
				word.append(c);
				any = true;
			}
		}
		if (any) {
			words.add(new Word(word.toString(), quoted));
		}
		return words;
	}

	private record Word(String text, boolean quoted) {
	}

}
