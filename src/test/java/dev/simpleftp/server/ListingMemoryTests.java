package dev.simpleftp.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.simpleftp.ApplicationProcess;
import dev.simpleftp.RawConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.simpleftp.server.Commands.run;
import static dev.simpleftp.server.RawTransfers.content;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack of issue 13: a directory of 200,000 files and 10 connections that send {@code LIST}
 * and never read. A server in a child JVM with a 64 MiB heap gives each of them its listing (its
 * {@code 150}) and goes on serving another connection, without running out of memory. When every
 * listing was built in memory and held while its client did not read, such a heap could hold one
 * or two of them. The files are on a tmpfs of their own where one can be mounted (needs root on
 * Linux), where making them is quick.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListingMemoryTests {

	private static final int FILES = 200_000;

	private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

	@TempDir
	Path temp;

	private Path mounted;

	private ApplicationProcess server;

	@AfterEach
	void stopAndUnmount() throws Exception {
		if (this.server != null) {
			this.server.close();
		}
		if (this.mounted != null && !run("umount", this.mounted.toString()).isEmpty()) {
			run("umount", "-l", this.mounted.toString());
		}
	}

	@Test
	void tenClientsThatListTwoHundredThousandFilesAndNeverReadLeaveA64MiBServerServing() throws Exception {
		Path root = Files.createDirectory(this.temp.resolve("root"));
		if (run("mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", root.toString()).isEmpty()) {
			this.mounted = root;
		}
		for (int i = 0; i < FILES; i++) {
			Files.createFile(root.resolve("file-" + i));
		}
		byte[] report = content(100_000, 5);
		Files.write(root.resolve("report.bin"), report);
		this.server = ApplicationProcess.start(this.temp, "server", "64m", List.of("--spring.profiles.active=server",
				"--ftp.server.port=0", "--ftp.server.directory=" + root, "--ftp.server.max-connections-per-address=20"),
				Map.of());
		int port = Integer.parseInt(this.server.awaitOutput(LISTENING, Duration.ofSeconds(60)).group(1));

		List<RawConnection> silent = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				RawConnection connection = RawConnection.open(port);
				silent.add(connection);
				connection.send("LIST");
			}
			try (RawConnection connection = RawConnection.open(port)) {
				assertThat(connection.request("NOOP")).isEqualTo("200 ok");
				assertThat(connection.request("GET report.bin")).startsWith("150 size=100000 ");
				assertThat(connection.readBytes(report.length)).isEqualTo(report);
				assertThat(connection.readLine()).startsWith("226 size=100000 ");
			}
			for (RawConnection connection : silent) {
				assertThat(connection.readLine()).as(this.server.output())
					.matches("150 size=\\d+ count=" + (FILES + 1) + " listing " + (FILES + 1) + " files");
			}
		}
		finally {
			for (RawConnection connection : silent) {
				connection.close();
			}
		}
		assertThat(this.server.output()).doesNotContain("OutOfMemoryError").doesNotContain("ERROR");
	}

}
