import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** CPU time (user + system) of a process: from /proc/PID/stat while it runs, or from GNU time for a whole child. */
final class CpuTime {

	static final Path TIME = Path.of("/usr/bin/time");

	/** What Linux uses nearly everywhere; only when getconf cannot say. */
	private static final double USUAL_TICKS_PER_SECOND = 100;

	private CpuTime() {
	}

	/** Fields 14 (utime) and 15 (stime) of /proc/PID/stat, counted after the ")" that ends field 2, the command name. */
	static long ticks(long pid) throws IOException {
		Path stat = Path.of("/proc", Long.toString(pid), "stat");
		Bench.require(Files.exists(stat), "no " + stat + ": CPU time is read from /proc (Linux only)");
		String line = Files.readString(stat);
		String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
		// fields[0] is field 3 (state), so field N is fields[N - 3].
		return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
	}

	static double ticksPerSecond(Launcher launcher) throws IOException, InterruptedException {
		Outcome outcome = launcher.run("getconf", List.of("getconf", "CLK_TCK"), Duration.ofSeconds(10));
		try {
			if (outcome.ok()) {
				return Double.parseDouble(outcome.out().strip());
			}
		}
		catch (NumberFormatException ex) {
			// Falls back below.
		}
		System.out.println("  getconf CLK_TCK did not answer; assuming " + USUAL_TICKS_PER_SECOND + " clock ticks per second");
		return USUAL_TICKS_PER_SECOND;
	}

	static boolean canTimeProcesses() {
		return Files.isExecutable(TIME);
	}

	/** The command under GNU time, which writes "USER SYS" seconds to {@code report} when it ends. */
	static List<String> timed(List<String> command, Path report) {
		List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-f", "%U %S", "-o", report.toString()));
		timed.addAll(command);
		return timed;
	}

	/** User + system seconds from the report's last line (a line before it says if the command failed). */
	static double reportedSeconds(Path report) throws IOException {
		Bench.require(Files.isRegularFile(report), TIME + " wrote no report to " + report);
		List<String> lines = Files.readAllLines(report);
		String[] times = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).strip().split("\\s+");
		Bench.require(times.length == 2, "unexpected " + TIME + " report: " + String.join(" | ", lines));
		return Double.parseDouble(times[0]) + Double.parseDouble(times[1]);
	}

}
