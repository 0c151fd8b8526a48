package dev.simpleftp.client.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.shell.core.command.availability.Availability;
import org.springframework.shell.jline.PromptProvider;

/**
 * Runs the client in one of three ways: the interactive shell on a terminal; with
 * {@code --script=FILE} the commands of a file, stopping at the first that fails; or, when
 * commands are piped in, each line of standard input. Replaces Spring Shell's own runner so that
 * {@code quit} is our command, an error is one line rather than a stack trace, and scripts have a
 * real exit status.
 */
final class ClientRunner implements ApplicationRunner, ExitCodeGenerator {

	static final int EXIT_COMMAND_FAILED = 1;

	static final int EXIT_USAGE = 2;

	private final LineReader lineReader;

	private final PromptProvider prompt;

	private final CommandParser parser;

	private final CommandRegistry registry;

	private final CommandExecutor executor;

	private final CommandLineCheck check;

	private final ClientConnection connection;

	private final boolean interactive;

	private int exitCode;

	ClientRunner(LineReader lineReader, PromptProvider prompt, CommandParser parser, CommandRegistry registry,
			ClientConnection connection, boolean interactive) {
		this.lineReader = lineReader;
		// "!" is not history expansion here: "!ls" runs what it says, or is refused as unknown.
		this.lineReader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
		this.prompt = prompt;
		this.parser = parser;
		this.registry = registry;
		this.executor = new CommandExecutor(registry);
		this.check = new CommandLineCheck(registry);
		this.connection = connection;
		this.interactive = interactive;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		List<String> script = arguments.getOptionValues("script");
		if (script != null) {
			this.exitCode = runScript(script);
		}
		else if (this.interactive && Terminal.TYPE_DUMB.equals(terminal().getType())) {
			this.exitCode = runPiped();
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
		out.println("Simple FTP client: files go to and from " + this.connection.local().root());
		out.println("Type help for the commands, open PORT to connect, quit to leave.");
		out.flush();
		// While a line is read, JLine takes Ctrl-C itself (UserInterruptException: the line is
		// cleared); the rest of the time it comes here, where it stops the command's exchange
		// instead of ending the process.
		Terminal.SignalHandler previous = terminal().handle(Terminal.Signal.INT, signal -> this.connection.interrupt());
		try {
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
				// JLine takes a Ctrl-C by interrupting this thread, but a line whose rest was already
				// typed, or whose Enter was already read, comes back as if accepted, with the flag set
				// again. Cleared as JLine clears a line: what Ctrl-C cut off is never run. Clearing the
				// flag also matters because a file channel of the next transfer would close itself on it.
				if (Thread.interrupted()) {
					continue;
				}
				if (!line.isBlank()) {
					execute(line, out, out, ShellInputs.silentPasswords(this.lineReader));
					this.connection.reconnectAfterInterrupt().ifPresent(problem -> error(out, problem));
				}
			}
		}
		finally {
			terminal().handle(Terminal.Signal.INT, previous);
		}
	}

	/** The commands of a file, echoed as they run; the first failure stops the script. */
	private int runScript(List<String> files) {
		Output output = Output.standard();
		if (files.size() != 1) {
			return usage(output, "give one --script=FILE, not several");
		}
		Path file = Path.of(files.get(0));
		List<String> lines;
		try {
			lines = Files.readAllLines(file);
		}
		catch (NoSuchFileException ex) {
			return usage(output, "cannot read script " + file + ": no such file");
		}
		catch (IOException ex) {
			return usage(output, "cannot read script " + file + ": " + ex.getMessage());
		}
		for (int number = 1; number <= lines.size() && !this.connection.quitRequested(); number++) {
			if (!runLine(lines.get(number - 1), output)) {
				error(output.err(), "script stopped at line " + number + " of " + file);
				return EXIT_COMMAND_FAILED;
			}
		}
		return 0;
	}

	/** Commands piped in: each runs, failed or not; the exit status says whether any failed. */
	private int runPiped() {
		Output output = Output.standard();
		boolean allSucceeded = true;
		try (BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			String line;
			while (!this.connection.quitRequested() && (line = input.readLine()) != null) {
				allSucceeded &= runLine(line, output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return allSucceeded ? 0 : EXIT_COMMAND_FAILED;
	}

	/** Runs one line of a script or pipe, echoed after the prompt; blank lines and {@code #} comments are skipped. */
	private boolean runLine(String line, Output output) {
		String command = line.strip();
		if (command.isEmpty() || command.startsWith("#")) {
			return true;
		}
		output.out().println(this.prompt.getPrompt().toString() + command);
		output.out().flush();
		return execute(command, output.out(), output.err(), ShellInputs.SCRIPT_INPUT);
	}

	/** Runs one command line and prints its result or its error; returns true if it succeeded. */
	boolean execute(String line, PrintWriter out, PrintWriter err, InputReader input) {
		try {
			Optional<String> problem = this.check.problem(line);
			if (problem.isPresent()) {
				error(err, problem.get());
				return false;
			}
			ParsedInput parsed = this.parser.parse(line.strip());
			Availability availability = availabilityOf(parsed);
			if (!availability.isAvailable()) {
				error(err, availability.reason());
				return false;
			}
			ExitStatus status = this.executor.execute(new CommandContext(parsed, this.registry, out, input));
			return status.code() == ExitStatus.OK.code();
		}
		catch (CommandNotFoundException ex) {
			error(err, "unknown command '" + ex.getCommandName() + "': type help to see the commands");
		}
		catch (CommandExecutionException ex) {
			error(err, messageOf(ex));
		}
		catch (RuntimeException ex) {
			error(err, "cannot read that command: " + ex.getMessage());
		}
		finally {
			out.flush();
		}
		return false;
	}

	/** Asked here so that a command that needs a connection says so in our words, not the framework's. */
	private Availability availabilityOf(ParsedInput parsed) {
		Command command = this.registry.getCommandByName(parsed.commandName());
		return (command != null) ? command.getAvailabilityProvider().get() : Availability.available();
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

	private int usage(Output output, String message) {
		error(output.err(), message);
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

	/**
	 * Where scripts and piped commands write: results to standard output, errors to standard error,
	 * straight to the process's streams so that all of it is out before the process exits.
	 */
	private record Output(PrintWriter out, PrintWriter err) {

		static Output standard() {
			return new Output(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
					new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)));
		}

	}

}
