package dev.simpleftp.client.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jline.terminal.Terminal;

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

	/** Narrower than this, a terminal's width is taken as unknown. */
	private static final int MIN_WIDTH = 20;

	/** The order a newcomer meets them in. */
	private static final List<String> ORDER = List.of("open", "ls", "get", "put", "hash", "lls", "lcd", "lpwd", "status", "close",
			"quit", "help");

	/** Looked up when help is asked for: the registry is built from the commands, this one included. */
	private final ObjectProvider<CommandRegistry> registry;

	/** The shell's terminal, for its width; none, or one of unknown width, gets the lines as written. */
	private final ObjectProvider<Terminal> terminal;

	HelpCommand(ObjectProvider<CommandRegistry> registry, ObjectProvider<Terminal> terminal) {
		this.registry = registry;
		this.terminal = terminal;
	}

	@org.springframework.shell.core.command.annotation.Command(name = "help", alias = "HELP", group = "Simple FTP",
			description = "list the commands, or explain one (usage: help [COMMAND])",
			help = "help [COMMAND]\n  Lists the commands, or shows what COMMAND takes, with examples.\n  Examples: help, help get")
	public String help(@Arguments List<String> arguments) {
		Terminal screen = this.terminal.getIfAvailable();
		return text(arguments, (screen != null && screen.getWidth() >= MIN_WIDTH) ? screen.getWidth() : Integer.MAX_VALUE);
	}

	/** What help prints for {@code arguments} on a screen {@code width} columns wide, wrapped between words. */
	String text(List<String> arguments, int width) {
		if (arguments.isEmpty()) {
			return overview(width);
		}
		if (arguments.size() > 1) {
			throw new CommandFailedException("usage: help [COMMAND], for example help get");
		}
		return explain(arguments.get(0), width);
	}

	private String overview(int screenWidth) {
		List<String[]> rows = new ArrayList<>();
		for (String name : ORDER) {
			Command command = this.registry.getObject().getCommandByName(name);
			if (command != null) {
				rows.add(new String[] { usage(command), summary(command) });
			}
		}
		int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(0);
		StringBuilder out = new StringBuilder(wrap("Commands (help COMMAND tells more; the course lab's upper-case spellings,"
				+ " such as OPEN and GET, work too):", screenWidth, "  ")).append('\n');
		String hanging = " ".repeat(width + 4);
		rows.forEach(row -> out.append(wrap("  " + row[0] + " ".repeat(width - row[0].length() + 2) + row[1], screenWidth,
				hanging)).append('\n'));
		out.append(wrap("Also: clear (the screen), history (past commands; up-arrow recalls them).", screenWidth, "  "));
		return out.toString();
	}

	private String explain(String word, int width) {
		Command command = this.registry.getObject().getCommandByName(word.toLowerCase(Locale.ROOT));
		if (command == null || !ORDER.contains(command.getName())) {
			throw new CommandFailedException("no command '" + word + "': type help to see the commands");
		}
		List<String> spellings = command.getAliases().stream().filter(alias -> !alias.equals(command.getName())).toList();
		String help = command.getHelp() + (spellings.isEmpty() ? "" : "\n  Also spelled: " + String.join(", ", spellings));
		return help.lines().map(line -> wrap(line, width, line.replaceFirst("^(\\s*).*", "$1") + "  "))
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Each line of {@code text} broken at spaces to fit {@code width} columns, the continuations
	 * indented by {@code indent}, so that the terminal never breaks a word; a word longer than the
	 * line stays whole.
	 */
	static String wrap(String text, int width, String indent) {
		StringBuilder out = new StringBuilder();
		for (String line : text.split("\n", -1)) {
			if (out.length() > 0) {
				out.append('\n');
			}
			String rest = line;
			while (rest.length() > width) {
				int end = rest.lastIndexOf(' ', width);
				while (end > 0 && rest.charAt(end - 1) == ' ') {
					end--;
				}
				if (end <= indent.length()) {
					end = rest.indexOf(' ', width);
					if (end < 0) {
						break;
					}
				}
				out.append(rest, 0, end).append('\n');
				rest = indent + rest.substring(end).stripLeading();
			}
			out.append(rest);
		}
		return out.toString();
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
