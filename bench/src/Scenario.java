import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;
import java.util.stream.Collectors;

/** The scenarios, in the order they run; {@code option} is the name {@code --only} takes. */
enum Scenario {

	CP("cp", "baseline: cp of the big file"),
	TCP("tcp", "baseline: the big file over plain TCP between two processes"),
	GET("get", "Simple FTP get of the big file"),
	GET_ZERO_COPY("get-zero-copy", "Simple FTP get of the big file from a server with --ftp.server.zero-copy=true"),
	PUT("put", "Simple FTP put of the big file"),
	GET_SMALL("get-small", "Simple FTP get small-* (many small files, one session)"),
	PUT_SMALL("put-small", "Simple FTP put up-small-* (many small files, one session)"),
	CONCURRENT("concurrent", "many clients at once, each getting its own file, through the client library"),
	SOAK("soak", "many clients for a while, each looping over random GETs and PUTs, every file checked"),
	IDLE("idle", "server resident memory with many idle connections"),
	STARTUP("startup", "start-up time of the server and of the interactive client"),
	CHECKSUM_COST("checksum-cost", "CPU cost of CRC32C (and SHA-256) over the big file, in this JVM, no network"),
	VERIFY_COST("verify-cost", "get and put of the big file by this build and, in turns, by --unverified-jar"),
	TLS("tls", "get and put of the big file over TLS and, in turns, in plain text, through the client library"),
	LAUNCHER("launcher", "get and put of the big file, plain and TLS, by ./simple-ftp client and, in turns, by java -jar; their start-up"),
	DURABLE("durable", "get and put of the big file and of the small files, pipelined, on a disk, durable and, in turns, not");

	private final String option;

	private final String description;

	Scenario(String option, String description) {
		this.option = option;
		this.description = description;
	}

	String option() {
		return this.option;
	}

	String description() {
		return this.description;
	}

	static Scenario named(String option) {
		return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + option + "'; known: " + names()));
	}

	static String names() {
		return Arrays.stream(values()).map(Scenario::option).collect(Collectors.joining(","));
	}

	/**
	 * All but soak (which takes a minute and more of its own), durable (minutes of writing to the
	 * disk), launcher (a dozen client processes per run), and verify-cost unless there is an unverified build to compare with; or those named plus
	 * the baselines their rates are compared with.
	 */
	static List<Scenario> selected(Set<String> only, boolean haveUnverifiedJar) {
		if (only.isEmpty()) {
			return Arrays.stream(values())
				.filter(s -> s != SOAK && s != DURABLE && s != LAUNCHER && (s != VERIFY_COST || haveUnverifiedJar))
				.toList();
		}
		EnumSet<Scenario> chosen = EnumSet.noneOf(Scenario.class);
		only.forEach(name -> chosen.add(named(name)));
		if (chosen.contains(GET) || chosen.contains(GET_ZERO_COPY) || chosen.contains(PUT) || chosen.contains(CONCURRENT)) {
			chosen.add(TCP);
		}
		if (chosen.contains(TCP)) {
			chosen.add(CP);
		}
		return List.copyOf(chosen);
	}

	/** Soak runs once: what it looks for is a failure or a leak, not a median. */
	int runs(Options options) {
		return (this == SOAK) ? 1 : options.runs();
	}

	static boolean needsBigFile(List<Scenario> scenarios) {
		return scenarios.contains(CP) || scenarios.contains(TCP) || scenarios.contains(GET) || scenarios.contains(GET_ZERO_COPY)
				|| scenarios.contains(PUT) || scenarios.contains(CHECKSUM_COST) || scenarios.contains(VERIFY_COST)
				|| scenarios.contains(TLS) || scenarios.contains(LAUNCHER);
	}

	static boolean needsSmallFiles(List<Scenario> scenarios) {
		return scenarios.contains(GET_SMALL) || scenarios.contains(PUT_SMALL);
	}

	static boolean needsMidFiles(List<Scenario> scenarios) {
		return scenarios.contains(CONCURRENT);
	}

}
