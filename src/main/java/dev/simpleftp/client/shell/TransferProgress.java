package dev.simpleftp.client.shell;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.storage.PartialWrite;
import dev.simpleftp.transfer.Throughput;

/**
 * How far a transfer command has got, for the one line that says what an interruption (Ctrl-C)
 * left: the file that was moving, how much of it is kept for a resume, and, in a batch, how many
 * files were done and how many never started.
 */
final class TransferProgress {

	private final Set<FileName> ended = new HashSet<>();

	private int finished;

	/** The file whose body is moving, or {@code null} between files. */
	private FileName moving;

	private long done;

	private long size;

	synchronized void moved(FileName name, long done, long size) {
		this.moving = name;
		this.done = done;
		this.size = size;
	}

	synchronized void ended(FileName name, boolean succeeded) {
		this.ended.add(name);
		if (succeeded) {
			this.finished++;
		}
		if (name.equals(this.moving)) {
			this.moving = null;
		}
	}

	/**
	 * For example {@code interrupted: big.bin, 457.7 MiB of 1.0 GiB kept; get big.bin again to resume}.
	 * @param command {@code get} or {@code put}
	 * @param names the files of the command, in order
	 * @param local the client directory, where a download's partial file is looked for
	 */
	synchronized String interrupted(String command, List<FileName> names, FileStore local) {
		FileName next = (this.moving != null) ? this.moving
				: names.stream().filter(name -> !this.ended.contains(name)).findFirst().orElse(null);
		StringBuilder line = new StringBuilder("interrupted: ");
		boolean kept = false;
		if (this.moving != null) {
			kept = command.equals("get") ? local.hasPartial(this.moving) : this.size > PartialWrite.WORTH_KEEPING;
			line.append(this.moving).append(", ");
			if (kept) {
				line.append(Throughput.size(this.done)).append(" of ").append(Throughput.size(this.size))
					.append(command.equals("get") ? " kept" : " sent, kept by the server");
			}
			else {
				line.append("nothing kept (a file of ").append(Throughput.size(PartialWrite.WORTH_KEEPING))
					.append(" or less is sent again whole)");
			}
		}
		else {
			line.append((next != null) ? "before " + next + " started" : "after the last file");
		}
		if (names.size() > 1) {
			int notStarted = names.size() - this.ended.size() - ((this.moving != null) ? 1 : 0);
			line.append(", ").append(this.finished).append(" of ").append(names.size()).append(" files done, ")
				.append(notStarted).append(" not started");
		}
		if (next != null) {
			line.append("; ").append(command).append(' ').append(ListingTable.typed(next.value())).append(" again")
				.append(kept ? " to resume" : "");
		}
		return line.toString();
	}

}
