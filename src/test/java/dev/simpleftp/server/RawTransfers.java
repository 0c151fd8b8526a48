package dev.simpleftp.server;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.simpleftp.RawConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whole GET and PUT exchanges typed by hand over a {@link RawConnection}, checked step by step, for
 * the server tests of this package.
 */
public final class RawTransfers {

	private static final Pattern SIZE = Pattern.compile(" size=(\\d+)(?: |$)");

	private RawTransfers() {
	}

	/** A name as a token on the wire: '%', space, '=' and control characters as %XX. */
	static String encode(String name) {
		StringBuilder out = new StringBuilder();
		for (char c : name.toCharArray()) {
			if (c == '%' || c == ' ' || c == '=' || c < 0x20 || c == 0x7F) {
				out.append(String.format("%%%02X", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** GETs {@code name}, checking the 150 line, the body length and the 226 trailer. */
	public static byte[] get(RawConnection connection, String name) throws IOException {
		String sending = connection.request("GET " + encode(name));
		assertThat(sending).startsWith("150 size=");
		int size = Math.toIntExact(sizeIn(sending));
		byte[] body = connection.readBytes(size);
		assertThat(body).as("body of %s", name).hasSize(size);
		assertThat(connection.readLine()).startsWith("226 size=" + size + " ");
		return body;
	}

	/** PUTs {@code content} as {@code name}; returns the reply that follows the bytes. */
	static String put(RawConnection connection, String name, byte[] content) throws IOException {
		assertThat(connection.request("PUT " + encode(name) + " " + content.length)).startsWith("150 ");
		connection.sendBytes(content);
		return connection.readLine();
	}

	/** The {@code size=} parameter of a reply line. */
	static long sizeIn(String reply) {
		Matcher matcher = SIZE.matcher(reply);
		assertThat(matcher.find()).as("size= in '%s'", reply).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * The {@code modified=} a server sends for {@code file}: its modification time to the
	 * millisecond, as {@link java.time.Instant#toString()} writes it.
	 */
	static String modified(Path file) throws IOException {
		return Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
	}

	/** Bytes that differ from seed to seed, so one file's content is never mistaken for another's. */
	public static byte[] content(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** True once the server has ended the connection, whether by an orderly close or a reset. */
	static boolean closedByServer(RawConnection connection) throws IOException {
		try {
			return connection.isClosedByServer();
		}
		catch (SocketException ex) {
			return true;
		}
	}

	/** Polls until {@code condition} holds; fails after 10 s. */
	static void awaitUntil(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("still waiting after 10 s: " + what);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted while waiting: " + what);
			}
		}
	}

	public static void awaitConnectionCount(ServerRunner runner, int count) {
		awaitUntil("connectionCount() == " + count, () -> runner.connectionCount() == count);
	}

}
