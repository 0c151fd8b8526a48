package dev.simpleftp.client.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.simpleftp.ClientShellTest;
import dev.simpleftp.ServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Command lines with a word the shell does not know, run as the shell runs what is typed: the
 * command fails with one line naming the word, and nothing else happens.
 */
@ClientShellTest
class UnknownWordsTests {

	@TempDir
	static Path temp;

	@RegisterExtension
	static final ServerExtension server = ServerExtension.in(() -> temp.resolve("server"));

	@DynamicPropertySource
	static void clientDirectory(DynamicPropertyRegistry registry) {
		registry.add("ftp.client.directory", () -> temp.resolve("client").toString());
	}

	@BeforeAll
	static void seedServer() throws Exception {
		Files.writeString(server.directory().resolve("hello.txt"), "hello");
	}

	@Autowired
	ClientRunner runner;

	@Autowired
	ClientConnection connection;

	@Autowired
	CommandRegistry registry;

	@AfterEach
	void disconnect() {
		this.connection.close();
	}

	@Test
	void anUnknownOptionFailsTheCommandNamingItAndFetchesNothing() {
		assertThat(run("open " + server.port())).isEqualTo("ok");
		assertThat(run("get -o x.txt hello.txt"))
			.isEqualTo("failed: unknown option -o for get: usage is get [--restart] NAME...");
		assertThat(this.connection.local().root().resolve("hello.txt")).doesNotExist();
		assertThat(this.connection.local().root().resolve("x.txt")).doesNotExist();
		assertThat(run("get --restart hello.txt")).isEqualTo("ok");
		assertThat(this.connection.local().root().resolve("hello.txt")).hasContent("hello");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "ls -l|unknown option -l for ls: usage is ls",
			"put --force a.txt|unknown option --force for put: usage is put [--restart] NAME...",
			"hash --locale a.txt|unknown option --locale for hash: usage is hash [--local] NAME...",
			"open --port 12000|unknown option --port for open: usage is open [--user NAME] [HOST] [PORT]",
			"ll|unknown command 'll': type help to see the commands (did you mean lls or ls?)",
			"fetch a.txt|unknown command 'fetch': type help to see the commands" })
	void unknownWordsAreRefusedByName(String line, String error) {
		assertThat(run(line)).isEqualTo("failed: " + error);
	}

	@Test
	void aQuotedNameThatStartsWithADashIsNotAnOption() {
		assertThat(run("lcd \"-no-such-dir\"")).startsWith("failed: no such directory: ");
	}

	@Test
	void everyUsageLineShowsEveryOption() {
		for (Command command : this.registry.getCommands()) {
			if (command.getGroup().equals("Simple FTP")) {
				String usage = HelpCommand.usage(command);
				assertThat(command.getDescription()).as(command.getName()).endsWith("(usage: " + usage + ")");
				for (CommandOption option : command.getOptions()) {
					assertThat(usage).as(command.getName()).contains("--" + option.longName());
				}
			}
		}
	}

	/** "ok", or "failed: " and the error the shell printed. */
	private String run(String line) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		boolean succeeded = this.runner.execute(line, new PrintWriter(out), new PrintWriter(err),
				ShellInputs.silentPasswords(null));
		return succeeded ? "ok" : "failed: " + err.toString().strip();
	}

}
