package dev.simpleftp.client;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.jline.JLineInputReader;
import org.springframework.shell.jline.PromptProvider;

/**
 * Runs the client: the interactive shell, or with {@code --script=FILE} the commands of a file,
 * stopping at the first that fails. Replaces Spring Shell's own runner so that {@code quit} is our
 * command, an error is one line rather than a stack trace, and a script has a real exit status.
 */
final class ClientRunner implements ApplicationRunner, ExitCodeGenerator {

	static final int EXIT_COMMAND_FAILED = 1;

	static final int EXIT_USAGE = 2;

	private final LineReader lineReader;

	private final PromptProvider prompt;

	private final CommandParser parser;

	private final CommandRegistry registry;

	private final CommandExecutor executor;

	private final ClientConnection connection;

	private final boolean interactive;

	private int exitCode;

	ClientRunner(LineReader lineReader, PromptProvider prompt, CommandParser parser, CommandRegistry registry,
			ClientConnection connection, boolean interactive) {
		this.lineReader = lineReader;
		this.prompt = prompt;
		this.parser = parser;
		this.registry = registry;
		this.executor = new CommandExecutor(registry);
		this.connection = connection;
		this.interactive = interactive;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		List<String> script = arguments.getOptionValues("script");
		if (script != null) {
			this.exitCode = (script.size() == 1) ? runScript(Path.of(script.get(0))) : usage("give one --script=FILE, not several");
		}
		else if (this.interactive) {
			runInteractive();
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private void runInteractive() {
		PrintWriter out = terminal().writer();
		while (!this.connection.quitRequested()) {
			String line;
			try {
				line = this.lineReader.readLine(this.prompt.getPrompt().toAnsi(terminal()));
			}
			catch (UserInterruptException ex) {
				continue;
			}
			catch (EndOfFileException ex) {
				break;
			}
			if (!line.isBlank()) {
				execute(line, out, new JLineInputReader(this.lineReader));
			}
		}
	}

	/**
	 * Runs each line of {@code file}, echoing it; blank lines and {@code #} comments are skipped.
	 * Writes to standard output, not the terminal: a script runs without one, and its output must
	 * be complete when the process exits.
	 */
	int runScript(Path file) {
		PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (NoSuchFileException ex) {
			error(out, "cannot read script " + file + ": no such file");
			return EXIT_USAGE;
		}
		catch (IOException ex) {
			error(out, "cannot read script " + file + ": " + ex.getMessage());
			return EXIT_USAGE;
		}
		for (int number = 1; number <= lines.size() && !this.connection.quitRequested(); number++) {
			String line = lines.get(number - 1).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			out.println(this.prompt.getPrompt().toString() + line);
			if (!execute(line, out, new InputReader() {
			})) {
				error(out, "script stopped at line " + number + " of " + file);
				return EXIT_COMMAND_FAILED;
			}
		}
		return 0;
	}

	/** Runs one command line and prints its result or its error; returns true if it succeeded. */
	boolean execute(String line, PrintWriter out, InputReader input) {
		try {
			CommandContext context = new CommandContext(this.parser.parse(line.strip()), this.registry, out, input);
			ExitStatus status = this.executor.execute(context);
			return status.code() == ExitStatus.OK.code();
		}
		catch (CommandNotFoundException ex) {
			error(out, "unknown command '" + ex.getCommandName() + "': type help to see the commands");
		}
		catch (CommandExecutionException ex) {
			error(out, messageOf(ex));
		}
		catch (RuntimeException ex) {
			error(out, "cannot read that command: " + ex.getMessage());
		}
		finally {
			out.flush();
		}
		return false;
	}

	private static String messageOf(Throwable failure) {
		Throwable root = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CommandFailedException) {
				return cause.getMessage();
			}
			root = cause;
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private int usage(String message) {
		error(terminal().writer(), message);
		return EXIT_USAGE;
	}

	/** Prints an error line: red on a terminal that has colours, plain anywhere else. */
	private void error(PrintWriter out, String message) {
		if (out != terminal().writer() || Terminal.TYPE_DUMB.equals(terminal().getType())) {
			out.println(message);
		}
		else {
			out.println(new AttributedString(message, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED))
				.toAnsi(terminal()));
		}
		out.flush();
	}

	private Terminal terminal() {
		return this.lineReader.getTerminal();
	}

}
