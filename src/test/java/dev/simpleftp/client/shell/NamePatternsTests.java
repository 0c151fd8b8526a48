package dev.simpleftp.client.shell;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.simpleftp.storage.FileName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the words of {@code get} and {@code put} become file names. */
class NamePatternsTests {

	private final CountingNames available = new CountingNames("a.txt", "b.txt", "c.csv", ".hidden.txt", "[x]", "*");

	@Test
	void plainWordsAreNamesInTheOrderGivenAndNeedNoListing() throws IOException {
		NamePatterns.Expansion expansion = expand("z.txt", "a.txt", "my file.txt");
		assertThat(expansion.names()).containsExactlyElementsOf(names("z.txt", "a.txt", "my file.txt"));
		assertThat(expansion.problems()).isEmpty();
		assertThat(this.available.calls.get()).isZero();
	}

	@Test
	void aPatternIsMatchedAgainstTheAvailableNamesInTheirOrder() throws IOException {
		NamePatterns.Expansion expansion = expand("*.txt");
		assertThat(expansion.names()).containsExactlyElementsOf(names("a.txt", "b.txt"));
		assertThat(expansion.problems()).isEmpty();
	}

	@Test
	void theAvailableNamesAreFetchedOnceForAllPatterns() throws IOException {
		NamePatterns.Expansion expansion = expand("*.csv", "a.txt", "?.txt", ".*");
		assertThat(expansion.names()).containsExactlyElementsOf(names("c.csv", "a.txt", "b.txt", ".hidden.txt"));
		assertThat(this.available.calls.get()).isEqualTo(1);
	}

	@Test
	void eachNameComesOnceWhereItFirstAppears() throws IOException {
		NamePatterns.Expansion expansion = expand("b.txt", "*.txt", "b.txt", "*");
		assertThat(expansion.names()).containsExactlyElementsOf(names("b.txt", "a.txt", "c.csv", "[x]", "*"));
		assertThat(expansion.problems()).isEmpty();
	}

	@Test
	void aPatternThatMatchesNothingIsAProblemAndTheOthersGoOn() throws IOException {
		NamePatterns.Expansion expansion = expand("*.zip", "a.txt", "*.csv");
		assertThat(expansion.names()).containsExactlyElementsOf(names("a.txt", "c.csv"));
		assertThat(expansion.problems()).containsExactly("no file on the server matches '*.zip'");
	}

	@Test
	void aPatternWhoseMatchesAreAlreadyThereIsNoProblem() throws IOException {
		NamePatterns.Expansion expansion = expand("a.txt", "a.*");
		assertThat(expansion.names()).containsExactlyElementsOf(names("a.txt"));
		assertThat(expansion.problems()).isEmpty();
	}

	@Test
	void badNamesAndBadPatternsAreProblemsWithTheirReasons() throws IOException {
		NamePatterns.Expansion expansion = expand("../secret", "a.txt", "[z-a]*", ".simpleftp-x", "..");
		assertThat(expansion.names()).containsExactlyElementsOf(names("a.txt"));
		assertThat(expansion.problems()).hasSize(4);
		assertThat(expansion.problems().get(0)).contains("../secret", "cannot contain '/'");
		assertThat(expansion.problems().get(1)).startsWith("bad pattern '[z-a]*': ");
		assertThat(expansion.problems().get(2)).contains("reserved");
		assertThat(expansion.problems().get(3)).contains("'.' and '..' are not file names");
		assertThat(this.available.calls.get()).isZero();
	}

	@Test
	void escapedWildcardsAreLiteralNames() throws IOException {
		NamePatterns.Expansion expansion = expand("\\*", "\\[x]", "a\\?");
		assertThat(expansion.names()).containsExactlyElementsOf(names("*", "[x]", "a?"));
		assertThat(this.available.calls.get()).isZero();
	}

	@Test
	void aPatternNeverYieldsANameTheSourceDidNotGive() throws IOException {
		NamePatterns.Expansion expansion = expand("*");
		assertThat(expansion.names()).containsExactlyElementsOf(names("a.txt", "b.txt", "c.csv", "[x]", "*"));
	}

	@Test
	void aFailureToFetchTheNamesIsThrown() {
		NamePatterns.Available failing = () -> {
			throw new IOException("connection lost");
		};
		assertThatThrownBy(() -> NamePatterns.expand(List.of("*"), failing, "on the server")).hasMessage("connection lost");
	}

	@Test
	void theProblemSaysWhereNothingMatched() throws IOException {
		assertThat(NamePatterns.expand(List.of("*.csv"), List::of, "in /home/me/client").problems())
			.containsExactly("no file in /home/me/client matches '*.csv'");
	}

	private NamePatterns.Expansion expand(String... words) throws IOException {
		return NamePatterns.expand(List.of(words), this.available, "on the server");
	}

	private static List<FileName> names(String... names) {
		return Stream.of(names).map(FileName::of).toList();
	}

	/** Available names that count how often they were asked for. */
	private static final class CountingNames implements NamePatterns.Available {

		final AtomicInteger calls = new AtomicInteger();

		private final List<FileName> names;

		CountingNames(String... names) {
			this.names = NamePatternsTests.names(names);
		}

		@Override
		public List<FileName> names() {
			this.calls.incrementAndGet();
			return this.names;
		}

	}

}
