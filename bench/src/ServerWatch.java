import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What soak reads of its server: /proc before the load, every second during it, at the end, and
 * after a full GC; the heap from jcmd at the end, when the JDK has it. Mapped files are read apart
 * from the rest of the resident memory: the server maps files to checksum them, and a mapping lasts
 * until the garbage collector frees its buffer.
 */
final class ServerWatch {

	/**
	 * Committed and used, from {@code total 258048K, used 26585K} (Java 17) or
	 * {@code total reserved 6172672K, committed 393216K, used 12421K} (Java 25).
	 */
	private static final Pattern HEAP = Pattern.compile("heap\\s+total (?:reserved \\d+K, committed )?(\\d+)K, used (\\d+)K");

	/** One reading: resident memory, the part of it that is mapped files, threads, memory mappings. */
	record Reading(long rssKib, long mappedKib, long threads, long mappings) {

		static Reading of(ServerProcess server) throws IOException {
			Map<String, Long> status = server.status();
			Bench.require(status.containsKey("VmRSS") && status.containsKey("Threads"), "no VmRSS or Threads in /proc/PID/status");
			long mapped = status.getOrDefault("RssFile", 0L) + status.getOrDefault("RssShmem", 0L);
			return new Reading(status.get("VmRSS"), mapped, status.get("Threads"), server.mappings());
		}

		Reading max(Reading other) {
			return new Reading(Math.max(this.rssKib, other.rssKib), Math.max(this.mappedKib, other.mappedKib),
					Math.max(this.threads, other.threads), Math.max(this.mappings, other.mappings));
		}

	}

	private final ServerProcess server;

	final Reading start;

	/** The most of each seen, read by read, so not all at one moment. */
	Reading peak;

	/** VmHWM: the true peak of the resident memory, not only of the readings. */
	long rssPeakKib;

	Reading end;

	Reading afterGc;

	/** Each -1 when there is no figure: no jcmd, or an answer not understood. */
	long heapUsedKib = -1;

	long heapCommittedKib = -1;

	long heapLiveKib = -1;

	double cpuSeconds;

	ServerWatch(ServerProcess server) throws IOException {
		this.server = server;
		this.start = Reading.of(server);
		this.peak = this.start;
	}

	/** One reading, for the progress line; the peaks are kept. */
	String sample() {
		try {
			Reading now = Reading.of(this.server);
			this.peak = this.peak.max(now);
			return String.format(Locale.ROOT, "RSS %.0f MiB (mapped files %.0f MiB), %d threads, %d mappings", now.rssKib() / 1024.0,
					now.mappedKib() / 1024.0, now.threads(), now.mappings());
		}
		catch (IOException | BenchFailure ex) {
			return "not readable: " + ex.getMessage();
		}
	}

	/**
	 * The readings at the end; by {@code jcmd}, unless it is null, the heap, then a full GC
	 * (GC.run) and the heap and /proc again.
	 */
	void end(Launcher launcher, Path jcmd) throws IOException, InterruptedException {
		this.end = Reading.of(this.server);
		this.peak = this.peak.max(this.end);
		this.rssPeakKib = this.server.status().getOrDefault("VmHWM", this.peak.rssKib());
		if (jcmd == null) {
			return;
		}
		long[] heap = heapKib(launcher, jcmd);
		this.heapCommittedKib = heap[0];
		this.heapUsedKib = heap[1];
		if (jcmd(launcher, jcmd, "GC.run").ok()) {
			this.heapLiveKib = heapKib(launcher, jcmd)[1];
			this.afterGc = Reading.of(this.server);
		}
	}

	/** Committed and used, or -1 and -1. */
	private long[] heapKib(Launcher launcher, Path jcmd) throws IOException, InterruptedException {
		Outcome outcome = jcmd(launcher, jcmd, "GC.heap_info");
		Matcher matcher = HEAP.matcher(outcome.out());
		if (!outcome.ok() || !matcher.find()) {
			return new long[] { -1, -1 };
		}
		return new long[] { Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)) };
	}

	private Outcome jcmd(Launcher launcher, Path jcmd, String command) throws IOException, InterruptedException {
		return launcher.run("jcmd", List.of(jcmd.toString(), Long.toString(this.server.pid()), command), Duration.ofSeconds(30));
	}

}
