package dev.simpleftp.client;

/** What moved over one connection, counted as each file ends whole; read from the shell's thread too. */
final class Tally {

	private long bytesMoved;

	private int filesMoved;

	private int uploads;

	/** Bytes of files moved whole over this connection, both ways. */
	synchronized long bytesMoved() {
		return this.bytesMoved;
	}

	/** Files moved whole over this connection, both ways. */
	synchronized int filesMoved() {
		return this.filesMoved;
	}

	/** Files uploaded whole over this connection: when it changes, a cached listing is stale. */
	synchronized int uploads() {
		return this.uploads;
	}

	synchronized void moved(TransferResult result) {
		this.bytesMoved += result.bytes();
		this.filesMoved++;
	}

	synchronized void uploaded(TransferResult result) {
		moved(result);
		this.uploads++;
	}

}
