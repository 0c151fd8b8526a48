package dev.simpleftp.client;

import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.RunningServer;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;

/**
 * Run by {@link LargeTransferTests} in a child JVM with a small heap: a real server and a client in
 * one process, and one transfer between them. Any failure ends the process with a stack trace and a
 * non-zero status.
 */
final class SmallHeapTransfer {

	private SmallHeapTransfer() {
	}

	/** @param args {@code get} or {@code put}, the file name, the server's directory and the client's */
	public static void main(String[] args) throws Exception {
		FileName name = FileName.of(args[1]);
		LocalFileStore local = new LocalFileStore(Path.of(args[3]));
		try (RunningServer server = RunningServer.start(Path.of(args[2]));
				FtpClient client = FtpClient.connect("127.0.0.1", server.port(), Duration.ofSeconds(60))) {
			TransferResult result = switch (args[0]) {
				case "get" -> client.get(name, local);
				case "put" -> client.put(name, local);
				default -> throw new IllegalArgumentException("get or put, not " + args[0]);
			};
			System.out.println(args[0] + " " + result.describe() + " with a heap of at most "
					+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
		}
	}

}
