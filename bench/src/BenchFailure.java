/** A scenario failed for a reason worth one line; no stack trace. */
final class BenchFailure extends RuntimeException {

	BenchFailure(String message) {
		super(message);
	}

}
