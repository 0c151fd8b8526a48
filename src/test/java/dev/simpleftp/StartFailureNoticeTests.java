package dev.simpleftp;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client that cannot start says why on standard error, though its console shows no logs. */
@ExtendWith(OutputCaptureExtension.class)
class StartFailureNoticeTests {

	@TempDir
	Path temp;

	@Test
	void aClientWithABadSettingSaysWhichAndWhereTheReportIs(CapturedOutput output) {
		Path log = this.temp.resolve("client.log");
		assertThatThrownBy(() -> SpringApplication.run(SimpleFtpApplication.class, "--spring.profiles.active=client",
				"--spring.shell.interactive.enabled=false", "--ftp.client.directory=" + this.temp.resolve("c"),
				"--ftp.client.timeout=0s", "--logging.file.name=" + log))
			.isInstanceOf(Exception.class);
		assertThat(output.getErr()).contains("simple-ftp: cannot start: ftp.client.timeout must be more than zero"
				+ " (the full report is in " + log + ")");
		assertThat(output.getOut()).doesNotContain("simple-ftp: cannot start");
	}

	@Test
	void aServerLogsItsReportOnTheConsoleSoGetsNoSecondLine(CapturedOutput output) {
		assertThatThrownBy(() -> SpringApplication.run(SimpleFtpApplication.class, "--spring.profiles.active=server",
				"--ftp.server.port=70000", "--ftp.server.directory=" + this.temp.resolve("s")))
			.hasRootCauseMessage("ftp.server.port must be 0 to 65535, not 70000");
		assertThat(output).doesNotContain("simple-ftp: cannot start");
	}

	@Test
	void theNoticeNamesTheRootCause() {
		Exception failure = new IllegalStateException("context failed",
				new RuntimeException("bean failed", new NoSuchFileException("/proc/nope")));
		assertThat(StartFailureNotice.notice(failure, "/tmp/x.log"))
			.isEqualTo("simple-ftp: cannot start: NoSuchFileException: /proc/nope (the full report is in /tmp/x.log)");
		assertThat(StartFailureNotice.notice(new IllegalArgumentException("ftp.client.host must not be blank"), null))
			.isEqualTo("simple-ftp: cannot start: ftp.client.host must not be blank");
		assertThat(StartFailureNotice.notice(new NullPointerException(), null))
			.isEqualTo("simple-ftp: cannot start: NullPointerException");
	}

}
