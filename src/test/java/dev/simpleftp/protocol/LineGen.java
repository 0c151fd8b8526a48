package dev.simpleftp.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.simpleftp.PropertyCheck.Strings;

/** Generators of protocol lines for the property tests: random, valid, and valid then damaged. */
final class LineGen {

	static final String[] VERBS = { "GET", "PUT", "LIST", "NOOP", "QUIT", "HASH", "PARTIAL", "CHECKSUM", "get", "Put", "x" };

	/** Parameter keys, the last one as long as a key may be (32). */
	static final String[] KEYS = { "body", "checksum", "modified", "offset", "size", "crc32c", "restart", "a", "x-1", "k0-",
			"abcdefghijklmnopqrstuvwxyz012345" };

	/** Escapes of bytes that are not UTF-8 on their own: a lone lead byte, a surrogate, beyond U+10FFFF, overlong, a lone continuation. */
	private static final String[] BAD_UTF8_ESCAPES = { "%C3", "%ED%A0%80", "%F4%90%80%80", "%C0%AF", "%80", "%FF", "%E2%82" };

	private LineGen() {
	}

	/**
	 * A random line: hostile characters or any characters at all, sometimes after a verb or a reply
	 * code; or a run of pieces of lines (keys, escapes, '=', spaces, hostile characters) that parses more often.
	 */
	static String randomLine(Random random, boolean replyLike) {
		StringBuilder line = new StringBuilder();
		if (random.nextInt(4) == 0) {
			line.append(replyLike ? String.valueOf(100 + random.nextInt(500)) : VERBS[random.nextInt(VERBS.length)]).append(' ');
		}
		return switch (random.nextInt(5)) {
			case 0 -> line.append(Strings.of(random, Strings.length(random, 300), Strings::anyChar)).toString();
			case 1, 2 -> line.append(Strings.of(random, Strings.length(random, 300), r -> Strings.hostileChar(r, true))).toString();
			default -> pieces(random, replyLike);
		};
	}

	private static String pieces(Random random, boolean replyLike) {
		StringBuilder line = new StringBuilder(
				replyLike ? String.valueOf(100 + random.nextInt(500)) : VERBS[random.nextInt(VERBS.length)]);
		for (int i = Strings.length(random, 40); i > 0; i--) {
			switch (random.nextInt(8)) {
				case 0 -> line.append(' ');
				case 1 -> line.append(' ').append(KEYS[random.nextInt(KEYS.length)]).append('=');
				case 2 -> line.append(String.format("%%%02X", random.nextInt(256)));
				case 3 -> line.append("%=".charAt(random.nextInt(2)));
				case 4 -> line.append(Strings.controlChar(random));
				default -> line.append(Strings.hostileChar(random, true));
			}
		}
		return line.toString();
	}

	/** A value that an argument or a parameter may carry: any well-formed text (arguments must not be empty). */
	static String value(Random random, boolean mayBeEmpty) {
		int length = Strings.length(random, 60);
		if (!mayBeEmpty && length == 0) {
			length = 1;
		}
		return Strings.of(random, length, r -> Strings.hostileChar(r, false));
	}

	static Request validRequest(Random random) {
		int arguments = random.nextInt(4);
		String[] values = new String[arguments];
		for (int i = 0; i < arguments; i++) {
			values[i] = value(random, false);
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		for (int i = random.nextInt(4); i > 0; i--) {
			parameters.put(KEYS[random.nextInt(KEYS.length)], value(random, true));
		}
		return new Request(VERBS[random.nextInt(VERBS.length)], List.of(values), parameters);
	}

	static Reply validReply(Random random) {
		Reply reply = new Reply(100 + random.nextInt(500), Map.of(), Reply.asText(value(random, true)));
		for (int i = random.nextInt(4); i > 0; i--) {
			reply = reply.with(KEYS[random.nextInt(KEYS.length)], value(random, true));
		}
		return reply;
	}

	/** {@code line} after one to four random edits of the kinds that break parsers. */
	static String mutate(Random random, String line) {
		StringBuilder out = new StringBuilder(line);
		for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
			mutateOnce(random, out);
		}
		return out.toString();
	}

