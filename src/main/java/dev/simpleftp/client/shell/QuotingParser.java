package dev.simpleftp.client.shell;

import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;

import org.springframework.shell.jline.ExtendedDefaultParser;

/**
 * The JLine parser of the interactive shell: Spring Shell's, except that what TAB completes is
 * written back quoted where the command line needs it. Spring Shell's inserts a completed name as
 * it is, so {@code get my<TAB>} became {@code get my notes.txt}, two names; here it becomes
 * {@code get "my notes.txt"}, and a name begun with a quote is closed. Only double quotes: the
 * command parser reads no other quoting.
 */
final class QuotingParser implements Parser {

	private final ExtendedDefaultParser parser = new ExtendedDefaultParser();

	QuotingParser() {
		// As Spring Shell sets up its own: an open quote or a trailing backslash asks for more input.
		this.parser.setEofOnUnclosedQuote(true);
		this.parser.setEofOnEscapedNewLine(true);
	}

	@Override
	public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
		ParsedLine parsed = this.parser.parse(line, cursor, context);
		return (parsed instanceof CompletingParsedLine completing) ? new Quoting(completing) : parsed;
	}

	/** Whether a word needs quotes to stay one word on the command line. */
	static boolean needsQuotes(CharSequence word) {
		return word.chars().anyMatch(Character::isWhitespace);
	}

	/** The parsed line, with the word being completed quoted as it is written back. */
	private record Quoting(CompletingParsedLine parsed) implements CompletingParsedLine {

		@Override
		public CharSequence escape(CharSequence candidate, boolean complete) {
			String close = complete ? "\"" : "";
			if (openedWithQuote()) {
				return candidate + close;
			}
			return needsQuotes(candidate) ? "\"" + candidate + close : candidate;
		}

		/** Whether the word being completed follows an opening quote, as in {@code get "my no}. */
		private boolean openedWithQuote() {
			int before = this.parsed.cursor() - this.parsed.rawWordCursor() - 1;
			return before >= 0 && before < this.parsed.line().length() && this.parsed.line().charAt(before) == '"';
		}

		@Override
		public int rawWordCursor() {
			return this.parsed.rawWordCursor();
		}

		@Override
		public int rawWordLength() {
			return this.parsed.rawWordLength();
		}

		@Override
		public String word() {
			return this.parsed.word();
		}

		@Override
		public int wordCursor() {
			return this.parsed.wordCursor();
		}

		@Override
		public int wordIndex() {
			return this.parsed.wordIndex();
		}

		@Override
		public List<String> words() {
			return this.parsed.words();
		}

		@Override
		public String line() {
			return this.parsed.line();
		}

		@Override
		public int cursor() {
			return this.parsed.cursor();
		}

	}

}
