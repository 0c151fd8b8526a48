package dev.simpleftp.server.session;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs each refusal and cut-off (a limit reached, a timeout, a bad peer) once, with the peer's
 * address, without flooding the log under attack: of one kind, the first {@link #BURST} events in
 * each {@link #WINDOW} are logged one by one, and the rest are counted and summed up in one line
 * when the window ends ("... 4312 more like this from 57 addresses in the last 10 s").
 */
public final class RefusalLog {

	public static final int BURST = 5;

	static final Duration WINDOW = Duration.ofSeconds(10);

	/** Distinct addresses counted per window at most; past this, the summary says "at least". */
	private static final int MAX_ADDRESSES = 1000;

	private final Logger log;

	private final LongSupplier nanoClock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	public RefusalLog(Logger log) {
		this(log, System::nanoTime);
	}

	RefusalLog(Logger log, LongSupplier nanoClock) {
		this.log = log;
		this.nanoClock = nanoClock;
	}

	/**
	 * One event: logged as {@code "<peer> <what>"} at WARN, or counted if {@code kind} has already
	 * been logged {@link #BURST} times in this window.
	 * @param kind what happened, in a few words ("too many connections from one address")
	 * @param peer the peer's {@code host:port}
	 * @param what the line to log after the peer
	 */
	public void refused(String kind, String peer, String what) {
		Window window = this.windows.computeIfAbsent(kind, key -> new Window(this.nanoClock.getAsLong()));
		synchronized (window) {
			endIfDue(kind, window, this.nanoClock.getAsLong());
			if (window.logged < BURST) {
				window.logged++;
				this.log.warn("{} {}", peer, what);
			}
			else {
				window.suppressed++;
				if (window.addresses.size() < MAX_ADDRESSES) {
					window.addresses.add(host(peer));
				}
			}
		}
	}

	/** Writes the summary of every window that has ended; called now and then so none is held back long. */
	void flush() {
		long now = this.nanoClock.getAsLong();
		this.windows.forEach((kind, window) -> {
			synchronized (window) {
				endIfDue(kind, window, now);
			}
		});
	}

	/** Writes the summary of every window, ended or not: the server is stopping. */
	void flushAll() {
		long now = this.nanoClock.getAsLong();
		this.windows.forEach((kind, window) -> {
			synchronized (window) {
				end(kind, window, now);
			}
		});
	}

	private void endIfDue(String kind, Window window, long now) {
		if (now - window.started >= WINDOW.toNanos()) {
			end(kind, window, now);
		}
	}

	private void end(String kind, Window window, long now) {
		if (window.suppressed > 0) {
			int addresses = window.addresses.size();
			this.log.warn("... {} more like this ({}) from {}{} address{} in the last {} s", window.suppressed, kind,
					(addresses >= MAX_ADDRESSES) ? "at least " : "", addresses, (addresses == 1) ? "" : "es",
					Math.max(1, Duration.ofNanos(now - window.started).toSeconds()));
		}
		window.started = now;
		window.logged = 0;
		window.suppressed = 0;
		window.addresses.clear();
	}

	private static String host(String peer) {
		int colon = peer.lastIndexOf(':');
		return (colon > 0) ? peer.substring(0, colon) : peer;
	}

	private static final class Window {

		long started;

		int logged;

		long suppressed;

		final Set<String> addresses = new HashSet<>();

		Window(long started) {
			this.started = started;
		}

	}

}
