package dev.simpleftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's recipe for TLS and accounts, followed as written: its shell block (between the
 * {@code tls-recipe:shell} marker and the end of the block) runs in a fresh directory holding what
 * a clone has there ({@code application.yml}, {@code tls.example.yml}), the hash goes where the
 * README says, and then a server and a client started there, as processes, talk over TLS with a
 * login. If the README changes and its recipe stops working, this fails. A mistake in those
 * settings stops the server with one line.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsRecipeTests {

	private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+), [^\\n]*");

	private static final String PLACEHOLDER = "PASTE THE HASH HERE";

	private static final String PASSWORD = "correct horse battery staple";

	private static final Duration START = Duration.ofSeconds(60);

	@TempDir
	Path temp;

	private String readme;

	@BeforeEach
	void applyTheRecipe() throws Exception {
		this.readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
		Files.copy(Path.of("application.yml"), this.temp.resolve("application.yml"));
		Files.copy(Path.of("tls.example.yml"), this.temp.resolve("tls.example.yml"));
		Process shell = new ProcessBuilder("bash", "-euc", recipeShellBlock()).directory(this.temp.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(shell.waitFor()).as("the recipe's shell block; it printed:%n%s", output).isZero();
		assertThat(output).contains("server.pem: OK");
		// "put the line it prints in tls.yml in place of PASTE THE HASH HERE"
		assertThat(this.readme.replaceAll("\\s+", " ")).contains("in place of `" + PLACEHOLDER + "`");
		Path tlsYml = this.temp.resolve("tls.yml");
		String settings = Files.readString(tlsYml);
		assertThat(settings).contains(PLACEHOLDER);
		Files.writeString(tlsYml, settings.replace(PLACEHOLDER, new BCryptPasswordEncoder(4).encode(PASSWORD)));
		Files.createDirectories(this.temp.resolve("server"));
		Files.writeString(this.temp.resolve("server/hello.txt"), "hello over TLS\n");
	}

	@Test
	void serverAndClientStartedFromTheRecipesDirectoryTalkOverTlsWithALogin() throws Exception {
		try (ApplicationProcess server = startServer()) {
			Matcher listening = server.awaitOutput(LISTENING, START);
			assertThat(listening.group()).contains("TLS on (TLSv1.3").contains("logins on (1 account: 1 read-write)");
			Files.writeString(this.temp.resolve("commands.txt"),
					"open --user alice 127.0.0.1 " + listening.group(1) + "\nget hello.txt\nquit\n");
			try (ApplicationProcess client = ApplicationProcess.start(this.temp, "client",
					List.of("--spring.profiles.active=client", "--script=commands.txt"),
					Map.of("SIMPLE_FTP_PASSWORD", PASSWORD))) {
				assertThat(client.awaitExit(START)).as(client.output()).isZero();
			}
			assertThat(this.temp.resolve("client/hello.txt")).hasContent("hello over TLS");
			assertThat(server.stdout()).contains("alice");
		}
	}

	@Test
	void aMisspeltBundleNameStopsTheServerWithOneLine() throws Exception {
		assertStopsWithOneLine(List.of("--ftp.server.ssl.bundle=srv"),
				"cannot start: ftp.server.ssl.bundle is 'srv', but the SSL bundles configured are [server]");
	}

	@Test
	void aMissingKeyFileStopsTheServerWithOneLineNamingIt() throws Exception {
		Files.delete(this.temp.resolve("tls/server.key"));
		assertStopsWithOneLine(List.of(), "cannot start: cannot use the SSL bundle 'server' of ftp.server.ssl.bundle:"
				+ " Error reading certificate or key from file 'tls/server.key' (no such file)");
	}

	@Test
	void aHashLeftAsThePlaceholderStopsTheServerWithOneLine() throws Exception {
		Files.copy(this.temp.resolve("tls.example.yml"), this.temp.resolve("tls.yml"),
				StandardCopyOption.REPLACE_EXISTING);
		assertStopsWithOneLine(List.of(),
				"cannot start: ftp.server.users[0].password-hash must be a bcrypt hash");
	}

	@Test
	void aSecondFtpTreeAppendedToTheSettingsStopsTheServerWithOneLine() throws Exception {
		// What the old recipe said to do: append a block with its own ftp: to application.yml.
		Files.writeString(this.temp.resolve("application.yml"), "ftp:\n  server:\n    port: 0\n",
				StandardOpenOption.APPEND);
		assertStopsWithOneLine(List.of(), "cannot start: A settings file (application.yml or tls.yml) is not valid"
				+ " YAML: found duplicate key ftp at line ");
	}

	private void assertStopsWithOneLine(List<String> arguments, String expected) throws Exception {
		try (ApplicationProcess server = startServer(arguments)) {
			assertThat(server.awaitExit(START)).as(server.output()).isEqualTo(1);
			String output = server.stdout() + server.stderr();
			List<String> errors = output.lines().filter(line -> line.contains("ERROR")).toList();
			assertThat(errors).as(output).hasSize(1);
			assertThat(errors.get(0)).contains(expected);
			assertThat(output).as("no trace, no Boot block, no warning").doesNotContain("\tat ")
				.doesNotContain("APPLICATION FAILED TO START")
				.doesNotContain("WARN");
			assertThat(output.lines().count()).as(output).isLessThanOrEqualTo(3);
		}
	}

	private ApplicationProcess startServer() throws IOException {
		return startServer(List.of());
	}

	private ApplicationProcess startServer(List<String> extra) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=server", "--ftp.server.port=0"));
		arguments.addAll(extra);
		return ApplicationProcess.start(this.temp, "server", arguments);
	}

	/** The code block after the README's {@code <!-- tls-recipe:shell -->} marker, as written. */
	private String recipeShellBlock() {
		Matcher block = Pattern.compile("<!-- tls-recipe:shell -->\\n```\\n(.*?)\\n```\\n", Pattern.DOTALL)
			.matcher(this.readme);
		assertThat(block.find()).as("README.md has the tls-recipe:shell block").isTrue();
		return block.group(1);
	}

}
