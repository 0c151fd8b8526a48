package dev.simpleftp.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;


import dev.simpleftp.protocol.Greeting;
import dev.simpleftp.protocol.Parameters;
import dev.simpleftp.protocol.ProtocolException;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.protocol.Request;
import dev.simpleftp.protocol.Verb;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.transport.Tls;

/**
 * Opening a connection: the greeting and its version check, {@code STARTTLS} if TLS is asked for,
 * the login if the server requires one, else a first {@code NOOP} (docs/PROTOCOL.md, "The greeting",
 * "STARTTLS", "LOGIN").
 */
final class Handshake {

	/** The oldest protocol version this client can work with: it needs checksums on every transfer (3). */
	static final int OLDEST_SERVER_VERSION = 3;

	private final ServerLink link;

	private String user;

	private String access;

	private int serverVersion;

	Handshake(ServerLink link) {
		this.link = link;
	}

	/** Opens the socket within the limits' timeout, {@code TCP_NODELAY} on; a failure closes it. */
	static ServerLink open(String host, int port, ClientLimits limits) throws IOException {
		Duration timeout = limits.timeout();
		String server = host + ":" + port;
		SocketChannel channel = SocketChannel.open();
		try {
			channel.socket().connect(new InetSocketAddress(host, port), (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
		}
		catch (UnknownHostException ex) {
			channel.close();
			throw new ConnectionLostException("cannot connect to " + server + ": unknown host " + host, ex);
		}
		catch (SocketTimeoutException ex) {
			channel.close();
			throw new ConnectionLostException("cannot connect to " + server + ": no answer within " + Failures.seconds(timeout), ex);
		}
		catch (IOException ex) {
			channel.close();
			throw new ConnectionLostException("cannot connect to " + server + ": " + Failures.lowerCase(ex.getMessage())
					+ " (is the server running on that port?)", ex);
		}
		return new ServerLink(channel, server, limits);
	}

	void greet(String host, Tls tls, Credentials credentials) throws IOException {
		Reply greeting = readGreeting();
		boolean tlsRequired = Greeting.requires(greeting, Parameters.TLS);
		if (tls != null && greeting.is(ReplyCode.READY) && !tlsRequired) {
			this.link.close();
			throw new ConnectionLostException("the server at " + this.link.server() + " does not offer TLS; not connecting without it"
					+ " (ftp.client.ssl.bundle is set)", null);
		}
		if (tls == null && tlsRequired) {
			this.link.close();
			throw new ConnectionLostException("the server at " + this.link.server() + " requires TLS: set ftp.client.ssl.bundle to"
					+ " an SSL bundle that trusts its certificate (README, \"TLS and accounts\")", null);
		}
		if (tls != null) {
			startTls(host, tls);
			greeting = readGreeting();
		}
		checkGreeting(greeting);
		if (Greeting.requires(greeting, Parameters.LOGIN)) {
			logIn(credentials);
			return;
		}
		try {
			this.link.noop();
		}
		catch (ServerRefusedException ex) {
			this.link.close();
			if (ex.closedConnection()) {
				throw ex;
			}
			throw new ConnectionLostException("not a working Simple FTP server: it answered NOOP with '" + ex.reply()
					+ "'", ex);
		}
	}

	/** {@code LOGIN user password}; its {@code 230} says the account's access. The password is wiped after. */
	private void logIn(Credentials credentials) throws IOException {
		Credentials.Login login;
		try {
			login = credentials.ask(this.link.server());
		}
		catch (IOException | RuntimeException ex) {
			this.link.close();
			throw ex;
		}
		if (login == null) {
			this.link.close();
			throw new ConnectionLostException("the server at " + this.link.server() + " requires a login: open it with --user NAME"
					+ " (the password is asked for)", null);
		}
		try {
			Reply loggedIn = this.link.exchange(() -> {
				this.link.writer().send(Request.of(Verb.LOGIN, login.user(), new String(login.password())));
				return Failures.expect(ReplyCode.LOGGED_IN, this.link.readReply());
			});
			this.user = login.user();
			this.access = loggedIn.parameter(Parameters.ACCESS).orElse("?");
		}
		catch (ServerRefusedException ex) {
			this.link.close();
			throw ex;
		}
		finally {
			java.util.Arrays.fill(login.password(), '\0');
		}
	}

	/** {@code STARTTLS}, its {@code 234}, the handshake; then lines and bodies go through TLS. */
	private void startTls(String host, Tls tls) throws IOException {
		this.link.exchange(() -> {
			this.link.writer().send(Request.of(Verb.STARTTLS));
			return Failures.expect(ReplyCode.TLS_GO_AHEAD, this.link.readReply());
		});
		this.link.watchdog().arm();
		try {
			this.link.startTls(tls, host);
		}
		catch (IOException ex) {
			this.link.closeChannel();
			throw new ConnectionLostException("TLS with " + this.link.server() + " failed: " + Failures.describe(ex)
					+ (this.link.watchdog().fired() ? "" : " (does the SSL bundle of ftp.client.ssl.bundle trust the server's"
							+ " certificate, and is the certificate for " + host + "?)"), ex);
		}
		finally {
			this.link.watchdog().disarm();
		}
	}

	private Reply readGreeting() throws IOException {
		return this.link.exchange(() -> {
			String line = this.link.reader().readLine();
			if (line == null) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "the server closed the connection without a greeting");
			}
			try {
				return Reply.parse(line);
			}
			catch (ProtocolException ex) {
				throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "not a Simple FTP server: it said '" + ex.getMessage() + "'");
			}
		});
	}

	private void checkGreeting(Reply greeting) throws IOException {
		if (greeting.is(ReplyCode.SERVICE_UNAVAILABLE)) {
			this.link.close();
			throw new ServerRefusedException(greeting);
		}
		if (!Greeting.isOurs(greeting)) {
			this.link.close();
			throw new ConnectionLostException("not a Simple FTP server: it greeted with '" + greeting + "'", null);
		}
		String version = greeting.parameter(Parameters.VERSION).orElse("?");
		if (greeting.parameter(Parameters.VERSION).isPresent() && !version.matches("\\d{1,9}")) {
			this.link.close();
			throw new ConnectionLostException("cannot read the protocol version in the server's greeting: version="
					+ FileName.printable(version) + " is not a version number", null);
		}
		if (greeting.parameter(Parameters.VERSION).isEmpty() || Integer.parseInt(version) < OLDEST_SERVER_VERSION) {
			this.link.close();
			throw new ConnectionLostException("the server speaks protocol version " + version + "; this client needs version "
					+ OLDEST_SERVER_VERSION + " or later (upgrade the server)", null);
		}
		this.serverVersion = Integer.parseInt(version);
	}

	/** The user logged in as, or {@code null} if the server needs no login. */
	String user() {
		return this.user;
	}

	/** The logged-in account's access, or {@code null}. */
	String access() {
		return this.access;
	}

	/** The protocol version the server's greeting named. */
	int serverVersion() {
		return this.serverVersion;
	}

}
