package dev.simpleftp.server.command;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import dev.simpleftp.protocol.IncomingBody;
import dev.simpleftp.protocol.ProtocolWriter;
import dev.simpleftp.protocol.Reply;
import dev.simpleftp.protocol.ReplyCode;
import dev.simpleftp.server.account.Account;
import dev.simpleftp.storage.FileStore;
import dev.simpleftp.transport.Tls;

/**
 * A {@link RequestContext} in memory, with no socket behind it: it records the replies, refusals
 * and state changes a handler makes, for handler unit tests. What a test does not set up (the
 * writer, the store, a body) fails loudly if a handler reaches for it.
 */
final class FakeRequestContext implements RequestContext {

	final List<Reply> replies = new ArrayList<>();

	final List<String> refusals = new ArrayList<>();

	final Slots slots = new Slots();

	Account account;

	InetAddress address = InetAddress.getLoopbackAddress();

	boolean encrypted;

	boolean bufferedInput;

	boolean endRequested;

	int stillWorking;

	int greetings;

	@Override
	public void reply(Reply reply) {
		this.replies.add(reply);
	}

	@Override
	public ProtocolWriter writer() {
		throw new UnsupportedOperationException("no writer in this test");
	}

	@Override
	public IncomingBody body() {
		return null;
	}

	@Override
	public IncomingBody expectBody(long length, boolean trailer) {
		throw new UnsupportedOperationException("no body in this test");
	}

	@Override
	public void endAfterThisRequest() {
		this.endRequested = true;
	}

	@Override
	public FileStore store() {
		throw new UnsupportedOperationException("no store in this test");
	}

	@Override
	public Account account() {
		return this.account;
	}

	@Override
	public void loggedIn(Account account) {
		this.account = account;
	}

	@Override
	public String peer() {
		return "127.0.0.1:40000";
	}

	@Override
	public InetAddress address() {
		return this.address;
	}

	@Override
	public void refused(String kind, String message) {
		this.refusals.add(kind + ": " + message);
	}

	@Override
	public void stillWorking() {
		this.stillWorking++;
	}

	@Override
	public boolean peerGone() {
		return false;
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public boolean isEncrypted() {
		return this.encrypted;
	}

	@Override
	public boolean hasBufferedInput() {
		return this.bufferedInput;
	}

	@Override
	public void encrypt(Tls tls) throws IOException {
		throw new IOException("no TLS handshake in this test");
	}

	@Override
	public Reply greeting() {
		this.greetings++;
		return Reply.of(ReplyCode.READY, "fake greeting");
	}

	@Override
	public Slots slots() {
		return this.slots;
	}

	/** The only reply sent. */
	Reply onlyReply() {
		if (this.replies.size() != 1) {
			throw new AssertionError("expected one reply, got " + this.replies);
		}
		return this.replies.get(0);
	}

}
