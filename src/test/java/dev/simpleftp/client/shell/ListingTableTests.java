package dev.simpleftp.client.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.simpleftp.storage.FileEntry;
import dev.simpleftp.storage.FileName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListingTableTests {

	private static final Instant NOON = Instant.parse("2026-11-24T12:00:59.999Z");

	@Test
	void filesAreSortedAlignedAndTotalled() {
		List<FileEntry> files = List.of(entry("b.bin", 1536 * 1024), entry("a.txt", 94), entry("my notes.txt", 0));
		assertThat(ListingTable.format(files, ZoneOffset.UTC, "none")).isEqualTo("""
				   94 B  2026-11-24 12:00  a.txt
				1.5 MiB  2026-11-24 12:00  b.bin
				    0 B  2026-11-24 12:00  "my notes.txt"
				3 files, 1.5 MiB""");
	}

	@Test
	void timesAreShownInTheGivenZone() {
		assertThat(ListingTable.format(List.of(entry("a", 1)), ZoneOffset.ofHours(-5), "none"))
			.isEqualTo("1 B  2026-11-24 07:00  a\n1 file, 1 B");
	}

	@Test
	void noFilesSaysSo() {
		assertThat(ListingTable.format(List.of(), ZoneOffset.UTC, "no files on the server")).isEqualTo("no files on the server");
	}

	private static FileEntry entry(String name, long size) {
		return new FileEntry(FileName.of(name), size, NOON);
	}

}
