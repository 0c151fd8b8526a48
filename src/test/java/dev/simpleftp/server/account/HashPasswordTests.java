package dev.simpleftp.server.account;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** hash-password reads the password from standard input when there is no terminal, and prints its hash alone. */
class HashPasswordTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void oneLineOfStandardInputIsHashedWithoutItsLineEnding() {
		assertThat(run("correct horse battery staple\n")).isZero();
		String hash = output();
		assertThat(hash).matches("\\$2a\\$04\\$[./0-9A-Za-z]{53}\n");
		assertThat(new BCryptPasswordEncoder().matches("correct horse battery staple", hash.strip())).isTrue();
		assertThat(error()).isEmpty();
	}

	@Test
	void aCrLfEndingOrNoneAtAllIsFineAndInnerSpacesAreKept() {
		assertThat(run(" two  spaces \r\nthe next line is not read\n")).isZero();
		assertThat(new BCryptPasswordEncoder().matches(" two  spaces ", output().strip())).isTrue();
		this.out.reset();
		assertThat(run("no line ending")).isZero();
		assertThat(new BCryptPasswordEncoder().matches("no line ending", output().strip())).isTrue();
	}

	@Test
	void anEmptyPasswordIsRefused() {
		assertThat(run("\n")).isEqualTo(1);
		assertThat(error()).isEqualTo("the password is empty; nothing was hashed\n");
		assertThat(output()).isEmpty();
	}

	@Test
	void noInputIsRefused() {
		assertThat(run("")).isEqualTo(1);
		assertThat(error()).isEqualTo("no password on standard input\n");
		assertThat(output()).isEmpty();
	}

	@Test
	void aPasswordLongerThanBcryptReadsIsRefused() {
		assertThat(run("é".repeat(36) + "\n")).isZero(); // 72 bytes
		this.out.reset();
		assertThat(run("é".repeat(36) + "x\n")).isEqualTo(1);
		assertThat(error()).startsWith("the password is 73 bytes long in UTF-8; bcrypt reads no more than 72");
		assertThat(output()).isEmpty();
	}

	/** Under LC_ALL=C a UTF-8 password is no text: hashing it with its bytes replaced would lock its owner out. */
	@Test
	void inputThatIsNotTextInTheTerminalsEncodingIsRefused() {
		assertThat(run("Grüße\n", StandardCharsets.US_ASCII)).isEqualTo(1);
		assertThat(error()).isEqualTo("cannot read the password: it is not US-ASCII text (set LC_ALL or LANG to the encoding"
				+ " it is in, e.g. C.UTF-8)\n");
		assertThat(output()).isEmpty();
	}

	@Test
	void aPasswordOnTheCommandLineIsRefused() {
		int status = HashPassword.run(new String[] { "secret" }, null, new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8,
				new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8), 4);
		assertThat(status).isEqualTo(1);
		assertThat(error()).startsWith("hash-password takes no arguments").doesNotContain("secret");
		assertThat(output()).isEmpty();
	}

	/** The real main in a JVM of its own, its standard input a pipe (no terminal), as in {@code echo ... | ./simple-ftp hash-password}. */
	@Test
	@Timeout(60)
	void theMainClassHashesAPipedPasswordAtCost12() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), HashPassword.class.getName()))
			.redirectError(ProcessBuilder.Redirect.PIPE)
			.start();
		process.getOutputStream().write("piped secret\n".getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(stderr).isZero();
		assertThat(stderr).isEmpty();
		assertThat(stdout).matches("\\$2a\\$12\\$[./0-9A-Za-z]{53}\n");
		assertThat(new BCryptPasswordEncoder().matches("piped secret", stdout.strip())).isTrue();
	}

	private int run(String input) {
		return run(input, StandardCharsets.UTF_8);
	}

	private int run(String input, Charset charset) {
		return HashPassword.run(new String[0], null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), charset,
				new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8), 4);
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String error() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
