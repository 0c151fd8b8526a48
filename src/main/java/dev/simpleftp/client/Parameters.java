package dev.simpleftp.client;

import dev.simpleftp.protocol.BodyFraming;

/** Names of reply and request parameters that downloads, uploads and resumes share (docs/PROTOCOL.md). */
final class Parameters {

	static final String OFFSET = BodyFraming.OFFSET;

	static final String MODIFIED = "modified";

	static final String RESTART = "restart";

	private Parameters() {
	}

}
