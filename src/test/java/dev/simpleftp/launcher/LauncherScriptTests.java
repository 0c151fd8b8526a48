package dev.simpleftp.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./simple-ftp} launcher, run against a fake JDK whose {@code bin/java} records each
 * command line and does what the launcher expects of it (extracts, writes the archive it is asked
 * for), so what is checked is the script's own logic: which java commands it runs, and when.
 * The real start-up gain is measured by the benchmark ({@code bench/run --only=startup}).
 */
@EnabledOnOs({ OS.LINUX, OS.MAC })
@Timeout(60)
class LauncherScriptTests {

	private static final Path SCRIPT = Path.of("simple-ftp").toAbsolutePath();

	private static final String FAKE_JAVA = """
			#!/usr/bin/env bash
			# Records its command line; extracts and writes archives the way the launcher expects.
			printf '%s\\n' "$*" >>"$(dirname "$0")/../calls.log"
			for arg in "$@"; do
				case $arg in
				-XX:ArchiveClassesAtExit=* | -XX:AOTCacheOutput=*)
					[[ -n ${FAKE_JAVA_CANNOT_ARCHIVE:-} ]] || echo archive >"${arg#*=}" ;;
				esac
			done
			if [[ $1 == -Djarmode=tools ]]; then
				mkdir -p "$6/lib" && touch "$6/$(basename "$3")"
			fi
			""";

	@TempDir
	Path temp;

	private Path jdk;

	private Path jar;

	private Path launch;

	@BeforeEach
	void fakeJdkAndJar() throws IOException {
		this.jdk = Files.createDirectories(this.temp.resolve("jdk"));
		Path java = Files.createDirectories(this.jdk.resolve("bin")).resolve("java");
		Files.writeString(java, FAKE_JAVA);
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		javaVersion("17.0.15");
		this.jar = Files.createDirectories(this.temp.resolve("dist")).resolve("simple-ftp.jar");
		Files.writeString(this.jar, "not really a jar");
		this.launch = this.temp.resolve("dist/launch");
	}

	@Test
	void onJava17TheFirstStartExtractsAndMakesACdsArchiveThatLaterStartsUse() throws Exception {
		Run first = launch(Map.of(), "client", "--script=commands.txt");
		assertThat(first.exitCode()).isZero();
		assertThat(first.calls()).hasSize(3);
		assertThat(first.calls().get(0)).isEqualTo("-Djarmode=tools -jar " + this.jar + " extract --destination "
				+ this.launch.resolve("app.new"));
		assertThat(first.calls().get(1)).contains("-XX:ArchiveClassesAtExit=" + this.launch.resolve("app/client-java17.0.15-"),
				"-Dspring.context.exit=onRefresh", "--spring.profiles.active=client",
				"--ftp.client.directory=" + this.launch.resolve("training/client"));
		assertThat(first.calls().get(2)).startsWith("-XX:SharedArchiveFile=" + this.launch.resolve("app"))
			.endsWith(".jsa -jar " + this.launch.resolve("app/simple-ftp.jar")
					+ " --spring.profiles.active=client --script=commands.txt");
		assertThat(first.err()).contains("preparing a start-up archive for the client on Java 17.0.15");

		Run second = launch(Map.of(), "client", "--script=commands.txt");
		assertThat(second.calls()).containsExactly(first.calls().get(2));
		assertThat(second.err()).isEmpty();
	}

	@Test
	void theClientKeepsTheOptimisingCompilerInTrainingAndInEveryRunOnJava17And25() throws Exception {
		for (String version : List.of("17.0.15", "25.0.3")) {
			javaVersion(version);
			Run first = launch(Map.of(), "client", "--script=commands.txt");
			Run second = launch(Map.of(), "client", "--script=commands.txt");
			assertThat(first.calls()).anyMatch((call) -> call.contains("-Dspring.context.exit=onRefresh"));
			assertThat(second.calls()).hasSize(1);
			assertThat(first.calls()).noneMatch((call) -> call.contains("TieredStopAtLevel") || call.contains("TieredCompilation"));
			assertThat(second.calls().get(0)).doesNotContain("TieredStopAtLevel").doesNotContain("TieredCompilation");
		}
	}

