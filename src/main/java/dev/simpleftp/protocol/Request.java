package dev.simpleftp.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request line (docs/PROTOCOL.md, section "Requests"): a verb, positional arguments and
 * {@code key=value} parameters. Verbs are case-insensitive on the wire and upper-case here.
 */
public record Request(String verb, List<String> arguments, Map<String, String> parameters) {

	public Request {
		verb = verb.toUpperCase(Locale.ROOT);
		arguments = List.copyOf(arguments);
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	public static Request of(String verb, String... arguments) {
		return new Request(verb, List.of(arguments), Map.of());
	}

	public static Request of(Verb verb, String... arguments) {
		return of(verb.word(), arguments);
	}

	/**
	 * Parses a line without its line ending.
	 * @throws ProtocolException quoting the bad input, with the code a server answers it with
	 */
	public static Request parse(String line) throws ProtocolException {
		List<String> tokens = Lines.split(line);
		if (tokens.isEmpty()) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR, "empty request: expected a verb such as GET or PUT");
		}
		String verb = tokens.get(0);
		if (!verb.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
			throw new ProtocolException(ReplyCode.SYNTAX_ERROR,
					"bad verb '" + Lines.printable(verb) + "': a verb is ASCII letters only");
		}
		List<String> arguments = new ArrayList<>();
		Map<String, String> parameters = Lines.newParameters();
		for (String token : tokens.subList(1, tokens.size())) {
			if (token.indexOf('=') >= 0) {
				Lines.putParameter(token, parameters);
			}
			else {
				arguments.add(Tokens.decode(token));
			}
		}
		return new Request(verb, arguments, parameters);
	}

	/** The request as it travels, without the line ending. */
	public String encode() {
		StringBuilder line = new StringBuilder(this.verb);
		this.arguments.forEach(argument -> line.append(' ').append(Tokens.encode(argument)));
		Lines.appendParameters(line, this.parameters);
		return line.toString();
	}

	public Optional<String> parameter(String key) {
		return Optional.ofNullable(this.parameters.get(key));
	}

	/**
	 * The arguments, after checking that there are exactly as many as the verb takes and that no
	 * parameter was given.
	 * @param usage how the verb is written, quoted in the error
	 */
	public List<String> expectArguments(int count, String usage) throws ProtocolException {
		return expectArguments(count, usage, Set.of());
	}

	/**
	 * The arguments, after checking that there are exactly as many as the verb takes and that every
	 * parameter is one the verb knows.
	 * @param usage how the verb is written, quoted in the error
	 * @param knownParameters the keys the verb takes
	 */
	public List<String> expectArguments(int count, String usage, Set<String> knownParameters) throws ProtocolException {
		for (String key : this.parameters.keySet()) {
			if (!knownParameters.contains(key)) {
				throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, "unknown parameter '" + key + "': " + this.verb
						+ (knownParameters.isEmpty() ? " takes none" : " takes only " + String.join(", ", new TreeSet<>(knownParameters)))
						+ " in this version");
			}
		}
		if (this.arguments.size() != count) {
			String problem = (this.arguments.size() < count) ? "missing argument" : "too many arguments";
			throw new ProtocolException(ReplyCode.BAD_ARGUMENTS, problem + ": usage is " + usage);
		}
		return this.arguments;
	}

	/** This request with one more parameter. */
	public Request with(String key, String value) {
		Map<String, String> parameters = new LinkedHashMap<>(this.parameters);
		parameters.put(key, value);
		return new Request(this.verb, this.arguments, parameters);
	}

	/** The request as it would be sent, but with a {@code LOGIN}'s password hidden: for logs and messages. */
	@Override
	public String toString() {
		if (this.verb.equals(Verb.LOGIN.word()) && this.arguments.size() > 1) {
			return Lines.printable(new Request(this.verb, this.arguments.subList(0, 1), Map.of()).encode()) + " (password hidden)";
		}
		return Lines.printable(encode());
	}

}
