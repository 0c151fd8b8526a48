package dev.simpleftp.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./simple-ftp hash-password} runs the HashPassword main class from the jar as it is (no
 * extraction, no start-up archive), with standard input passed through, and refuses arguments
 * without starting Java. A fake JDK records what it is asked to run; the main class itself is
 * tested by {@code HashPasswordTests}.
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
@Timeout(60)
class HashPasswordLauncherTests {

	private static final Path SCRIPT = Path.of("simple-ftp").toAbsolutePath();

	/** Records its command line, and echoes standard input back as a stand-in for the hash. */
	private static final String FAKE_JAVA = """
			#!/usr/bin/env bash
			printf '%s\\n' "$*" >>"$(dirname "$0")/../calls.log"
			echo "hash of $(cat)"
			""";

	@TempDir
	Path temp;

	private Path jdk;

	private Path jar;

	@BeforeEach
	void fakeJdkAndJar() throws IOException {
		this.jdk = Files.createDirectories(this.temp.resolve("jdk"));
		Path java = Files.createDirectories(this.jdk.resolve("bin")).resolve("java");
		Files.writeString(java, FAKE_JAVA);
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(this.jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
		this.jar = Files.createDirectories(this.temp.resolve("dist")).resolve("simple-ftp.jar");
		Files.writeString(this.jar, "not really a jar");
	}

	@Test
	void runsTheMainClassFromTheJarWithStandardInput() throws Exception {
		Run run = launch("my password\n", "hash-password");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo("hash of my password\n");
		assertThat(calls()).containsExactly("-cp " + this.jar + " -Dloader.main=dev.simpleftp.server.account.HashPassword"
				+ " org.springframework.boot.loader.launch.PropertiesLauncher");
		assertThat(this.temp.resolve("dist/launch/app")).doesNotExist();
	}

	@Test
	void refusesAPasswordOnTheCommandLineWithoutStartingJava() throws Exception {
		Run run = launch("", "hash-password", "secret");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("hash-password takes no arguments").doesNotContain("secret");
		assertThat(calls()).isEmpty();
	}

	@Test
	void theUsageNamesIt() throws Exception {
		Run run = launch("", "hash-pasword");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("simple-ftp hash-password");
	}

	private Run launch(String input, String... arguments) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString());
		builder.command().addAll(List.of(arguments));
		builder.directory(this.temp.toFile());
		builder.environment().put("JAVA_HOME", this.jdk.toString());
		builder.environment().put("SIMPLE_FTP_JAR", this.jar.toString());
		Process process = builder.start();
		process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Run(process.exitValue(), out, err);
	}

	private List<String> calls() throws IOException {
		Path log = this.jdk.resolve("calls.log");
		return Files.exists(log) ? Files.readAllLines(log) : List.of();
	}

	private record Run(int exitCode, String out, String err) {
	}

}