	@Test
	void onJava25TheServerGetsAnAotCacheTrainedOnAFreePort() throws Exception {
		javaVersion("25.0.3");
		Run first = launch(Map.of(), "server", "--ftp.server.port=2121");
		Run run = launch(Map.of(), "server", "--ftp.server.port=2121");
		assertThat(first.calls()).hasSize(3);
		assertThat(first.calls().get(1)).contains("-XX:AOTCacheOutput=" + this.launch.resolve("app/server-java25.0.3-"),
				"-Dspring.context.exit=onRefresh", "--spring.profiles.active=server", "--ftp.server.port=0",
				"--ftp.server.directory=" + this.launch.resolve("training/server"));
		assertThat(run.calls()).hasSize(1);
		assertThat(run.calls().get(0)).startsWith("-XX:AOTCache=" + this.launch.resolve("app/server-java25.0.3-"))
			.doesNotContain("TieredStopAtLevel")
			.endsWith(".aot -jar " + this.launch.resolve("app/simple-ftp.jar")
					+ " --spring.profiles.active=server --ftp.server.port=2121");
	}

	@Test
	void whenNoArchiveCanBeMadeItStartsWithoutOneAndDoesNotTryAgainUntilTheJarChanges() throws Exception {
		Run first = launch(Map.of("FAKE_JAVA_CANNOT_ARCHIVE", "1"), "client");
		assertThat(first.exitCode()).isZero();
		assertThat(first.err()).contains("could not make the archive");
		assertThat(first.calls().get(2)).isEqualTo("-jar " + this.launch.resolve("app/simple-ftp.jar")
				+ " --spring.profiles.active=client");

		Run second = launch(Map.of("FAKE_JAVA_CANNOT_ARCHIVE", "1"), "client");
		assertThat(second.calls()).containsExactly(first.calls().get(2));

		Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(60)));
		Run afterBuild = launch(Map.of(), "client");
		assertThat(afterBuild.calls()).hasSize(3);
		assertThat(afterBuild.calls().get(2)).contains("-XX:SharedArchiveFile=");
	}

	@Test
	void aNewJarIsExtractedAndTrainedAgain() throws Exception {
		launch(Map.of(), "client");
		Files.setLastModifiedTime(this.jar, FileTime.from(Instant.now().plusSeconds(60)));
		Run afterBuild = launch(Map.of(), "client");
		assertThat(afterBuild.calls()).hasSize(3);
		assertThat(afterBuild.calls().get(0)).contains(" extract ");
	}

	@Test
	void refusesJavaOlderThan17() throws Exception {
		javaVersion("11.0.2");
		Run run = launch(Map.of(), "client");
		assertThat(run.exitCode()).isEqualTo(1);
		assertThat(run.err()).contains("needs Java 17 or newer", "11.0.2");
		assertThat(run.calls()).isEmpty();
	}

	@Test
	void anUnknownProfileGetsTheUsage() throws Exception {
		Run run = launch(Map.of(), "sever");
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.err()).contains("usage: simple-ftp server|client [ARGS...]");
		assertThat(run.calls()).isEmpty();
	}

	private void javaVersion(String version) throws IOException {
		Files.writeString(this.jdk.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
	}

	/** Runs the script with the fake JDK and the jar (no build); returns what it did this time. */
	private Run launch(Map<String, String> environment, String... arguments) throws Exception {
		int before = calls().size();
		ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString());
		builder.command().addAll(List.of(arguments));
		builder.directory(this.temp.toFile()).redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.PIPE);
		builder.environment().put("JAVA_HOME", this.jdk.toString());
		builder.environment().put("SIMPLE_FTP_JAR", this.jar.toString());
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().close();
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		List<String> all = calls();
		return new Run(process.exitValue(), err, all.subList(before, all.size()));
	}

	private List<String> calls() throws IOException {
		Path log = this.jdk.resolve("calls.log");
		return Files.exists(log) ? Files.readAllLines(log) : List.of();
	}

	private record Run(int exitCode, String err, List<String> calls) {
	}

}
