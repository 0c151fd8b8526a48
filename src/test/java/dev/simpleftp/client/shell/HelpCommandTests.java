package dev.simpleftp.client.shell;

import java.util.List;

import dev.simpleftp.ClientShellTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.test.ShellTestClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** help lists every command with its arguments; help COMMAND explains one, with examples and spellings. */
@ClientShellTest
@TestPropertySource(properties = "ftp.client.directory=target/help-tests-client")
class HelpCommandTests {

	@Autowired
	ShellTestClient shell;

	@Autowired
	HelpCommand help;

	@Test
	void helpListsTheCommandsInOrderWithTheirArguments() throws Exception {
		String help = run("help");
		assertThat(help.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> line.split("\\s+")[0]))
			.containsSubsequence("open", "ls", "get", "put", "lls", "lcd", "lpwd", "status", "close", "quit", "help");
		assertThat(help)
			.contains("open [--user NAME] [HOST] [PORT]", "get [--restart] NAME...", "put [--restart] NAME...", "lcd DIR", "help [COMMAND]")
			.contains("upper-case spellings")
			.doesNotContain("SYNOPSIS");
	}

	@ParameterizedTest
	@ValueSource(strings = { "help get", "help GET", "HELP get" })
	void helpOfACommandShowsItsArgumentsAnExampleAndTheLabSpelling(String line) throws Exception {
		String help = run(line);
		assertThat(help).startsWith("get [--restart] NAME...")
			.contains("--restart starts over")
			.contains("Examples: get report.pdf, get a.txt b.txt, get *.log, get --restart big.iso")
			.endsWith("Also spelled: GET");
	}

	/** The hash command (new with protocol version 3) is listed and explained like the others. */
	@Test
	void helpListsAndExplainsTheHashCommand() throws Exception {
		assertThat(run("help").lines().map(String::strip)).anyMatch(line -> line.startsWith("hash [--local] NAME... "));
		assertThat(run("help hash")).startsWith("hash [--local] NAME...")
			.contains("Examples: hash report.pdf, hash --local report.pdf, hash *.iso")
			.endsWith("Also spelled: HASH");
	}

	@Test
	void everyCommandHasAnExample() throws Exception {
		for (String command : new String[] { "open", "ls", "get", "put", "lls", "lcd", "lpwd", "status", "close", "quit",
				"help" }) {
			assertThat(run("help " + command)).as(command).containsPattern("Examples?: ");
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 80, 60 })
	void helpWrapsBetweenWordsToFitTheTerminal(int width) {
		for (List<String> arguments : List.of(List.<String>of(), List.of("hash"), List.of("get"), List.of("open"))) {
			String wrapped = this.help.text(arguments, width);
			String unwrapped = this.help.text(arguments, Integer.MAX_VALUE);
			assertThat(wrapped.lines()).as("help %s at %d columns", arguments, width)
				.allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
			assertThat(words(wrapped)).as("the same words, none cut").isEqualTo(words(unwrapped));
		}
		assertThat(this.help.text(List.of(), 100).lines())
			.anySatisfy(line -> assertThat(line).matches(" {20,}\\S.*"));
	}

	private static List<String> words(String text) {
		return List.of(text.strip().split("\\s+"));
	}

	@Test
	void helpOfAnUnknownCommandSaysSo() {
		assertThatThrownBy(() -> run("help frobnicate")).rootCause()
			.hasMessage("no command 'frobnicate': type help to see the commands");
	}

	private String run(String command) throws Exception {
		return String.join("\n", this.shell.sendCommand(command).lines()).strip();
	}

}
