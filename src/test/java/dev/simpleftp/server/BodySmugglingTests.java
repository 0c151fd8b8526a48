package dev.simpleftp.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import javax.net.ssl.SSLSocket;

import dev.simpleftp.PropertyCheck.Shrink;
import dev.simpleftp.PropertyCheck;
import dev.simpleftp.RunningServer;
import dev.simpleftp.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body is never run as requests (issue 13, part 1): PUT lines with random mutations (repeated,
 * unknown and malformed parameters, bad values and escapes, wrong argument counts, bad sizes, bytes
 * that are not UTF-8), each followed by a body that is itself a run of valid requests. Whatever the
 * server makes of the line, it reads and drops exactly the declared body or ends the connection:
 * no body byte ever produces a file, a reply or any other effect. Over plain text and TLS.
 */
@Timeout(120)
class BodySmugglingTests {

	/** Valid requests, each with an effect that shows: a file stored, a {@code 200} reply, a hash. */
	private static final String PAYLOAD = "PUT pwned.txt 2 body=follows\nhi\nNOOP\nHASH target.txt\nLIST\n";

	private static final byte[] PAYLOAD_BYTES = PAYLOAD.getBytes(StandardCharsets.US_ASCII);

	private static final String MODIFIED = "modified=2026-11-24T06:20:23.123Z";

	@TempDir
	Path temp;

