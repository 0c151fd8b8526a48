package dev.simpleftp.server.account;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code ./simple-ftp hash-password}: prints the bcrypt hash of a password, for
 * {@code ftp.server.users[i].password-hash}. On a terminal it asks for the password twice without
 * echo; otherwise it reads one line from standard input ({@code ... | ./simple-ftp hash-password}).
 * Standard output gets the hash and nothing else. It never takes the password as an argument,
 * which other users could see and the shell would keep in its history.
 *
 * <p>A plain main class, without Spring: {@code java -cp target/simple-ftp.jar
 * -Dloader.main=dev.simpleftp.server.account.HashPassword org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class HashPassword {

	/** bcrypt reads no more of a password than this. */
	static final int MAX_PASSWORD_BYTES = 72;

	/** A line of standard input is read up to this many bytes: far more than a password needs. */
	private static final int MAX_LINE_BYTES = 4096;

	private HashPassword() {
	}

	public static void main(String[] args) {
		Console console = System.console();
		System.exit(run(args, isTerminal(console) ? console : null, System.in, nativeCharset(), System.out, System.err,
				BcryptHashes.DEFAULT_COST));
	}

	/**
	 * @param console the terminal to ask on, or {@code null} to read one line from {@code in}
	 * @param charset the encoding of {@code in}: the terminal's, which is what a person types in
	 * @return the exit status: 0 when the hash was printed, 1 when it was not (the reason on {@code err})
	 */
	static int run(String[] args, Console console, InputStream in, Charset charset, PrintStream out, PrintStream err,
			int cost) {
		if (args.length > 0) {
			err.println("hash-password takes no arguments: type the password when asked, or give it on standard input"
					+ " (on the command line other users could see it, and the shell would keep it in its history)");
			return 1;
		}
		char[] password = null;
		try {
			password = (console != null) ? askTwice(console) : readLine(in, charset);
			if (password == null) {
				err.println((console != null) ? "the two passwords differ; nothing was hashed" : "no password on standard input");
				return 1;
			}
			if (password.length == 0) {
				err.println("the password is empty; nothing was hashed");
				return 1;
			}
			byte[] encoded = utf8(password);
			int bytes = encoded.length;
			Arrays.fill(encoded, (byte) 0);
			if (bytes > MAX_PASSWORD_BYTES) {
				err.println("the password is " + bytes + " bytes long in UTF-8; bcrypt reads no more than "
						+ MAX_PASSWORD_BYTES + ", so it would ignore the rest: choose a shorter one");
				return 1;
			}
			out.println(new BCryptPasswordEncoder(cost).encode(new String(password)));
			return 0;
		}
		catch (IOException ex) {
			err.println("cannot read the password: " + ex.getMessage());
			return 1;
		}
		finally {
			if (password != null) {
				Arrays.fill(password, '\0');
			}
		}
	}

	/** The password, or {@code null} if the two entries differ. */
	private static char[] askTwice(Console console) throws IOException {
		char[] first = console.readPassword("Password: ");
		char[] second = (first != null) ? console.readPassword("Same password again: ") : null;
		if (first == null || second == null) {
			wipe(first);
			throw new IOException("the input ended");
		}
		byte[] a = utf8(first);
		byte[] b = utf8(second);
		boolean same = MessageDigest.isEqual(a, b);
		Arrays.fill(a, (byte) 0);
		Arrays.fill(b, (byte) 0);
		wipe(second);
		if (!same) {
			wipe(first);
			return null;
		}
		return first;
	}

	/**
	 * One line of {@code in}, without its ending (LF or CRLF); {@code null} at once at the end of
	 * input. Bytes that are not text in {@code charset} are an error: replacing them would hash
	 * another password than the one meant.
	 */
	private static char[] readLine(InputStream in, Charset charset) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b = in.read();
		if (b == -1) {
			return null;
		}
		while (b != -1 && b != '\n') {
			if (line.size() >= MAX_LINE_BYTES) {
				throw new IOException("the line is longer than " + MAX_LINE_BYTES + " bytes");
			}
			line.write(b);
			b = in.read();
		}
		byte[] bytes = line.toByteArray();
		int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
		CharBuffer chars;
		try {
			chars = charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, 0, length));
		}
		catch (CharacterCodingException ex) {
			throw new IOException("it is not " + charset + " text (set LC_ALL or LANG to the encoding it is in, e.g. C.UTF-8)");
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
		char[] password = new char[chars.remaining()];
		chars.get(password);
		Arrays.fill(chars.array(), '\0');
		return password;
	}

	private static byte[] utf8(char[] chars) {
		ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static void wipe(char[] chars) {
		if (chars != null) {
			Arrays.fill(chars, '\0');
		}
	}

	/** The encoding of the terminal and pipes ({@code native.encoding}), which Java 18+ no longer uses by default. */
	private static Charset nativeCharset() {
		try {
			return Charset.forName(System.getProperty("native.encoding", Charset.defaultCharset().name()));
		}
		catch (IllegalArgumentException ex) {
			return Charset.defaultCharset();
		}
	}

	/**
	 * Whether {@code console} is a terminal. Up to Java 21 there is a console only on a terminal;
	 * from Java 22 there may be one on pipes too, and {@code Console.isTerminal()} (which Java 17
	 * lacks, hence the reflection) tells.
	 */
	private static boolean isTerminal(Console console) {
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			return false;
		}
	}

}
