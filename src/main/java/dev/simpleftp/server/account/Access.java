package dev.simpleftp.server.account;

import java.util.Locale;

/**
 * What an account may do, set per user as {@code ftp.server.users[i].access}: {@code read-only},
 * {@code upload-only} or {@code read-write} (Boot binds those names to the constants below).
 *
 * <p>{@link #UPLOAD_ONLY} is a drop box: the account may store files but not list or fetch them,
 * and nothing it is told may reveal whether a file exists. So it may replace a file of the same
 * name, as {@code PUT} always does: refusing would tell it the name is taken. Give a drop box a
 * directory of its own ({@code ftp.server.users[i].directory}), so that it cannot overwrite the
 * files of other accounts. Its interrupted uploads are its own, as every account's are: another
 * account in the same directory neither sees nor continues them, nor it theirs. Whatever stops its
 * upload at a name is told in the same words ({@code FileRequests.cannotStoreHere}).
 */
public enum Access {

	/** {@code GET}, {@code HASH} and {@code LIST}; no upload. */
	READ_ONLY(true, true, false),

	/** {@code PUT} and {@code PARTIAL} (to resume its own uploads) only: a drop box. */
	UPLOAD_ONLY(false, false, true),

	/** Every command. */
	READ_WRITE(true, true, true);

	private final boolean read;

	private final boolean list;

	private final boolean write;

	Access(boolean read, boolean list, boolean write) {
		this.read = read;
		this.list = list;
		this.write = write;
	}

	/** Whether the account may fetch a file or its checksum: {@code GET}, {@code HASH}. */
	public boolean mayRead() {
		return this.read;
	}

	/** Whether the account may list the directory: {@code LIST}. */
	public boolean mayList() {
		return this.list;
	}

	/** Whether the account may store files: {@code PUT}, and {@code PARTIAL} to resume one. */
	public boolean mayWrite() {
		return this.write;
	}

	/** The name as it is written in the settings, for messages: {@code read-only}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
