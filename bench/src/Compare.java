/** How a figure is compared with the baselines. */
enum Compare {

	/** A rate from the transfer's own timing: against cp, and against the TCP copy's own timing. */
	TRANSFER_RATE,
	/** A rate from a whole process's wall time: against cp, and against the TCP receiver's process time. */
	PROCESS_RATE,
	/** No rate: against the figure given by {@link Figure#comparedWith}, if any, else nothing (baseline=0 ratio=0). */
	NONE

}
