package dev.simpleftp.client.shell;

import java.util.Set;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.InfoCmp;

import org.springframework.shell.core.autoconfigure.TerminalCustomizer;

/**
 * How the client asks JLine for its terminal, so that building it starts no process.
 * <p>
 * Left to its defaults, JLine tries each of its terminal providers in turn, and its {@code exec}
 * provider runs {@code test -t 1} to check it works even when the native one is used; then it runs
 * {@code infocmp} to read the terminal's capabilities. Each process is a cost every start-up pays
 * before the prompt (docs/PERFORMANCE.md, "Start-up: the launcher"). So: the native provider is named outright when it loads
 * ({@code ffm} on Java 22 and newer, {@code jni} before), and the common terminal types xterm and
 * screen take the capabilities JLine ships for them. Any other type, or a machine where neither
 * native provider loads, gets JLine's usual search.
 * <p>
 * Without a console (a pipe, CI), a dumb terminal is asked for rather than letting JLine warn.
 */
final class QuickTerminal implements TerminalCustomizer {

	/** Terminal types whose capabilities JLine ships; others are read with infocmp. */
	static final Set<String> SHIPPED_TYPES = Set.of("xterm", "xterm-256color", "screen", "screen-256color");

	@Override
	public void customize(TerminalBuilder builder) {
		if (System.console() == null) {
			builder.dumb(true).type(Terminal.TYPE_DUMB);
			return;
		}
		String provider = nativeProvider();
		if (provider != null) {
			builder.provider(provider);
		}
		useShippedCapabilities(System.getenv("TERM"));
	}

	/** The name of the native terminal provider that loads on this JVM, or null if none does. */
	static String nativeProvider() {
		String name = Runtime.version().feature() >= 22 ? TerminalBuilder.PROP_PROVIDER_FFM
				: TerminalBuilder.PROP_PROVIDER_JNI;
		try {
			TerminalProvider.load(name).isSystemStream(SystemStream.Output);
			return name;
		}
		catch (Throwable notUsable) { // a missing native library is an Error, not an Exception
			return null;
		}
	}

	/** Whether the capabilities of the given terminal type come from JLine rather than infocmp. */
	static boolean useShippedCapabilities(String type) {
		if (type == null || !SHIPPED_TYPES.contains(type) || InfoCmp.getLoadedInfoCmp(type) != null) {
			return false;
		}
		String capabilities = InfoCmp.getDefaultInfoCmp(type);
		if (capabilities == null) {
			return false;
		}
		InfoCmp.setLoadedInfoCmp(type, capabilities);
		return true;
	}

}
