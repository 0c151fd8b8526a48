package dev.simpleftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a system command for a test (mount, umount): what went wrong, or "" if it worked. */
public final class Commands {

	private Commands() {
	}

	/** "" if the command ran and exited 0, else a line that says what happened, for an assumption's message. */
	public static String run(String... command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return String.join(" ", command) + ": did not finish in 10 s";
			}
			return (process.exitValue() == 0) ? "" : String.join(" ", command) + ": exit " + process.exitValue() + ": " + output;
		}
		catch (IOException ex) {
			return String.join(" ", command) + ": " + ex.getMessage();
		}
	}

}