	private static void mutateOnce(Random random, StringBuilder line) {
		int at = random.nextInt(line.length() + 1);
		switch (random.nextInt(14)) {
			case 0 -> line.insert(at, Strings.hostileChar(random, true));
			case 1 -> {
				if (line.length() > 0) {
					int from = random.nextInt(line.length());
					line.delete(from, Math.min(line.length(), from + 1 + random.nextInt(8)));
				}
			}
			case 2 -> {
				if (line.length() > 0) {
					int from = random.nextInt(line.length());
					int to = Math.min(line.length(), from + 1 + random.nextInt(12));
					line.insert(to, line.substring(from, to));
				}
			}
			case 3 -> breakEscape(random, line);
			case 4 -> line.insert(at, "=");
			case 5 -> line.insert(at, random.nextBoolean() ? "%" : "%" + "0123456789abcdefABCDEFgG".charAt(random.nextInt(24)));
			case 6 -> line.insert(at, ' ' + longToken(random) + (random.nextBoolean() ? " " : ""));
			case 7 -> line.insert(at, Strings.controlChar(random));
			case 8 -> splitOrInsertSurrogate(random, line, at);
			case 9 -> line.replace(0, line.length(), " ".repeat(random.nextInt(3)));
			case 10 -> flipCase(random, line);
			case 11 -> line.insert(at, ' ');
			case 12 -> line.insert(at, BAD_UTF8_ESCAPES[random.nextInt(BAD_UTF8_ESCAPES.length)]);
			default -> line.insert(at, String.format("%%%02X", random.nextInt(256)));
		}
	}

	/** A token of 100 to 3000 repeated units: letters, escapes, two-byte letters, emoji, or a mix. */
	static String longToken(Random random) {
		String[] units = { "a", "%41", "é", "😀", "=", "%" };
		int count = 100 + random.nextInt(2901);
		if (random.nextBoolean()) {
			return units[random.nextInt(4)].repeat(count);
		}
		StringBuilder token = new StringBuilder();
		for (int i = 0; i < count; i++) {
			token.append(units[random.nextInt(random.nextInt(3) == 0 ? units.length : 4)]);
		}
		return token.toString();
	}

	/** Replaces a character after a '%' with a non-hex one, or cuts the line just after a '%'. */
	private static void breakEscape(Random random, StringBuilder line) {
		int percent = line.indexOf("%", random.nextInt(line.length() + 1));
		if (percent < 0) {
			percent = line.indexOf("%");
		}
		if (percent < 0) {
			line.append(random.nextBoolean() ? " %" : "%4");
			return;
		}
		int victim = percent + 1 + random.nextInt(2);
		if (victim >= line.length() || random.nextInt(4) == 0) {
			line.setLength(Math.min(line.length(), victim));
		}
		else {
			line.setCharAt(victim, "gGzZ% \u0660\uff11".charAt(random.nextInt(8)));
		}
	}

	private static void splitOrInsertSurrogate(Random random, StringBuilder line, int at) {
		for (int i = 0; i + 1 < line.length(); i++) {
			if (Character.isHighSurrogate(line.charAt(i)) && Character.isLowSurrogate(line.charAt(i + 1))
					&& random.nextBoolean()) {
				line.deleteCharAt(i + random.nextInt(2));
				return;
			}
		}
		line.insert(at, (char) (random.nextBoolean() ? 0xD800 + random.nextInt(0x400) : 0xDC00 + random.nextInt(0x400)));
	}

	private static void flipCase(Random random, StringBuilder line) {
		if (line.length() == 0) {
			return;
		}
		int i = random.nextInt(line.length());
		char c = line.charAt(i);
		line.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
	}

	/** What the peer's {@link ProtocolReader} hands over after this side's {@link ProtocolWriter} sent {@code reply}. */
	static String overTheWire(Reply reply) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new ProtocolWriter(Channels.newChannel(bytes)).send(reply);
		return new ProtocolReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())), 8192).readLine();
	}

	/** As {@link #overTheWire(Reply)}, for a request. */
	static String overTheWire(Request request) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		new ProtocolWriter(Channels.newChannel(bytes)).send(request);
		return new ProtocolReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())), 8192).readLine();
	}

	/** True if {@code line} has an ISO control character (which must never be sent raw). */
	static boolean hasControlCharacter(String line) {
		return line.chars().anyMatch(Character::isISOControl);
	}

}
