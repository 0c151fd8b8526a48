package dev.simpleftp.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Arguments;
import org.springframework.stereotype.Component;

/**
 * {@code help} and {@code help COMMAND}, in place of Spring Shell's (which shows no arguments and
 * lists commands in no particular order). Everything it prints comes from the commands' own
 * {@code @Command} texts: the first line of a command's help is its usage.
 */
@Lazy
@Component
class HelpCommand {

	/** The order a newcomer meets them in. */
	private static final List<String> ORDER = List.of("open", "ls", "get", "put", "hash", "lls", "lcd", "lpwd", "status", "close",
			"quit", "help");

	/** Looked up when help is asked for: the registry is built from the commands, this one included. */
	private final ObjectProvider<CommandRegistry> registry;

	HelpCommand(ObjectProvider<CommandRegistry> registry) {
		this.registry = registry;
	}

	@org.springframework.shell.core.command.annotation.Command(name = "help", alias = "HELP", group = "Simple FTP",
			description = "list the commands, or explain one (usage: help [COMMAND])",
			help = "help [COMMAND]\n  Lists the commands, or shows what COMMAND takes, with examples.\n  Examples: help, help get")
	public String help(@Arguments List<String> arguments) {
		if (arguments.isEmpty()) {
			return overview();
		}
		if (arguments.size() > 1) {
			throw new CommandFailedException("usage: help [COMMAND], for example help get");
		}
		return explain(arguments.get(0));
	}

	private String overview() {
		List<String[]> rows = new ArrayList<>();
		for (String name : ORDER) {
			Command command = this.registry.getObject().getCommandByName(name);
			if (command != null) {
				rows.add(new String[] { usage(command), summary(command) });
			}
		}
		int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
		StringBuilder out = new StringBuilder("Commands (help COMMAND tells more; the course lab's upper-case spellings,"
				+ " such as OPEN and GET, work too):\n");
		rows.forEach(row -> out.append("  ").append(row[0]).append(" ".repeat(width - row[0].length() + 2)).append(row[1])
			.append('\n'));
		out.append("Also: clear (the screen), history (past commands; up-arrow recalls them).");
		return out.toString();
	}

	private String explain(String word) {
		Command command = this.registry.getObject().getCommandByName(word.toLowerCase(Locale.ROOT));
		if (command == null || !ORDER.contains(command.getName())) {
			throw new CommandFailedException("no command '" + word + "': type help to see the commands");
		}
		List<String> spellings = command.getAliases().stream().filter(alias -> !alias.equals(command.getName())).toList();
		return command.getHelp() + (spellings.isEmpty() ? "" : "\n  Also spelled: " + String.join(", ", spellings));
	}

	/** The first line of the command's help, such as {@code get NAME...}. */
	static String usage(Command command) {
		String help = command.getHelp();
		return (help == null || help.isBlank()) ? command.getName() : help.lines().findFirst().orElse(command.getName());
	}

	/** The description without its usage, which the overview shows in a column of its own. */
	private static String summary(Command command) {
		return command.getDescription().replaceFirst(" \\(usage: .*\\)$", "");
	}

}
