import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/** The verify-cost scenario: this build against {@code --unverified-jar}, in turns. */
final class VerifyCostScenario {

	private final Harness harness;

	private final Options options;

	private final Results results;

	private final Workspace workspace;

	private final Path jar;

	VerifyCostScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.results = harness.results;
		this.workspace = harness.workspace;
		this.jar = harness.jar;
	}

	/**
	 * What verification costs a whole transfer, measured against noise that can move one transfer's
	 * time by a factor of 4: GET and PUT of the big file by this build (server and client: every
	 * transfer checked with CRC32C) and by --unverified-jar (a build of the protocol before, without
	 * checksums), each with a fresh server of its own, so that neither has had more warm-up than the
	 * other. In every run the two take turns, and which goes first swaps from run to run, so that a
	 * machine busier in one part of the run weighs on both alike; the ratio is taken per run, from the
	 * two transfers that ran side by side, and its median reported.
	 */
	void run() throws Exception {
		if (this.options.unverifiedJar() == null) {
			// One line for the scenario, not six for figures it never had.
			this.results.failGroup("skipped: needs --unverified-jar=PATH, a build without verification to compare with",
					this.options.runs());
			return;
		}
		Map<Direction, VerifyFigures> figures = new EnumMap<>(Direction.class);
		for (Direction direction : Direction.values()) {
			figures.put(direction,
					VerifyFigures.of(this.results, "verify-cost-" + direction.command() + "-" + this.harness.bigLabel()));
		}
		Path unverifiedJar = snapshotUnverifiedJar();
		// The unverified side gets directories of its own: the same bytes (hard links), no shared arrivals.
		Path unverifiedServerDir = this.workspace.withBig("unverified-server", Bench.BIG);
		Path unverifiedClientDir = this.workspace.withBig("unverified-client", Bench.UPLOADED_BIG);
		try (ServerProcess verifiedServer = this.harness.startServer(this.jar, this.workspace.serverDir(), 10);
				ServerProcess unverifiedServer = this.harness.startServer(unverifiedJar, unverifiedServerDir, 10)) {
			System.out.printf(Locale.ROOT, "verified server pid %d on port %d; unverified server (%s) pid %d on port %d%n",
					verifiedServer.pid(), verifiedServer.port(), this.options.unverifiedJar(), unverifiedServer.pid(),
					unverifiedServer.port());
			Build verified = new Build("verified", this.jar, verifiedServer, this.workspace.serverDir(), this.workspace.clientDir());
			Build unverified = new Build("unverified", unverifiedJar, unverifiedServer, unverifiedServerDir, unverifiedClientDir);
			for (int run = 1; run <= this.options.runs(); run++) {
				boolean verifiedFirst = (run % 2 == 1);
				for (Direction direction : Direction.values()) {
					Timed first = timedBigTransfer(verifiedFirst ? verified : unverified, direction, run);
					Timed second = timedBigTransfer(verifiedFirst ? unverified : verified, direction, run);
					figures.get(direction).add(run, this.options.bigBytes(), verifiedFirst ? first : second,
							verifiedFirst ? second : first, verifiedFirst);
				}
			}
		}
	}

	/**
	 * One GET or PUT of the big file by {@code build}: the client's own time, and the server's CPU
	 * seconds (steadier than wall time on a busy machine); the arrival checked, then deleted.
	 */
	private Timed timedBigTransfer(Build build, Direction direction, int run) throws Exception {
		String name = (direction == Direction.GET) ? Bench.BIG : Bench.UPLOADED_BIG;
		Path source = direction.source(build.serverDir(), build.clientDir()).resolve(name);
		Path arrived = direction.destination(build.serverDir(), build.clientDir()).resolve(name);
		long ticksBefore = build.server().cpuTicks();
		Outcome outcome = this.harness.clientScript(build.server(), build.jar(), build.clientDir(),
				"verify-cost-" + direction.command() + "-" + build.name(), null, direction.command() + " " + name);
		double serverSeconds = (build.server().cpuTicks() - ticksBefore) / this.harness.clockTicksPerSecond();
		Duration elapsed = ClientOutput.transferTime(outcome, direction.printedVerb(), name);
		Harness.verifyArrived(arrived, source, this.options.bigBytes(), run);
		Files.delete(arrived);
		return new Timed(elapsed, serverSeconds);
	}

	/** A transfer's time by the client's clock, and the CPU time its server spent meanwhile. */
	private record Timed(Duration elapsed, double serverSeconds) {
	}

	/** A build's server and client, and the directories they serve and use. */
	private record Build(String name, Path jar, ServerProcess server, Path serverDir, Path clientDir) {
	}

	/** verify-cost's figures for one direction: each side's rate, and their ratio per run. */
	private record VerifyFigures(Figure verified, Figure unverified, Figure ratio, Figure verifiedCpu,
			Figure unverifiedCpu) {

		static VerifyFigures of(Results results, String prefix) {
			Figure verified = results.figure(prefix + "-verified", "MiB/s", Compare.NONE,
					"this build, CRC32C-verified: client's own timing");
			Figure unverified = results.figure(prefix + "-unverified", "MiB/s", Compare.NONE,
					"--unverified-jar, in turns with it: client's own timing");
			verified.comparedWith(unverified);
			Figure ratio = results.figure(prefix + "-ratio", "x", Compare.NONE, "verified / unverified, per run side by side");
			Figure verifiedCpu = results.figure(prefix + "-verified-server-cpu", "s/GiB", Compare.NONE,
					"this build's server: utime+stime per GiB");
			Figure unverifiedCpu = results.figure(prefix + "-unverified-server-cpu", "s/GiB", Compare.NONE,
					"the unverified build's server: utime+stime per GiB");
			return new VerifyFigures(verified, unverified, ratio, verifiedCpu, unverifiedCpu);
		}

		void add(int run, long bytes, Timed verified, Timed unverified, boolean verifiedFirst) {
			double verifiedRate = Sizes.mibPerSecond(bytes, verified.elapsed().toNanos());
			double unverifiedRate = Sizes.mibPerSecond(bytes, unverified.elapsed().toNanos());
			this.verified.add(run, verifiedRate, "client said " + Sizes.millis(verified.elapsed()));
			this.unverified.add(run, unverifiedRate, "client said " + Sizes.millis(unverified.elapsed()));
			this.ratio.add(run, verifiedRate / unverifiedRate, verifiedFirst ? "verified ran first" : "unverified ran first");
			double gib = bytes / (double) Bench.GIB;
			this.verifiedCpu.add(run, verified.serverSeconds() / gib, Results.format(verified.serverSeconds()) + " s");
			this.unverifiedCpu.add(run, unverified.serverSeconds() / gib, Results.format(unverified.serverSeconds()) + " s");
		}

	}

	/** The same for --unverified-jar: a copy, so that what verify-cost compares with cannot change half way. */
	private Path snapshotUnverifiedJar() throws IOException {
		Path copy = this.workspace.dir("unverified-jar").resolve("simple-ftp.jar");
		Files.copy(this.options.unverifiedJar(), copy, StandardCopyOption.REPLACE_EXISTING);
		Bench.require(Launcher.isRunnableJar(copy),
				this.options.unverifiedJar() + " is not a runnable jar (no Main-Class)");
		return copy;
	}

}
