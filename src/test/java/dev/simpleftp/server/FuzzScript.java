package dev.simpleftp.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import java.util.stream.Stream;

import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.RequestLines;
import dev.simpleftp.storage.PartialWrite;

/**
 * What one connection of {@link SocketFuzzTests} sends, drawn from its own seeded {@link Random}:
 * the bytes, in the pieces they are written in (each with a pause after it), and how the connection
 * ends. The bytes never depend on what the server replies, so the seed replays them.
 * <p>
 * No upload sent here can be stored: a whole line that the server would read as a PUT request is
 * sent only as a {@link Mode#PUT_HEADER} whose body is cut short, refused or checked against a wrong
 * CRC32C. Every other line is drawn again if it parses as a PUT (a junk line such as
 * {@code PUT a 0 body=follows} would rightly store a file), and {@link #draw} checks the result.
 *
 * @param awaitGoAheadAfter the piece after which the connection waits for the server's {@code 150}, or -1
 * @param upload the resumable upload this connection starts, whose partial file the server keeps; or null
 * @param withheld lines drawn again because they parsed as a PUT request
 */
record FuzzScript(int index, Kind kind, List<Piece> pieces, int awaitGoAheadAfter, Ending ending, ResumableUpload upload,
		int withheld) {

	enum Kind {

		/** Bytes at random: NULs, 0xFF, lone CRs, runs of more than a line without LF. */
		RANDOM_BYTES(14),
		/** A request (a real verb with plausible arguments, or a generated one) cut at a random byte, no LF. */
		TRUNCATED_REQUEST(14),
		/** A PUT whose body stops short of its declared size (or whose CHECKSUM line is cut). */
		SHORT_BODY_PUT(12),
		/** A PUT the server keeps a partial file for (over 1 MiB, modified=), a few bytes of its body, then the end. */
		RESUMABLE_PUT(5),
		/** Sizes and offsets at and past 2^63-1. */
		HUGE_SIZES(8),
		/** Lines damaged by bit flips and by {@link RequestLines#mutated}, each with its LF. */
		MUTATED_LINES(14),
		/** Hundreds of lines written at once, junk and requests mixed. */
		PIPELINE(12),
		/** Uploads the server must refuse: bad names, unknown parameters, a wrong CRC32C, a bad CHECKSUM line. */
		REFUSED_PUT(9),
		/** A reset at once, mid-line, mid-upload or mid-download. */
		ABRUPT_RESET(12);

		private final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

	}

	enum Ending {

		/** {@code close()}: a FIN, or a RST if replies are still unread. */
		CLOSE,
		/** {@code shutdownOutput()}, then wait for the server to close its side. */
		HALF_CLOSE,
		/** {@code SO_LINGER 0} and close: a RST, like a killed process. */
		RESET

	}

	/** How the server reads a piece: as request lines, as the header of an upload, or as body bytes. */
	enum Mode {

		LINES, PUT_HEADER, BODY

	}

	record Piece(byte[] bytes, int pauseMillis, Mode mode) {
	}

	/** A PUT the server keeps a partial file for; {@code restart} if it asked to resume (offset=K). */
	record ResumableUpload(String name, long size, Instant modified, boolean restart, byte[] body) {
	}

	/** What the server's directory holds that scripts may name. */
	record Targets(List<String> files, String directory, String partialName) {
	}

	/**
	 * Names as tokens on the wire that every file verb refuses (553), each decoding to valid UTF-8, so
	 * that a PUT with one is parsed, and its body skipped.
	 */
	private static final String[] REFUSED_NAMES = { "..", ".", "../escape.txt", "%2E%2E%2Fescape.txt", "/etc/passwd",
			"a\\b", "a/b", ".simpleftp-partial-00000000000000000000000000000000.part",
			".simpleftp-1-2-0123456789abcdef.tmp", "x".repeat(256), "\u00e9".repeat(128), "%00", "%7F", "nul%0Aline" };

	/** Tokens for GET, HASH and PARTIAL: refused names, escapes that are not UTF-8, and odd names of missing files. */
	private static final String[] HOSTILE_NAMES = Stream.concat(Arrays.stream(REFUSED_NAMES),
			Stream.of("%C3", "%C0%AF", "%zz", "%F0%9F%98%80", "a%20b", "missing.bin", "%25"))
		.toArray(String[]::new);

	private static final String[] OVERFLOWS = { "9223372036854775808", "99999999999999999999", "1" + "0".repeat(40),
			"-1", "+5", "0x10", "1e9" };

	private static final long MIB = 1024 * 1024;

	/** Pauses of a connection that sends a few bytes at a time, at most (and then those of one more piece). */
	private static final int MAX_DRIP_MILLIS = 1500;

	/** Draws the script of connection {@code index}. */
	static FuzzScript draw(int index, Random random, Targets targets) {
		for (int attempt = 0;; attempt++) {
			Builder script = new Builder(index, random, targets);
			Kind kind = pickKind(random);
			script.write(kind);
			FuzzScript drawn = script.build(kind);
			if (!hasPutLine(drawn.pieces)) {
				return drawn;
			}
			if (attempt == 100) {
				throw new IllegalStateException("no script without a whole PUT line in 100 draws");
			}
		}
	}

	int totalBytes() {
		return this.pieces.stream().mapToInt(piece -> piece.bytes().length).sum();
	}

	/** The kind, the start of what is sent, its size, and the ending, for a failure message. */
	String describe() {
		byte[] first = this.pieces.isEmpty() ? new byte[0] : this.pieces.get(0).bytes();
		String start = new String(first, 0, Math.min(first.length, 120), StandardCharsets.UTF_8);
		return "connection " + this.index + " " + this.kind + " sending " + totalBytes() + " bytes in " + this.pieces.size()
				+ " pieces, starting '" + printable(start) + "', ending " + this.ending;
	}

	private static Kind pickKind(Random random) {
		int total = Arrays.stream(Kind.values()).mapToInt(kind -> kind.weight).sum();
		int pick = random.nextInt(total);
		for (Kind kind : Kind.values()) {
			pick -= kind.weight;
			if (pick < 0) {
				return kind;
			}
		}
		throw new IllegalStateException();
	}

	/**
	 * True if a line the server would read as a request (the LINES pieces joined, up to a LF, less a
	 * CR before it) parses as a PUT. An upload header or body always starts after a whole line.
	 */
	static boolean hasPutLine(List<Piece> pieces) {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (Piece piece : pieces) {
			if (piece.mode() != Mode.LINES) {
				if (piece.mode() == Mode.PUT_HEADER && line.size() > 0) {
					throw new IllegalStateException("an upload header would join an unfinished line");
				}
				line.reset();
				continue;
			}
			for (byte b : piece.bytes()) {
				if (b != '\n') {
					line.write(b);
					continue;
				}
				if (isPut(line.toByteArray())) {
					return true;
				}
				line.reset();
			}
		}
		return false;
	}

	private static boolean isPut(byte[] line) {
		int length = (line.length > 0 && line[line.length - 1] == '\r') ? line.length - 1 : line.length;
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(line, 0, length))
				.toString();
			return Request.parse(text).verb().equals("PUT");
		}
		catch (CharacterCodingException | ProtocolException ex) {
			return false;
		}
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach(c -> {
			if (c >= 0x20 && c < 0x7F) {
				out.appendCodePoint(c);
			}
			else {
				out.append(String.format("\\u%04X", c));
			}
		});
		return out.toString();
	}

	/** Draws one script; each kind's method adds its pieces. */
	private static final class Builder {

		private final int index;

		private final Random random;

		private final Targets targets;

		private final List<Piece> pieces = new ArrayList<>();

		private int awaitGoAheadAfter = -1;

		private ResumableUpload upload;

		private Ending ending;

		private int withheld;

		private int dripped;

		Builder(int index, Random random, Targets targets) {
			this.index = index;
			this.random = random;
			this.targets = targets;
		}

		FuzzScript build(Kind kind) {
			if (this.ending == null) {
				int pick = this.random.nextInt(20);
				this.ending = (pick < 7) ? Ending.CLOSE : (pick < 14) ? Ending.HALF_CLOSE : Ending.RESET;
			}
			return new FuzzScript(this.index, kind, List.copyOf(this.pieces), this.awaitGoAheadAfter, this.ending,
					this.upload, this.withheld);
		}

		void write(Kind kind) {
			switch (kind) {
				case RANDOM_BYTES -> randomBytes();
				case TRUNCATED_REQUEST -> truncatedRequest();
				case SHORT_BODY_PUT -> shortBodyPut();
				case RESUMABLE_PUT -> resumablePut();
				case HUGE_SIZES -> hugeSizes();
				case MUTATED_LINES -> mutatedLines();
				case PIPELINE -> pipeline();
				case REFUSED_PUT -> refusedPut();
				case ABRUPT_RESET -> abruptReset();
			}
			lastPause();
		}

		// -----------------------------------------------------------------------------------
		// The kinds

		private void randomBytes() {
			int length = switch (this.random.nextInt(4)) {
				case 0 -> 1 + this.random.nextInt(64);
				case 1 -> 1 + this.random.nextInt(4096);
				case 2 -> 4097 + this.random.nextInt(16_000); // longer than a line may be
				default -> 1 + this.random.nextInt(600);
			};
			int style = this.random.nextInt(5);
			byte[] bytes = new byte[length];
			for (int i = 0; i < length; i++) {
				bytes[i] = switch (style) {
					case 0 -> (byte) this.random.nextInt(256);
					case 1 -> pickByte((byte) 0, (byte) 0xFF, (byte) '\r', (byte) '\n', (byte) ' ', (byte) '%', (byte) '=',
							(byte) ('A' + this.random.nextInt(26)), (byte) this.random.nextInt(256));
					case 2 -> noLf((byte) this.random.nextInt(256));
					case 3 -> pickByte((byte) '\r', (byte) '\r', (byte) 'N', (byte) 'O', (byte) 'P', (byte) ' ',
							(byte) ((this.random.nextInt(40) == 0) ? '\n' : '\r'));
					default -> (this.random.nextInt(8) == 0) ? (byte) this.random.nextInt(256)
							: (this.random.nextBoolean() ? (byte) 0 : (byte) 0xFF);
				};
			}
			send(bytes, Mode.LINES);
		}

		private void truncatedRequest() {
			someHarmlessLines(this.random.nextInt(3) == 0 ? 1 + this.random.nextInt(5) : 0);
			String line = switch (this.random.nextInt(4)) {
				case 0 -> putLine("fuzz-" + this.index + ".bin", plausibleSize());
				case 1 -> RequestLines.valid(this.random);
				default -> plausibleRequest();
			};
			byte[] bytes = utf8(line);
			send(Arrays.copyOf(bytes, this.random.nextInt(bytes.length + 1)), Mode.LINES);
		}

		private void shortBodyPut() {
			someHarmlessLines(this.random.nextInt(3) == 0 ? 1 + this.random.nextInt(3) : 0);
			String name = (this.random.nextInt(5) == 0) ? someOf(this.targets.files()) : "fuzz-" + this.index + ".bin";
			long size = 1 + plausibleSize();
			boolean follows = this.random.nextInt(10) < 7;
			boolean checked = this.random.nextBoolean();
			// modified= on a large upload sent without body=follows would make it resumable: that is RESUMABLE_PUT.
			boolean dated = (follows || size <= PartialWrite.WORTH_KEEPING) && this.random.nextInt(3) == 0;
			List<String> parameters = new ArrayList<>();
			if (follows) {
				parameters.add("body=follows");
			}
			if (checked) {
				parameters.add("checksum=crc32c");
			}
			if (dated) {
				parameters.add("modified=" + validInstant());
			}
			Collections.shuffle(parameters, this.random);
			header("PUT " + token(name) + " " + size + " " + String.join(" ", parameters));
			if (checked && this.random.nextInt(4) == 0) {
				byte[] body = bytes((int) Math.min(size, 256 * 1024));
				if (body.length == size) {
					send(body, Mode.BODY);
					String trailer = "CHECKSUM crc32c=" + wrongCrc32c(body);
					send(utf8(trailer.substring(0, this.random.nextInt(trailer.length()))), Mode.BODY);
					return;
				}
			}
			long sent = switch (this.random.nextInt(5)) {
				case 0 -> 0;
				case 1 -> size - 1;
				default -> this.random.nextLong(size);
			};
			send(bytes((int) Math.min(sent, 512 * 1024)), Mode.BODY);
		}

		private void resumablePut() {
			String name = "fuzz-resume-" + this.index + ".bin";
			long size = switch (this.random.nextInt(5)) {
				case 0 -> Long.MAX_VALUE;
				case 1 -> 1L << 40;
				default -> PartialWrite.WORTH_KEEPING + 1 + this.random.nextInt(2 * (int) MIB);
			};
			Instant modified = (this.random.nextInt(6) == 0) ? pick(Instant.MIN, Instant.MAX, Instant.EPOCH)
				.truncatedTo(ChronoUnit.MILLIS) : validInstant();
			boolean resume = this.random.nextInt(4) == 0;
			List<String> parameters = new ArrayList<>(List.of("modified=" + modified));
			if (resume) {
				parameters.add("offset=" + (1 + this.random.nextLong(size)));
			}
			if (this.random.nextBoolean()) {
				parameters.add("checksum=crc32c");
			}
			Collections.shuffle(parameters, this.random);
			header("PUT " + name + " " + size + " " + String.join(" ", parameters));
			this.awaitGoAheadAfter = this.pieces.size() - 1;
			byte[] body = bytes((this.random.nextInt(4) == 0) ? 0 : this.random.nextInt(256 * 1024));
			send(body, Mode.BODY);
			this.upload = new ResumableUpload(name, size, modified, resume, body);
		}

		private void hugeSizes() {
			String name = token("fuzz-" + this.index + ".bin");
			String checked = this.random.nextBoolean() ? " checksum=crc32c" : "";
			switch (this.random.nextInt(7)) {
				case 0 -> {
					header("PUT " + name + " " + Long.MAX_VALUE + " body=follows" + checked);
					send(bytes(1 + this.random.nextInt(64 * 1024)), Mode.BODY);
				}
				case 1 -> {
					header("PUT " + name + " " + Long.MAX_VALUE + checked);
					send(bytes(1 + this.random.nextInt(64 * 1024)), Mode.BODY);
				}
				case 2 -> { // 501, and the server closes: it cannot find where the body ends
					header("PUT " + name + " " + someOf(OVERFLOWS) + " body=follows" + checked);
					send(bytes(1 + this.random.nextInt(4096)), Mode.BODY);
				}
				case 3 -> { // 501, and the connection goes on
					header("PUT " + name + " " + someOf(OVERFLOWS) + checked);
					someHarmlessLines(1 + this.random.nextInt(5));
				}
				case 4 -> {
					harmlessLine(() -> "GET " + token(someOf(this.targets.files())) + " offset=" + hugeNumber() + " size="
							+ hugeNumber() + " modified=" + instant() + " crc32c=" + hex8());
					someHarmlessLines(this.random.nextInt(4));
				}
				case 5 -> { // not resumable (5 bytes): 150 restart=, then fewer than 5 bytes
					header("PUT " + name + " 5 modified=" + validInstant() + " offset=" + Long.MAX_VALUE + checked);
					send(bytes(this.random.nextInt(5)), Mode.BODY);
				}
				default -> {
					harmlessLine(() -> "LIST");
					harmlessLine(() -> "HASH " + token(someOf(this.targets.files())) + " size=" + Long.MAX_VALUE);
					harmlessLine(() -> "GET " + token(someOf(this.targets.files())) + " offset=" + someOf(OVERFLOWS)
							+ " size=1 modified=" + instant() + " crc32c=" + hex8());
				}
			}
		}

		private void mutatedLines() {
			int count = 5 + this.random.nextInt(56);
			for (int i = 0; i < count; i++) {
				if (this.random.nextBoolean()) {
					harmlessLine(() -> RequestLines.mutated(this.random, baseLine()));
				}
				else {
					harmlessBytes(() -> flipBits(utf8(baseLine())));
				}
				if (this.random.nextInt(10) == 0) {
					pause(1 + this.random.nextInt(20));
				}
			}
		}

		private void pipeline() {
			int count = 100 + this.random.nextInt(501);
			boolean keepAlive = this.random.nextInt(10) < 6; // a good line now and then, or the server gives up after 10 bad ones
			ByteArrayOutputStream lines = new ByteArrayOutputStream();
			for (int i = 0; i < count; i++) {
				if (keepAlive && i % 5 == 4) {
					lines.writeBytes(utf8("NOOP\n"));
					continue;
				}
				int pick = this.random.nextInt(20);
				if (pick < 8) {
					lines.writeBytes(harmless(() -> utf8(plausibleRequest() + (this.random.nextInt(5) == 0 ? "\r\n" : "\n"))));
				}
				else if (pick < 13) {
					lines.writeBytes(harmless(() -> utf8(RequestLines.random(this.random) + "\n")));
				}
				else if (pick < 17) {
					lines.writeBytes(harmless(() -> utf8(RequestLines.mutated(this.random, baseLine()) + "\n")));
				}
				else if (pick < 19) {
					lines.writeBytes(harmless(() -> flipBits(utf8(baseLine() + "\n"))));
				}
				else {
					lines.writeBytes(utf8(pick(new String[] { "\n", "\r\n", " \n", "\r\r\n", "\t\n" })));
				}
			}
			byte[] all = lines.toByteArray();
			int parts = 1 + this.random.nextInt(4);
			int from = 0;
			for (int part = 1; part <= parts; part++) {
				int to = (part == parts) ? all.length : from + this.random.nextInt(all.length - from + 1);
				this.pieces.add(new Piece(Arrays.copyOfRange(all, from, to), 0, Mode.LINES));
				from = to;
			}
		}

		private void refusedPut() {
			int count = 1 + this.random.nextInt(4);
			for (int i = 0; i < count; i++) {
				String name = token("fuzz-" + this.index + "-" + i + ".bin");
				int size = this.random.nextInt(3) == 0 ? this.random.nextInt(64 * 1024) : this.random.nextInt(16);
				byte[] body = bytes(size);
				switch (this.random.nextInt(6)) {
					case 0 -> {
						header("PUT " + someOf(REFUSED_NAMES) + " " + size + " body=follows");
						send(body, Mode.BODY);
					}
					case 1 -> {
						header("PUT .simpleftp-partial-" + hex8() + ".part " + size + " body=follows checksum=crc32c");
						send(body, Mode.BODY);
						harmlessLine(() -> "CHECKSUM crc32c=" + hex8());
					}
					case 2 -> {
						header("PUT " + name + " " + size + " body=follows mode=append");
						send(body, Mode.BODY);
					}
					case 3 -> {
						header("PUT " + token(this.targets.directory()) + " " + size + " body=follows");
						send(body, Mode.BODY);
					}
					case 4 -> { // 456: the file, new or seeded, must stay as it was
						String target = this.random.nextBoolean() ? token(someOf(this.targets.files())) : name;
						header("PUT " + target + " " + size + " body=follows checksum=crc32c");
						send(body, Mode.BODY);
						harmlessLine(() -> "CHECKSUM crc32c=" + wrongCrc32c(body));
					}
					default -> {
						header("PUT " + name + " " + size + pick(" body=nope", " offset=1", " modified=yesterday"));
					}
				}
				someHarmlessLines(this.random.nextInt(3));
			}
			if (this.random.nextBoolean()) { // refusals after which the server closes: it cannot find the next request
				String name = token("fuzz-" + this.index + "-last.bin");
				byte[] body = bytes(this.random.nextInt(16));
				switch (this.random.nextInt(4)) {
					case 0 -> header("PUT " + name + " " + body.length + " body=follows checksum=md5");
					case 1 -> header("PUT " + name + " " + body.length + " extra body=follows");
					case 2 -> header("PUT " + name + " " + body.length + " body=follows offset=1");
					default -> header("PUT " + name + " " + body.length + " body=follows checksum=crc32c");
				}
				send(body, Mode.BODY);
				harmlessLine(() -> pick("NOOP", "CHECKSUM crc32c=xyz", "CHECKSUM crc32c=" + hex8() + " extra"));
			}
		}

		private void abruptReset() {
			this.ending = Ending.RESET;
			switch (this.random.nextInt(5)) {
				case 0 -> {
				}
				case 1 -> {
					byte[] line = utf8(plausibleRequest());
					send(Arrays.copyOf(line, this.random.nextInt(line.length + 1)), Mode.LINES);
				}
				case 2 -> {
					header("PUT " + token("fuzz-" + this.index + ".bin") + " " + (1 + this.random.nextInt(3 * (int) MIB))
							+ (this.random.nextBoolean() ? " body=follows" : "") + " checksum=crc32c");
					send(bytes(this.random.nextInt(128 * 1024)), Mode.BODY);
				}
				case 3 -> {
					String largest = this.targets.files().get(0);
					harmlessLine(() -> "GET " + token(largest));
					pause(this.random.nextInt(5));
				}
				default -> {
					for (int i = 0; i < 50; i++) {
						harmlessLine(() -> pick("LIST", "NOOP", "GET " + token(someOf(this.targets.files()))));
					}
				}
			}
		}

		// -----------------------------------------------------------------------------------
		// Lines

		/** A request with a real verb and plausible arguments; never a PUT (those are headers, or cut). */
		private String plausibleRequest() {
			String file = token(someOf(this.targets.files()));
			return switch (this.random.nextInt(14)) {
				case 0, 1 -> "GET " + file;
				case 2 -> "GET " + someOf(HOSTILE_NAMES);
				case 3 -> "GET " + file + " offset=" + plausibleSize() + " size=" + plausibleSize() + " modified=" + instant()
						+ " crc32c=" + hex8();
				case 4 -> "LIST";
				case 5, 6 -> "NOOP";
				case 7 -> "HASH " + (this.random.nextBoolean() ? file : someOf(HOSTILE_NAMES));
				case 8 -> "PARTIAL " + pick(token(this.targets.partialName()), file, someOf(HOSTILE_NAMES));
				case 9 -> pick("get " + file, "list", "NoOp", "hAsH " + file, "partial " + file);
				case 10 -> pick("LIST extra", "NOOP x=1", "GET", "GET " + file + " " + file, "HASH", "PARTIAL", "QUIT now");
				case 11 -> RequestLines.valid(this.random);
				case 12 -> "GET " + file + " offset=" + plausibleSize();
				default -> (this.random.nextInt(10) == 0) ? "QUIT" : "NOOP";
			};
		}

		/** A line to damage: a plausible request, a PUT, or a generated request. */
		private String baseLine() {
			return switch (this.random.nextInt(4)) {
				case 0 -> putLine("fuzz-" + this.index + ".bin", plausibleSize());
				case 1 -> RequestLines.valid(this.random);
				default -> plausibleRequest();
			};
		}

		private String putLine(String name, long size) {
			List<String> parameters = new ArrayList<>();
			for (String parameter : List.of("body=follows", "checksum=crc32c", "modified=" + instant(),
					"offset=" + plausibleSize())) {
				if (this.random.nextInt(3) == 0) {
					parameters.add(parameter);
				}
			}
			Collections.shuffle(parameters, this.random);
			return "PUT " + token(name) + " " + size + (parameters.isEmpty() ? "" : " " + String.join(" ", parameters));
		}

		private void someHarmlessLines(int count) {
			for (int i = 0; i < count; i++) {
				harmlessLine(this::plausibleRequest);
			}
		}

		/** Sends a line (with its LF) drawn until it is not a PUT. */
		private void harmlessLine(Supplier<String> line) {
			harmlessBytes(() -> utf8(line.get() + "\n"));
		}

		private void harmlessBytes(Supplier<byte[]> bytes) {
			send(harmless(bytes), Mode.LINES);
		}

		/** Bytes drawn until no whole line in them is a PUT request. */
		private byte[] harmless(Supplier<byte[]> bytes) {
			for (int attempt = 0; attempt < 1000; attempt++) {
				byte[] drawn = bytes.get();
				if (!hasPutLine(List.of(new Piece(drawn, 0, Mode.LINES)))) {
					return drawn;
				}
				this.withheld++;
			}
			throw new IllegalStateException("1000 lines in a row were PUT requests");
		}

		/** An upload's request line, with its LF. */
		private void header(String line) {
			this.pieces.add(new Piece(utf8(line + "\n"), 0, Mode.PUT_HEADER));
		}

		// -----------------------------------------------------------------------------------
		// Pieces and pauses

		/** Sends {@code bytes} at once, in random pieces, or (short ones, sometimes) a few bytes at a time. */
		private void send(byte[] bytes, Mode mode) {
			int style = this.random.nextInt(10);
			if (bytes.length < 2 || style < 6) {
				this.pieces.add(new Piece(bytes, 0, mode));
				return;
			}
			boolean drip = style == 9 && this.dripped < MAX_DRIP_MILLIS;
			int from = 0;
			while (from < bytes.length) {
				int length = drip && from < 200 ? 1 + this.random.nextInt(8)
						: drip ? bytes.length - from : 1 + this.random.nextInt(Math.max(1, bytes.length / 2));
				int to = Math.min(bytes.length, from + length);
				int pause = drip ? 1 + this.random.nextInt(15) : 0;
				this.pieces.add(new Piece(Arrays.copyOfRange(bytes, from, to), pause, mode));
				this.dripped += pause;
				from = to;
			}
		}

		private void pause(int millis) {
			if (this.pieces.isEmpty()) {
				this.pieces.add(new Piece(new byte[0], millis, Mode.LINES));
				return;
			}
			int last = this.pieces.size() - 1;
			Piece piece = this.pieces.get(last);
			this.pieces.set(last, new Piece(piece.bytes(), piece.pauseMillis() + millis, piece.mode()));
		}

		/** A while before the end: none, a moment, or up to a second (a slow peer, parked meanwhile). */
		private void lastPause() {
			int pick = this.random.nextInt(20);
			pause((pick < 10) ? 0 : (pick < 17) ? 1 + this.random.nextInt(100) : 200 + this.random.nextInt(800));
		}

		// -----------------------------------------------------------------------------------
		// Values

		private long plausibleSize() {
			return switch (this.random.nextInt(6)) {
				case 0 -> this.random.nextInt(17);
				case 1 -> 1000 + this.random.nextInt(64 * 1024);
				case 2 -> 64 * 1024 + this.random.nextInt((int) MIB);
				case 3 -> MIB - 2 + this.random.nextInt(5);
				case 4 -> MIB + this.random.nextInt(2 * (int) MIB);
				default -> this.random.nextInt(4096);
			};
		}

		private String hugeNumber() {
			return pick(Long.toString(Long.MAX_VALUE), Long.toString(Long.MAX_VALUE - 1), "0", someOf(OVERFLOWS));
		}

		private String instant() {
			return switch (this.random.nextInt(8)) {
				case 0 -> Instant.MAX.toString();
				case 1 -> Instant.MIN.toString();
				case 2 -> "2026-11-24T06:20:60Z";
				case 3 -> "2026-11-24T06:20:23.123456789Z";
				default -> validInstant().toString();
			};
		}

		/** A time every parser takes, to the millisecond. */
		private Instant validInstant() {
			return Instant.ofEpochMilli(946_684_800_000L + this.random.nextLong(1_000_000_000_000L));
		}

		private String hex8() {
			return String.format("%08x", this.random.nextInt());
		}

		private byte[] bytes(int length) {
			byte[] bytes = new byte[length];
			this.random.nextBytes(bytes);
			return bytes;
		}

		private byte[] flipBits(byte[] bytes) {
			if (bytes.length == 0) {
				return bytes;
			}
			byte[] flipped = bytes.clone();
			for (int flips = 1 + this.random.nextInt(3); flips > 0; flips--) {
				int at = this.random.nextInt(flipped.length);
				flipped[at] ^= (byte) (1 << this.random.nextInt(8));
			}
			return flipped;
		}

		private byte noLf(byte b) {
			return (b == '\n') ? (byte) 'x' : b;
		}

		@SafeVarargs
		private <T> T pick(T... choices) {
			return choices[this.random.nextInt(choices.length)];
		}

		private byte pickByte(byte... choices) {
			return choices[this.random.nextInt(choices.length)];
		}

		private String someOf(List<String> choices) {
			return choices.get(this.random.nextInt(choices.size()));
		}

		private String someOf(String[] choices) {
			return choices[this.random.nextInt(choices.length)];
		}

	}

	/** A CRC32C that is not that of {@code body}: the upload is refused with 456. */
	private static String wrongCrc32c(byte[] body) {
		CRC32C crc = new CRC32C();
		crc.update(body);
		return String.format("%08x", crc.getValue() ^ 0xFFFF_FFFFL);
	}

	/** A name as a protocol token: '%', space, '=' and control characters escaped. */
	static String token(String name) {
		return RawTransfers.encode(name);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
