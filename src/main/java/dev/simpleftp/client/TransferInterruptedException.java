package dev.simpleftp.client;

/**
 * The user stopped an exchange ({@link FtpClient#interrupt()}, the shell's Ctrl-C); the connection
 * was closed to stop it.
 */
public class TransferInterruptedException extends ConnectionLostException {

	public TransferInterruptedException(String server, Throwable cause) {
		super("interrupted; the connection to " + server + " was closed to stop it", cause);
	}

}
