import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import dev.simpleftp.client.BatchResult;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.client.TransferListener;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.Durability;
import dev.simpleftp.storage.local.LocalFileStore;

/** The durable scenario: what forcing every stored file to the disk costs. */
final class DurableScenario {

	private final Harness harness;

	private final Options options;

	private final Path project;

	private final Deadline deadline;

	private final Results results;

	private final Launcher launcher;

	DurableScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.project = harness.project;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.launcher = harness.launcher;
	}

	/**
	 * What forcing every stored file to the disk costs ({@code ftp.server.durable},
	 * {@code ftp.client.durable}): GET and PUT of the big file, and of all the small files in one
	 * pipelined batch, by the client library in this JVM, from two servers of this jar, one durable
	 * (the default) and one with {@code --ftp.server.durable=false}; the client's store forces as its
	 * server does. The data is on a disk file system of its own, under target/bench in the project
	 * (fsync on the tmpfs workspace would cost nothing), each side with its own directories holding
	 * the same bytes (hard links). In every run the two take turns and which goes first swaps from
	 * run to run, as in tls; before every transfer a {@code sync}, untimed, so that neither side pays
	 * for the write-back of what the other left in the page cache. One untimed run of each first.
	 */
	void run() throws Exception {
		Path base = Files.createDirectories(this.project.resolve("target/bench"));
		Path root = Files.createTempDirectory(base, "durable-");
		try {
			String type = Files.getFileStore(root).type();
			System.out.println("  data in " + root + " (file system: " + type + ")");
			Bench.require(!type.equals("tmpfs") && !type.equals("ramfs"),
					root + " is on " + type + ", not a disk: fsync costs nothing there");
			Map<DurableSide.Load, DurableFigures> figures = new EnumMap<>(DurableSide.Load.class);
			for (DurableSide.Load load : DurableSide.Load.values()) {
				figures.put(load, DurableFigures.of(this.results, "durable-" + load.label(this.options), load.unit()));
			}
			List<String> smallNames = makeDurableData(root.resolve("data"));
			try (ServerProcess onServer = this.harness.startServer(durableDir(root, "on-server", false), 10);
					ServerProcess offServer = this.harness.startServer(durableDir(root, "off-server", false), 10,
							"--ftp.server.durable=false")) {
				System.out.printf(Locale.ROOT, "durable server pid %d on port %d; not durable pid %d on port %d%n", onServer.pid(),
						onServer.port(), offServer.pid(), offServer.port());
				DurableSide on = new DurableSide("durable", onServer, root.resolve("on-server"),
						durableDir(root, "on-client", true), Durability.synced(), smallNames);
				DurableSide off = new DurableSide("not durable", offServer, root.resolve("off-server"),
						durableDir(root, "off-client", true), Durability.none(), smallNames);
				for (int run = 0; run <= this.options.runs(); run++) {
					boolean onFirst = (run % 2 == 1);
					for (DurableSide.Load load : DurableSide.Load.values()) {
						double first = durableTransfer(onFirst ? on : off, load, run);
						double second = durableTransfer(onFirst ? off : on, load, run);
						if (run > 0) {
							figures.get(load).add(run, onFirst ? first : second, onFirst ? second : first, onFirst);
						}
					}
				}
			}
		}
		finally {
			Workspace.deleteTree(root);
		}
	}

	/** The big file and the small ones under {@code data}, written once and synced; returns the small ones' names. */
	private List<String> makeDurableData(Path data) throws IOException, InterruptedException {
		Files.createDirectories(data);
		long started = System.nanoTime();
		SplittableRandom random = new SplittableRandom(20261201);
		Workspace.writeRandom(data.resolve(Bench.BIG), this.options.bigBytes(), random);
		List<String> names = new ArrayList<>();
		for (int i = 1; i <= this.options.smallFiles(); i++) {
			String name = String.format(Locale.ROOT, "%04d.bin", i);
			Workspace.writeRandom(data.resolve(name), this.options.smallBytes(), random);
			names.add(name);
		}
		sync();
		System.out.printf(Locale.ROOT, "  disk data written and synced in %.1f s%n", (System.nanoTime() - started) / 1e9);
		return names;
	}

	/**
	 * A side's server directory (big.bin, small-N) or client directory (up.bin, up-small-N), linked
	 * to the data.
	 */
	private Path durableDir(Path root, String name, boolean client) throws IOException {
		Path dir = Files.createDirectories(root.resolve(name));
		Path data = root.resolve("data");
		try (Stream<Path> files = Files.list(data)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String source = file.getFileName().toString();
				String target = source.equals(Bench.BIG) ? (client ? Bench.UPLOADED_BIG : Bench.BIG)
						: (client ? Bench.UPLOADED_SMALL_PREFIX : Bench.SMALL_PREFIX) + source;
				Workspace.link(dir.resolve(target), file);
			}
		}
		return dir;
	}

	/**
	 * One load by one side, after a sync: the client library's call alone, on a fresh connection;
	 * what arrived is checked (every byte of the big file on run 1) and deleted. Returns MiB/s for
	 * the big file, files/s for the small ones.
	 */
	private double durableTransfer(DurableSide side, DurableSide.Load load, int run) throws Exception {
		this.deadline.check();
		sync();
		LocalFileStore local = MainClasses.clientStore(side.clientDir(), side.clientDurability());
		Path arrivals = load.isGet() ? side.clientDir() : side.serverDir();
		List<FileName> names = load.names(side.smallNames());
		long nanos;
		try (FtpClient client = FtpClient.connect(Bench.HOST, side.server().port(), Bench.CLIENT_TIMEOUT)) {
			long startedAt = System.nanoTime();
			switch (load) {
				case GET_BIG -> client.get(names.get(0), local);
				case PUT_BIG -> client.put(names.get(0), local);
				case GET_SMALL, PUT_SMALL -> {
					BatchResult batch = load.isGet() ? client.getAll(names, local, TransferListener.NONE)
							: client.putAll(names, local, TransferListener.NONE);
					Bench.require(batch.allSucceeded(),
							side.name() + " " + load + ": " + batch.describe(load.isGet() ? "got" : "put"));
				}
			}
			nanos = System.nanoTime() - startedAt;
		}
		Path sources = load.isGet() ? side.serverDir() : side.clientDir();
		if (load.isBig()) {
			Harness.verifyArrived(arrivals.resolve(names.get(0).value()), sources.resolve(names.get(0).value()), this.options.bigBytes(),
					run);
			Files.delete(arrivals.resolve(names.get(0).value()));
			return Sizes.mibPerSecond(this.options.bigBytes(), nanos);
		}
		List<Path> arrived = Verify.files(arrivals, load.isGet() ? Bench.SMALL_PREFIX : Bench.UPLOADED_SMALL_PREFIX,
				names.size(), this.options.smallBytes());
		if (run == 1) {
			Verify.sameBytes(arrived, sources);
		}
		for (Path file : arrived) {
			Files.delete(file);
		}
		return names.size() / (nanos / 1e9);
	}

	/** sync(1): what is in the page cache goes to the disk, so the next transfer starts with nothing to write back. */
	private void sync() throws IOException, InterruptedException {
		Outcome outcome = this.launcher.run("sync", List.of("sync"), this.deadline.cap(Bench.STEP_TIMEOUT));
		Bench.require(outcome.ok(), "sync: " + outcome.problem());
	}

	/** One side of the durable scenario: its server, directories, and what its client's store forces. */
	private record DurableSide(String name, ServerProcess server, Path serverDir, Path clientDir,
			Durability clientDurability, List<String> smallNames) {

		/** What the durable scenario moves. */
		enum Load {

			GET_BIG, PUT_BIG, GET_SMALL, PUT_SMALL;

			boolean isGet() {
				return this == GET_BIG || this == GET_SMALL;
			}

			boolean isBig() {
				return this == GET_BIG || this == PUT_BIG;
			}

			String unit() {
				return isBig() ? "MiB/s" : "files/s";
			}

			String label(Options options) {
				String what = isBig() ? Sizes.label(options.bigBytes())
						: options.smallFiles() + "x" + Sizes.label(options.smallBytes()) + "-pipelined";
				return (isGet() ? "get-" : "put-") + what;
			}

			List<FileName> names(List<String> smallNames) {
				return switch (this) {
					case GET_BIG -> List.of(FileName.of(Bench.BIG));
					case PUT_BIG -> List.of(FileName.of(Bench.UPLOADED_BIG));
					case GET_SMALL -> smallNames.stream().map(name -> FileName.of(Bench.SMALL_PREFIX + name)).toList();
					case PUT_SMALL ->
						smallNames.stream().map(name -> FileName.of(Bench.UPLOADED_SMALL_PREFIX + name)).toList();
				};
			}

		}

	}

	/** The durable scenario's figures for one load: each side's rate, and their ratio per run. */
	private record DurableFigures(Figure on, Figure off, Figure ratio) {

		static DurableFigures of(Results results, String prefix, String unit) {
			Figure on = results.figure(prefix + "-on", unit, Compare.NONE, "durable (the default): the client library's call");
			Figure off = results.figure(prefix + "-off", unit, Compare.NONE, "durable=false on both sides, in turns with it");
			on.comparedWith(off);
			Figure ratio = results.figure(prefix + "-ratio", "x", Compare.NONE, "durable / not, per run side by side");
			return new DurableFigures(on, off, ratio);
		}

		void add(int run, double on, double off, boolean onFirst) {
			this.on.add(run, on, "");
			this.off.add(run, off, "");
			this.ratio.add(run, on / off, onFirst ? "durable ran first" : "not durable ran first");
		}

	}

}
