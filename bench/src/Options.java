import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The command line. Explicit sizes win over {@code --quick}'s, whatever their order. */
record Options(int runs, long bigBytes, int smallFiles, long smallBytes, int clients, long clientFileBytes,
		int idleConnections, int soakClients, int soakSeconds, long seed, int maxMinutes, Set<String> only, String java,
		Path unverifiedJar, Path launcherBefore) {

	static final String USAGE = """
			usage: bench/run [options]     (after ./mvnw -q package -DskipTests)
			  --runs=N              runs per scenario; figures are medians (default 3; 1 with --quick;
			                        soak runs once)
			  --quick               small sizes and 1 run, to check the harness itself
			  --only=NAME,...       run only these scenarios (the cp and tcp baselines come along when needed):
			                        %s
			                        (default: all but soak and durable, which run only when named: soak
			                        takes --seconds and up to a minute more, durable a few minutes of
			                        writing to the disk under target/bench; verify-cost only with
			                        --unverified-jar; tls is in, some 30-35 s of the whole with 1 GiB;
			                        launcher, only when named: nearly 8 minutes with 1 GiB on a busy
			                        machine, so give it --max-minutes=12)
			  --big-mib=N           size of the big file (default 1024; 64 with --quick)
			  --small-files=N       number of small files (default 1000; 100 with --quick)
			  --small-kib=N         size of each small file (default 4)
			  --clients=N           concurrent clients (default 100, soak 200; 20 with --quick)
			  --client-kib=N        size of each concurrent client's file (default 1024)
			  --idle=N              idle connections for the memory figure (default 1000; 200 with --quick)
			  --seconds=S           how long soak's clients start new operations (default 60; 10 with --quick);
			                        those still running then get 30 s more, then count as failures
			  --seed=N              seed of soak's choices: operations, sizes, contents (default 1)
			  --max-minutes=N       time limit for the whole run (default 8)
			  --java=PATH           java that runs the server and client jars (default: the one running this)
			  --unverified-jar=PATH a build without transfer verification (protocol version 2: the commit
			                        before checksums) for verify-cost to compare this build with
			  --launcher-before=PATH an older copy of the ./simple-ftp script, whose client start-up the
			                        launcher scenario measures too (e.g. git show main~1:simple-ftp)
			""".formatted(Scenario.names());

	static Options parseOrExit(String[] args) {
		try {
			return parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return null;
		}
	}

	static Options parse(String[] args) {
		Map<String, String> given = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				System.out.print(USAGE);
				System.exit(0);
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'");
			}
			int equals = arg.indexOf('=');
			given.put((equals < 0) ? arg.substring(2) : arg.substring(2, equals), (equals < 0) ? "" : arg.substring(equals + 1));
		}
		boolean quick = given.remove("quick") != null;
		// One --clients for both scenarios that take it, with a default of its own for each.
		Integer clients = number(given, "clients");
		Options options = new Options(number(given, "runs", quick ? 1 : 3), number(given, "big-mib", quick ? 64 : 1024) * Bench.MIB,
				number(given, "small-files", quick ? 100 : 1000), number(given, "small-kib", 4) * Bench.KIB,
				(clients != null) ? clients : quick ? 20 : 100, number(given, "client-kib", 1024) * Bench.KIB,
				number(given, "idle", quick ? 200 : 1000), (clients != null) ? clients : quick ? 20 : 200,
				number(given, "seconds", quick ? 10 : 60), seed(given.remove("seed")), number(given, "max-minutes", 8),
				scenarios(given.remove("only")), java(given.remove("java")), unverifiedJar(given.remove("unverified-jar")),
				launcherBefore(given.remove("launcher-before")));
		if (!given.isEmpty()) {
			throw new IllegalArgumentException("unknown option --" + given.keySet().iterator().next());
		}
		return options;
	}

	private static int number(Map<String, String> given, String name, int fallback) {
		Integer number = number(given, name);
		return (number != null) ? number : fallback;
	}

	/** The option's whole number, at least 1, or {@code null} if it is not given. */
	private static Integer number(Map<String, String> given, String name) {
		String value = given.remove(name);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException("--" + name + " takes a whole number of at least 1, not '" + value + "'");
	}

	private static long seed(String value) {
		if (value == null) {
			return 1;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--seed takes a whole number, not '" + value + "'");
		}
	}

	private static Set<String> scenarios(String value) {
		if (value == null || value.isBlank()) {
			return Set.of();
		}
		Set<String> names = new LinkedHashSet<>(Arrays.asList(value.split(",")));
		names.forEach(Scenario::named);
		return names;
	}

	/** Checked here, so that a wrong path fails at once rather than after the scenarios before verify-cost. */
	private static Path unverifiedJar(String value) {
		if (value == null) {
			return null;
		}
		Path jar = Path.of(value).toAbsolutePath();
		if (value.isBlank() || !Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("--unverified-jar takes the path of a built simple-ftp.jar; no file '" + value + "'");
		}
		return jar;
	}

	private static Path launcherBefore(String value) {
		if (value == null) {
			return null;
		}
		Path script = Path.of(value).toAbsolutePath();
		if (value.isBlank() || !Files.isRegularFile(script) || !Files.isExecutable(script)) {
			throw new IllegalArgumentException("--launcher-before takes the path of an executable copy of a simple-ftp script; "
					+ "no such file '" + value + "'");
		}
		return script;
	}

	private static String java(String value) {
		if (value != null && !value.isBlank()) {
			return value;
		}
		return ProcessHandle.current().info().command().orElse("java");
	}

}
