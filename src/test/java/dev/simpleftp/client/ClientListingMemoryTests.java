package dev.simpleftp.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.simpleftp.ApplicationProcess;
import dev.simpleftp.FakeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, section 2: a listing as large as the client accepts (64 MiB, a million entries) is
 * listed by the shell's {@code ls} in a client JVM with a 512 MiB heap, in which such a listing once
 * ran out of memory; one with more entries than {@code ftp.client.max-list-entries} is refused in
 * one line, without running out of memory either. The client runs in a child JVM, as a person runs
 * it, against a fake server in this one.
 */
@Timeout(60)
class ClientListingMemoryTests {

	private static final String HEAP = "512m";

	private static final String MODIFIED = " 2026-01-01T00:00:00Z\n";

	@TempDir
	Path temp;

	@Test
	void aListingOfAMillionEntriesAndNearly64MiBIsListedInA512MiBClient() throws Exception {
		int entries = ClientLimits.DEFAULT_MAX_LIST_ENTRIES;
		byte[] listing = listing("quarterly-report-2026-", "-final.dat 4096", entries);
		assertThat((long) listing.length).as("the listing's size").isLessThanOrEqualTo(FtpClient.MAX_LISTING_BYTES)
			.isGreaterThan(FtpClient.MAX_LISTING_BYTES * 9 / 10);
		try (FakeServer fake = new FakeServer(listingServer(listing, " count=" + entries));
				ApplicationProcess client = ls(fake.port())) {
			int exit = awaitExitMeasuring(client, "ls of " + entries + " entries, " + listing.length + " bytes");
			assertThat(exit).as(client.output().substring(0, Math.min(2000, client.output().length()))).isZero();
			assertThat(client.stderr()).doesNotContain("OutOfMemoryError").doesNotContain("heap space");
			assertThat(client.stdout()).contains("  quarterly-report-2026-0000000-final.dat\n")
				.contains("  quarterly-report-2026-0999999-final.dat\n")
				.contains(entries + " files, 3.8 GiB");
		}
	}

	@Test
	void aListingWithMoreEntriesThanTheLimitAndNoCountIsRefusedInOneLineWithoutRunningOutOfMemory()
			throws Exception {
		byte[] listing = listing("f", " 1", 2 * ClientLimits.DEFAULT_MAX_LIST_ENTRIES);
		assertThat((long) listing.length).isLessThanOrEqualTo(FtpClient.MAX_LISTING_BYTES);
		try (FakeServer fake = new FakeServer(listingServer(listing, ""));
				ApplicationProcess client = ls(fake.port())) {
			int exit = awaitExitMeasuring(client, "ls of " + 2 * ClientLimits.DEFAULT_MAX_LIST_ENTRIES
					+ " entries refused, " + listing.length + " bytes");
			assertThat(exit).as(client.output()).isEqualTo(1);
			assertThat(client.stderr()).doesNotContain("OutOfMemoryError")
				.contains("the server's listing is too large: more than " + ClientLimits.DEFAULT_MAX_LIST_ENTRIES
						+ " entries, more than this client accepts (ftp.client.max-list-entries); connection closed");
		}
	}

	/** {@code count} lines {@code PREFIX + seven digits + SUFFIX + MODIFIED}, all of the same length. */
	private static byte[] listing(String prefix, String suffix, int count) {
		byte[] line = (prefix + "0000000" + suffix + MODIFIED).getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[line.length * count];
		for (int i = 0; i < count; i++) {
			int at = i * line.length;
			System.arraycopy(line, 0, body, at, line.length);
			for (int digit = 6, n = i; digit >= 0; digit--, n /= 10) {
				body[at + prefix.length() + digit] = (byte) ('0' + n % 10);
			}
		}
		return body;
	}

	/** Answers like a version 3 server whose LIST is {@code body}, its 150 with {@code count}. */
	private static FakeServer.Script listingServer(byte[] body, String count) {
		return client -> {
			client.send(FakeServer.GREETING);
			String line;
			while ((line = client.readLine()) != null) {
				if (line.equals("LIST")) {
					client.send("150 size=" + body.length + count + " listing\n").write(body)
						.send("226 size=" + body.length + count + " listed\n");
				}
				else if (line.equals("QUIT")) {
					client.send("221 goodbye\n");
					return;
				}
				else {
					client.send(line.equals("NOOP") ? "200 ok\n" : "500 not in this script: " + line + "\n");
				}
			}
		};
	}

	private ApplicationProcess ls(int port) throws IOException {
		Path script = this.temp.resolve("ls.script");
		Files.writeString(script, "open " + port + "\nls\n");
		Path directory = Files.createDirectories(this.temp.resolve("client"));
		return ApplicationProcess.start(this.temp, "client", HEAP, List.of("--spring.profiles.active=client",
				"--script=" + script, "--ftp.client.directory=" + directory, "--ftp.client.timeout=10s",
				"--logging.file.name=" + this.temp.resolve("client.log")), Map.of());
	}

	/**
	 * Waits for the client to exit, reading its peak resident size (VmHWM) while it runs, and prints
	 * the last figure read, for docs/PERFORMANCE.md.
	 */
	private static int awaitExitMeasuring(ApplicationProcess client, String what) throws InterruptedException {
		Path status = Path.of("/proc", Long.toString(client.pid()), "status");
		String peak = "unknown";
		while (client.process().isAlive()) {
			try {
				for (String line : Files.readAllLines(status)) {
					if (line.startsWith("VmHWM:")) {
						peak = line.substring(6).trim();
					}
				}
			}
			catch (IOException ex) {
				// Not Linux, or the process has just ended: the last figure stands.
			}
			Thread.sleep(20);
		}
		int exit = client.awaitExit(Duration.ofSeconds(10));
		System.out.printf("%s: client peak resident size (VmHWM) %s with -Xmx%s%n", what, peak, HEAP);
		return exit;
	}

}
