package dev.simpleftp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A small property-based testing harness for plain JUnit Jupiter tests: a property is checked
 * against generated values, and the first value that breaks it is shrunk to a smaller one that
 * still breaks it in the same way (same exception type) before the test fails.
 * <p>
 * Each run uses a new random seed, quoted in the failure together with the shrunk counterexample;
 * {@code -Dsimpleftp.property.seed=S} replays a run, and {@code -Dsimpleftp.property.tries-factor=F}
 * multiplies every property's number of tries (for a longer hunt, say F = 100).
 */
public final class PropertyCheck {

	private static final String SEED_PROPERTY = "simpleftp.property.seed";

	private static final String FACTOR_PROPERTY = "simpleftp.property.tries-factor";

	/** Bounds the work spent on shrinking one counterexample. */
	private static final int MAX_SHRINK_ATTEMPTS = 5_000;

	private PropertyCheck() {
	}

	/** Generates one value from a source of randomness. */
	@FunctionalInterface
	public interface Gen<T> {

		T next(Random random);

		default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
			return random -> mapper.apply(next(random));
		}

		/** Only the values that pass {@code filter}; fails if 1000 values in a row do not. */
		default Gen<T> filter(Predicate<? super T> filter) {
			return random -> {
				for (int i = 0; i < 1000; i++) {
					T value = next(random);
					if (filter.test(value)) {
						return value;
					}
				}
				throw new IllegalStateException("the generator's filter let nothing through in 1000 tries");
			};
		}

	}

	/** The smaller candidates for a failing value, most aggressive first. */
	@FunctionalInterface
	public interface Shrink<T> {

		List<T> candidates(T value);

		static <T> Shrink<T> none() {
			return value -> List.of();
		}

	}

	/** A property of one value: returns normally if it holds, throws if it does not. */
	@FunctionalInterface
	public interface Check<T> {

		void check(T value) throws Throwable;

	}

	/** Checks {@code check} against {@code tries} strings from {@code gen}, shrinking a failure by code points. */
	public static void forAllStrings(int tries, Gen<String> gen, Check<String> check) {
		forAll(tries, gen, Strings.SHRINK, value -> true, Strings::show, check);
	}

	/**
	 * Checks {@code check} against {@code tries} strings from {@code gen} that are in {@code domain}
	 * (for instance, strings without unpaired surrogates); a failure is only shrunk to strings that
	 * stay in it.
	 */
	public static void forAllStrings(int tries, Gen<String> gen, Predicate<String> domain, Check<String> check) {
		forAll(tries, gen, Strings.SHRINK, domain, Strings::show, check);
	}

	public static <T> void forAll(int tries, Gen<T> gen, Shrink<T> shrink, Function<T, String> show, Check<T> check) {
		forAll(tries, gen, shrink, value -> true, show, check);
	}

	public static <T> void forAll(int tries, Gen<T> gen, Shrink<T> shrink, Predicate<T> domain, Function<T, String> show,
			Check<T> check) {
		long seed = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());
		int total = Math.max(1, (int) Math.min(Integer.MAX_VALUE, (long) tries * Integer.getInteger(FACTOR_PROPERTY, 1)));
		Random random = new Random(seed);
		Gen<T> inDomain = gen.filter(domain);
		for (int i = 1; i <= total; i++) {
			T value = inDomain.next(random);
			Throwable failure = failureOf(check, value);
			if (failure != null) {
				Shrunk<T> shrunk = shrink(value, failure, shrink, domain, check);
				AssertionError error = new AssertionError("property falsified at try " + i + " of " + total + " (seed " + seed
						+ "; replay with -D" + SEED_PROPERTY + "=" + seed + ")\n  original:       " + show.apply(value)
						+ "\n  shrunk (" + shrunk.steps + " steps): " + show.apply(shrunk.value) + "\n  failure:        "
						+ shrunk.failure, shrunk.failure);
				throw error;
			}
		}
	}

	private static <T> Throwable failureOf(Check<T> check, T value) {
		try {
			check.check(value);
			return null;
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError) {
				throw (VirtualMachineError) ex;
			}
			return ex;
		}
	}

	private record Shrunk<T>(T value, Throwable failure, int steps) {
	}

	/** Greedy: takes the first candidate that still fails with the same exception type, until none does. */
	private static <T> Shrunk<T> shrink(T value, Throwable failure, Shrink<T> shrink, Predicate<T> domain, Check<T> check) {
		int attempts = 0;
		int steps = 0;
		boolean progress = true;
		while (progress && attempts < MAX_SHRINK_ATTEMPTS) {
			progress = false;
			for (T candidate : shrink.candidates(value)) {
				if (++attempts > MAX_SHRINK_ATTEMPTS) {
					break;
				}
				if (!domain.test(candidate)) {
					continue;
				}
				Throwable candidateFailure = failureOf(check, candidate);
				if (candidateFailure != null && candidateFailure.getClass() == failure.getClass()) {
					value = candidate;
					failure = candidateFailure;
					steps++;
					progress = true;
					break;
				}
			}
		}
		return new Shrunk<>(value, failure, steps);
	}

	/** Generators, a shrinker and a printer for strings. */
	public static final class Strings {

		/** Removes runs of code points (halves first, single ones last), then simplifies code points to 'a'. */
		public static final Shrink<String> SHRINK = Strings::shrinkCandidates;

		private static final String HEX = "0123456789ABCDEFabcdef";

		private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

		/** Characters the protocol and file names treat specially. */
		private static final String SPECIAL = " %=-./\\:*?\"'<>|~$_+,;#@!&()[]{}`^";

		/** Non-ASCII characters, some of them look-alikes or invisible: BOM, line separator, no-break space. */
		private static final String[] NON_ASCII = { "é", "ß", "Grüße", "日本", "Ω", "\u00a0", "\ufeff", "\u2028",
				"\u200b", "\ufffd", "\uffff", "\u0130", "\u0131", "\u212a", "\uff0f", "\u2215", "\u2024" };

		private Strings() {
		}

		/** One code point, or one unpaired surrogate, weighted towards what parsers trip on. */
		public static String hostileChar(Random random, boolean unpairedSurrogates) {
			int pick = random.nextInt(100);
			if (pick < 30) {
				return String.valueOf(LETTERS.charAt(random.nextInt(LETTERS.length())));
			}
			if (pick < 40) {
				return String.valueOf(HEX.charAt(random.nextInt(HEX.length())));
			}
			if (pick < 60) {
				return String.valueOf(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
			}
			if (pick < 70) {
				return String.valueOf(controlChar(random));
			}
			if (pick < 80) {
				return NON_ASCII[random.nextInt(NON_ASCII.length)];
			}
			if (pick < 87) {
				return bmpChar(random);
			}
			if (pick < 91 || !unpairedSurrogates) {
				return Character.toString(0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1));
			}
			return String.valueOf((char) (random.nextBoolean() ? 0xD800 + random.nextInt(0x400) : 0xDC00 + random.nextInt(0x400)));
		}

		/** C0, DEL or C1. */
		public static char controlChar(Random random) {
			int pick = random.nextInt(0x20 + 1 + 0x20);
			return (char) ((pick < 0x20) ? pick : (pick == 0x20) ? 0x7F : 0x80 + pick - 0x21);
		}

		/** Any BMP character that is not a surrogate. */
		public static String bmpChar(Random random) {
			char c;
			do {
				c = (char) random.nextInt(0x10000);
			}
			while (Character.isSurrogate(c));
			return String.valueOf(c);
		}

		/** Any code point, paired surrogates included. */
		public static String anyCodePoint(Random random) {
			int c;
			do {
				c = random.nextInt(Character.MAX_CODE_POINT + 1);
			}
			while (Character.isSurrogate((char) c) && c < 0x10000);
			return Character.toString(c);
		}

		/** Any char at all, unpaired surrogates included. */
		public static String anyChar(Random random) {
			return String.valueOf((char) random.nextInt(0x10000));
		}

		/** A length: mostly short, sometimes up to {@code max}. */
		public static int length(Random random, int max) {
			int pick = random.nextInt(10);
			return (pick < 7) ? random.nextInt(Math.min(max, 12) + 1) : (pick < 9) ? random.nextInt(Math.min(max, 100) + 1)
					: random.nextInt(max + 1);
		}

		public static String of(Random random, int length, Gen<String> chars) {
			StringBuilder out = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				out.append(chars.next(random));
			}
			return out.toString();
		}

		/** True if every surrogate in {@code s} is half of a pair. */
		public static boolean isWellFormed(String s) {
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
					i++;
				}
				else if (Character.isSurrogate(c)) {
					return false;
				}
			}
			return true;
		}

		/** A Java string literal for {@code s}, with anything outside printable ASCII as an escape; long input elided. */
		public static String show(String s) {
			StringBuilder out = new StringBuilder("\"");
			int limit = 400;
			for (int i = 0; i < s.length(); i++) {
				if (i == limit) {
					out.append("\"... (").append(s.length()).append(" chars in all)");
					return out.toString();
				}
				char c = s.charAt(i);
				if (c == '"' || c == '\\') {
					out.append('\\').append(c);
				}
				else if (c >= 0x20 && c < 0x7F) {
					out.append(c);
				}
				else {
					out.append(String.format("\\u%04X", (int) c));
				}
			}
			return out.append("\" (").append(s.length()).append(" chars)").toString();
		}

		private static List<String> shrinkCandidates(String value) {
			int[] codePoints = value.codePoints().toArray();
			List<String> candidates = new ArrayList<>();
			int n = codePoints.length;
			if (n == 0) {
				return candidates;
			}
			for (int size = n; size >= 1; size /= 2) {
				for (int start = 0; start + size <= n; start += size) {
					candidates.add(without(codePoints, start, size));
				}
			}
			for (int i = 0; i < n; i++) {
				if (codePoints[i] != 'a') {
					int[] simpler = codePoints.clone();
					simpler[i] = 'a';
					candidates.add(new String(simpler, 0, n));
				}
			}
			return candidates;
		}

		private static String without(int[] codePoints, int start, int size) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < codePoints.length; i++) {
				if (i < start || i >= start + size) {
					out.appendCodePoint(codePoints[i]);
				}
			}
			return out.toString();
		}

	}

}
