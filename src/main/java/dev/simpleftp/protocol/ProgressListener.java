package dev.simpleftp.protocol;

/** Told each time a chunk of a body has moved; used for stall detection and progress display. */
@FunctionalInterface
public interface ProgressListener {

	ProgressListener NONE = bytes -> {
	};

	void moved(long bytes);

}
