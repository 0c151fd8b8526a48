import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/** The checksum-cost scenario: what CRC32C (and SHA-256) over the big file costs the CPU alone. */
final class ChecksumCostScenario {

	private final Harness harness;

	private final Options options;

	private final Deadline deadline;

	private final Results results;

	private final Workspace workspace;

	ChecksumCostScenario(Harness harness) {
		this.harness = harness;
		this.options = harness.options;
		this.deadline = harness.deadline;
		this.results = harness.results;
		this.workspace = harness.workspace;
	}

	/**
	 * The CPU cost of the checksum itself, with no network and no other process: the big file (in
	 * memory: on tmpfs, or in the page cache just after it was written) read in this JVM the way the
	 * transfer loops read it, through a 1 MiB direct buffer, (a) as it is, (b) adding each chunk to a
	 * CRC32C, as sender and receiver do, (c) the CRC32C over FileChannel.map in 256 MiB pieces, as the
	 * zero-copy server computes it after sendfile, (d) SHA-256 over the same reads, for comparison.
	 * The four take turns in every run, the order rotated from run to run, so that a busier moment
	 * of the machine does not land on one of them only; one untimed pass of each over the first
	 * {@link ChecksumPass#WARM_UP} bytes gets their code compiled first.
	 */
	void run() throws Exception {
		String prefix = "checksum-cost-" + this.harness.bigLabel();
		Figure read = this.results.figure(prefix + "-read", "ms/GiB", Compare.NONE,
				"FileChannel.read into a 1 MiB direct buffer, nothing else");
		Map<ChecksumPass, Figure> figures = new EnumMap<>(ChecksumPass.class);
		figures.put(ChecksumPass.READ, read);
		figures.put(ChecksumPass.CRC32C_READS, this.results.figure(prefix + "-crc32c", "ms/GiB", Compare.NONE,
				"the same reads, each chunk added to a CRC32C"));
		figures.put(ChecksumPass.CRC32C_MAPPED, this.results.figure(prefix + "-crc32c-mapped", "ms/GiB", Compare.NONE,
				"CRC32C over FileChannel.map, 256 MiB pieces (zero-copy GET)"));
		figures.put(ChecksumPass.SHA256_READS, this.results.figure(prefix + "-sha256", "ms/GiB", Compare.NONE,
				"the same reads, each chunk added to a SHA-256"));
		figures.values().stream().filter(figure -> figure != read).forEach(figure -> figure.comparedWith(read));
		Figure extra = this.results.figure(prefix + "-crc32c-extra", "ms/GiB", Compare.NONE,
				"crc32c - read, per run: what CRC32C adds to the read loop");
		Path file = this.workspace.big();
		List<ChecksumPass> passes = List.of(ChecksumPass.values());
		for (ChecksumPass pass : passes) {
			pass.run(file, ChecksumPass.WARM_UP);
		}
		for (int run = 1; run <= this.options.runs(); run++) {
			Map<ChecksumPass, ChecksumPass.Timed> timed = new EnumMap<>(ChecksumPass.class);
			for (int i = 0; i < passes.size(); i++) {
				// Each pass runs in this JVM, with no child process whose timeout the deadline could cut.
				this.deadline.check();
				ChecksumPass pass = passes.get((i + run - 1) % passes.size());
				timed.put(pass, pass.run(file, Long.MAX_VALUE));
			}
			long crc = timed.get(ChecksumPass.CRC32C_READS).checksum();
			Bench.require(crc == timed.get(ChecksumPass.CRC32C_MAPPED).checksum(),
					"the CRC32C of the 1 MiB reads and of the mapped file differ");
			for (ChecksumPass pass : passes) {
				figures.get(pass).add(run, timed.get(pass).millisPerGib(), Sizes.millis(Duration.ofNanos(timed.get(pass).nanos())));
			}
			extra.add(run, timed.get(ChecksumPass.CRC32C_READS).millisPerGib() - timed.get(ChecksumPass.READ).millisPerGib(),
					String.format(Locale.ROOT, "crc32c %08x", crc));
		}
	}

}