	@Test
	void noBodyByteOfAMutatedPutIsEverReadAsARequestOverPlainText() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("plain"));
		try (RunningServer server = RunningServer.start(root)) {
			PropertyCheck.forAll(300, BodySmugglingTests::trial, Shrink.none(), Trial::toString,
					trial -> check(trial, root, () -> plain(server.port())));
		}
	}

	@Test
	void noBodyByteOfAMutatedPutIsEverReadAsARequestOverTls() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("tls"));
		try (RunningServer server = RunningServer.start(RunningServer.settings(root), TestTls.server("server"))) {
			PropertyCheck.forAll(80, BodySmugglingTests::trial, Shrink.none(), Trial::toString,
					trial -> check(trial, root, () -> encrypted(server.port())));
		}
	}

	@Test
	void noBodyByteOfAMutatedPutSentBeforeTheRequiredTlsIsEverReadAsARequest() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("before-tls"));
		try (RunningServer server = RunningServer.start(RunningServer.settings(root), TestTls.server("server"))) {
			PropertyCheck.forAll(80, BodySmugglingTests::trial, Shrink.none(), Trial::toString,
					trial -> check(trial, root, () -> plain(server.port())));
		}
	}

	@Test
	void aChecksumLineThatIsNotUtf8OrTooLongEndsTheConnectionAndNothingAfterItRuns() throws IOException {
		Path root = Files.createDirectories(this.temp.resolve("trailer"));
		try (RunningServer server = RunningServer.start(root)) {
			for (byte[] trailer : List.of(new byte[] { 'C', 'H', (byte) 0xFF, '\n' },
					("CHECKSUM crc32c=" + "0".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII),
					"PUT pwned.txt 2 body=follows\n".getBytes(StandardCharsets.US_ASCII))) {
				try (Wire wire = plain(server.port())) {
					ByteArrayOutputStream sent = new ByteArrayOutputStream();
					sent.writeBytes(("PUT target.txt 3 body=follows checksum=crc32c\nabc").getBytes(StandardCharsets.US_ASCII));
					sent.writeBytes(trailer);
					sent.writeBytes("hi\nNOOP\n".getBytes(StandardCharsets.US_ASCII));
					wire.out().write(sent.toByteArray());
					wire.shutdownOutput();
					List<String> replies = wire.readAll();
					assertThat(replies).hasSize(1);
					assertThat(replies.get(0)).startsWith("50").contains("closing the connection");
				}
			}
		}
		assertThat(root).isEmptyDirectory();
	}

	/**
	 * Sends the trial's line, its body, the CHECKSUM line its unmutated form would need, and
	 * {@code QUIT}; then reads every reply until the server closes.
	 */
	private static void check(Trial trial, Path root, Connector connector) throws IOException {
		List<String> replies;
		try (Wire wire = connector.connect()) {
			ByteArrayOutputStream sent = new ByteArrayOutputStream();
			sent.writeBytes(trial.line());
			sent.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
			sent.writeBytes(PAYLOAD_BYTES);
			if (trial.checked()) {
				sent.writeBytes(checksumLine().getBytes(StandardCharsets.US_ASCII));
			}
			sent.writeBytes("QUIT\n".getBytes(StandardCharsets.US_ASCII));
			wire.out().write(sent.toByteArray());
			wire.out().flush();
			wire.shutdownOutput();
			replies = wire.readAll();
		}
		assertThat(root.resolve("pwned.txt")).doesNotExist();
		assertThat(replies).as("replies").hasSizeLessThanOrEqualTo(2);
		assertThat(replies).noneMatch(reply -> reply.contains("pwned") || reply.startsWith("200 ") || reply.startsWith("150 "));
		if (replies.size() == 2) {
			assertThat(replies.get(1)).isEqualTo("221 goodbye");
		}
		assertThat(afterTheUploadEnds(root)).allMatch(path -> path.getFileName().toString().equals("target.txt"));
		if (Files.exists(root.resolve("target.txt"))) {
			assertThat(root.resolve("target.txt")).hasBinaryContent(PAYLOAD_BYTES);
			Files.delete(root.resolve("target.txt"));
		}
	}

	/**
	 * The files in {@code root} once the server has discarded any upload left waiting for the rest
	 * of its body (over TLS the test closes without a half-close, and the server then sees the end).
	 */
	private static List<Path> afterTheUploadEnds(Path root) throws IOException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (true) {
			try (var files = Files.list(root)) {
				List<Path> stored = files.toList();
				if (stored.stream().noneMatch(path -> path.getFileName().toString().startsWith(".simpleftp-"))
						|| System.nanoTime() > deadline) {
					return stored;
				}
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
	}

	private static String checksumLine() {
		CRC32C crc = new CRC32C();
		crc.update(PAYLOAD_BYTES);
		return String.format("CHECKSUM crc32c=%08x\n", crc.getValue());
	}

	/**
	 * A PUT line that announces {@link #PAYLOAD} as its body, with one to three mutations. A mutated
	 * size that still parses is never below what is sent, so that every byte sent after the line is
	 * body by the line's own account, and none may act.
	 */
	private static Trial trial(Random random) {
		boolean checked = random.nextBoolean();
		List<String> tokens = new ArrayList<>(List.of("PUT", "target.txt", String.valueOf(PAYLOAD_BYTES.length),
				"body=follows"));
		if (checked) {
			tokens.add("checksum=crc32c");
		}
		if (random.nextBoolean()) {
			tokens.add(MODIFIED);
		}
		List<String> applied = new ArrayList<>();
		int mutations = 1 + random.nextInt(3);
		boolean notUtf8 = false;
		for (int i = 0; i < mutations; i++) {
			int kind = random.nextInt(12);
			applied.add(mutate(kind, tokens, random));
			notUtf8 |= kind == 11;
		}
		if (tokens.stream().noneMatch(token -> token.startsWith("body="))) {
			tokens.add("body=follows"); // every line announces its body somehow, or the bytes are not a body
		}
		Collections.shuffle(tokens.subList(Math.min(3, tokens.size()), tokens.size()), random);
		checked = tokens.contains("checksum=crc32c");
		byte[] line = String.join(" ", tokens).getBytes(StandardCharsets.UTF_8);
		if (notUtf8) {
			line = withByteNotUtf8(line, random);
		}
		return new Trial(line, checked, applied);
	}

	private static String mutate(int kind, List<String> tokens, Random random) {
		switch (kind) {
			case 0 -> {
				List<String> parameters = tokens.stream().filter(token -> token.indexOf('=') > 0).toList();
				String copy = parameters.isEmpty() ? "body=follows" : parameters.get(random.nextInt(parameters.size()));
				tokens.add(random.nextBoolean() ? copy : copy.substring(0, copy.indexOf('=') + 1) + "x");
				return "repeated parameter";
			}
			case 1 -> {
				tokens.add(pick(random, "foo=1", "mode=append", "x-y=%20", "size=3"));
				return "unknown parameter";
			}
			case 2 -> {
				tokens.add(pick(random, "Foo=1", "BODY=follows", "=x", "b_dy=1", "-x=1", "9=9", "b\u00f6dy=follows",
						"a".repeat(33) + "=1"));
				return "malformed key";
			}
			case 3 -> {
				replaceParameter(tokens, "body", pick(random, "body=folows", "body=FOLLOWS", "body=", "body=follows%20",
						"body=%66ollows", "body=follows%zz"));
				return "bad body value";
			}
			case 4 -> {
				tokens.add(pick(random, "checksum=md5", "checksum=", "checksum=CRC32C", "modified=yesterday", "modified=",
						"offset=3", "offset=x"));
				return "bad or extra value";
			}
			case 5 -> {
				tokens.set(1, pick(random, "tar%zzget.txt", "target%", "target%F", "%FF%FE", "%C0%AE%C0%AE", "%ED%A0%80"));
				return "bad escape in the name";
			}
			case 6 -> {
				tokens.remove(random.nextBoolean() ? 1 : 2);
				tokens.add("x"); // keeps the list long enough for the other mutations
				return "argument moved";
			}
			case 7 -> {
				// A number is large: were it taken as the size, all that is sent would be the body.
				tokens.add(3, pick(random, "extra", "33333333", "x%20y"));
				return "extra argument";
			}
			case 8 -> {
				tokens.set(2, pick(random, "-1", "0x10", "1e3", "+59", "99999999999999999999", "\uff15\uff19", "", "5 9",
						"67108865", "9223372036854775807"));
				return "bad size";
			}
			case 9 -> {
				tokens.set(0, pick(random, "put", "Put", "pUT"));
				return "verb case";
			}
			case 10 -> {
				tokens.set(1, pick(random, "../x", ".simpleftp-x", "a/b", "..", "%2E%2E"));
				return "refused name";
			}
			default -> {
				return "a byte that is not UTF-8";
			}
		}
	}

	private static void replaceParameter(List<String> tokens, String key, String replacement) {
		for (int i = 3; i < tokens.size(); i++) {
			if (tokens.get(i).startsWith(key + "=")) {
				tokens.set(i, replacement);
				return;
			}
		}
		tokens.add(replacement);
	}

	private static byte[] withByteNotUtf8(byte[] line, Random random) {
		int at = 4 + random.nextInt(Math.max(1, line.length - 4));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(line, 0, Math.min(at, line.length));
		out.write(pick(random, 0xFF, 0xC0, 0x80, 0xED));
		out.write(line, Math.min(at, line.length), line.length - Math.min(at, line.length));
		return out.toByteArray();
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static Wire plain(int port) throws IOException {
		Socket socket = socket(port);
		Wire wire = new Wire(socket, socket.getInputStream(), socket.getOutputStream());
		wire.expect("220 ");
		return wire;
	}

	private static Wire encrypted(int port) throws IOException {
		Socket socket = socket(port);
		Wire plain = new Wire(socket, socket.getInputStream(), socket.getOutputStream());
		plain.expect("220 ");
		plain.out().write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
		plain.expect("234 ");
		SSLSocket tls = TestTls.trusting("ca").connect(socket, "127.0.0.1");
		Wire wire = new Wire(tls, tls.getInputStream(), tls.getOutputStream());
		wire.expect("220 ");
		return wire;
	}

	private static Socket socket(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		socket.setSoTimeout(10_000);
		socket.setTcpNoDelay(true);
		return socket;
	}

	record Trial(byte[] line, boolean checked, List<String> mutations) {

		@Override
		public String toString() {
			return mutations + ": " + new String(this.line, StandardCharsets.UTF_8).replace("\uFFFD", "<not UTF-8>");
		}

	}

	@FunctionalInterface
	interface Connector {

		Wire connect() throws IOException;

	}

	/** One connection, plain or TLS, read a line at a time. */
	record Wire(Socket socket, InputStream in, OutputStream out) implements AutoCloseable {

		void expect(String prefix) throws IOException {
			String line = readLine();
			if (line == null || !line.startsWith(prefix)) {
				throw new IOException("expected " + prefix + "..., got " + line);
			}
		}

		void shutdownOutput() throws IOException {
			if (!(this.socket instanceof SSLSocket)) {
				this.socket.shutdownOutput();
			}
		}

		/**
		 * Every reply until the server closes. Over TLS the output is not shut, so a server waiting for
		 * the rest of a declared body reads nothing more: silence then ends the reading.
		 */
		List<String> readAll() throws IOException {
			List<String> lines = new ArrayList<>();
			this.socket.setSoTimeout((this.socket instanceof SSLSocket) ? 1500 : 10_000);
			try {
				for (String line = readLine(); line != null; line = readLine()) {
					lines.add(line);
				}
			}
			catch (SocketTimeoutException ex) {
				// the server waits for body bytes that never come: nothing of the body was run
			}
			catch (IOException ex) {
				// a reset after the server closed with bytes unread
			}
			return lines;
		}

		String readLine() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1 && b != '\n') {
				line.write(b);
			}
			return (b == -1 && line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
