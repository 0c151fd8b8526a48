package dev.simpleftp.storage.local;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.simpleftp.storage.FileName;

/**
 * The names of a directory, held compactly while they are sorted: each as its bytes in CESU-8
 * (UTF-8 with each UTF-16 code unit encoded on its own), behind a two-byte length, packed into
 * small chunks, and one {@code int} per name that says where it starts. CESU-8 sorts byte by byte
 * exactly as {@link String#compareTo} sorts by UTF-16 code unit, the order a listing promises, so
 * names are compared without being decoded, and no {@link String} is kept per name.
 */
final class SortedNames {

	private static final Charset CESU_8 = Charset.forName("CESU-8");

	/** Small enough never to be a humongous object for G1; a name never crosses two chunks. */
	private static final int CHUNK_BITS = 16;

	private static final int CHUNK_SIZE = 1 << CHUNK_BITS;

	/** As many as an address can tell apart: 4 GiB of names. */
	private static final int MAX_CHUNKS = 1 << (Integer.SIZE - CHUNK_BITS);

	private static final int LENGTH_BYTES = 2;

	private final List<byte[]> chunks = new ArrayList<>();

	/** Where the next name goes in the last chunk. */
	private int free = CHUNK_SIZE;

	/** The address of each name: its chunk's index, then its offset in the chunk. */
	private int[] addresses = new int[1024];

	private int count;

	/** How many names have been added. */
	int size() {
		return this.count;
	}

	/** Adds a name; it must be valid Unicode (as every {@link FileName} is). */
	void add(String name) {
		byte[] bytes = name.getBytes(CESU_8);
		int needed = LENGTH_BYTES + bytes.length;
		if (CHUNK_SIZE - this.free < needed) {
			if (this.chunks.size() == MAX_CHUNKS) {
				throw new IllegalStateException("too many names to sort in memory: " + this.count);
			}
			this.chunks.add(new byte[CHUNK_SIZE]);
			this.free = 0;
		}
		byte[] chunk = this.chunks.get(this.chunks.size() - 1);
		chunk[this.free] = (byte) (bytes.length >>> 8);
		chunk[this.free + 1] = (byte) bytes.length;
		System.arraycopy(bytes, 0, chunk, this.free + LENGTH_BYTES, bytes.length);
		if (this.count == this.addresses.length) {
			this.addresses = Arrays.copyOf(this.addresses, this.count * 2);
		}
		this.addresses[this.count++] = ((this.chunks.size() - 1) << CHUNK_BITS) | this.free;
		this.free += needed;
	}

	/** Sorts the names; then {@link #name} gives them in order. */
	void sort() {
		mergeSort(this.addresses, new int[this.count], 0, this.count);
	}

	/** The name at {@code index}: in the order added, or sorted once {@link #sort} has run. */
	String name(int index) {
		int address = this.addresses[index];
		byte[] chunk = chunk(address);
		int offset = offset(address);
		return new String(chunk, offset + LENGTH_BYTES, length(chunk, offset), CESU_8);
	}

	/** Sorts {@code a[from, to)}, using {@code scratch} of the same length; stable, n log n. */
	private void mergeSort(int[] a, int[] scratch, int from, int to) {
		if (to - from < 2) {
			return;
		}
		int middle = (from + to) >>> 1;
		mergeSort(a, scratch, from, middle);
		mergeSort(a, scratch, middle, to);
		if (compare(a[middle - 1], a[middle]) <= 0) {
			return; // already in order: the common case for a directory read in name order
		}
		System.arraycopy(a, from, scratch, from, to - from);
		int left = from;
		int right = middle;
		for (int i = from; i < to; i++) {
			if (right >= to || (left < middle && compare(scratch[left], scratch[right]) <= 0)) {
				a[i] = scratch[left++];
			}
			else {
				a[i] = scratch[right++];
			}
		}
	}

	private int compare(int first, int second) {
		byte[] a = chunk(first);
		byte[] b = chunk(second);
		int aFrom = offset(first) + LENGTH_BYTES;
		int bFrom = offset(second) + LENGTH_BYTES;
		return Arrays.compareUnsigned(a, aFrom, aFrom + length(a, aFrom - LENGTH_BYTES), b, bFrom,
				bFrom + length(b, bFrom - LENGTH_BYTES));
	}

	private byte[] chunk(int address) {
		return this.chunks.get(address >>> CHUNK_BITS);
	}

	private static int offset(int address) {
		return address & (CHUNK_SIZE - 1);
	}

	private static int length(byte[] chunk, int offset) {
		return ((chunk[offset] & 0xff) << 8) | (chunk[offset + 1] & 0xff);
	}

}
