import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The protocol and cipher suite of each TLS connection, counted from the server's log lines {@code TLS on: PROTOCOL CIPHER}. */
record TlsSessions(Map<String, Integer> counts) {

	private static final Pattern TLS_ON = Pattern.compile("TLS on: (\\S+) (\\S+)");

	static TlsSessions read(Path console) throws IOException {
		Map<String, Integer> counts = new LinkedHashMap<>();
		// Lenient about bytes that are not UTF-8: this is output to read, not data.
		for (String line : new String(Files.readAllBytes(console), StandardCharsets.UTF_8).lines().toList()) {
			Matcher matcher = TLS_ON.matcher(line);
			if (matcher.find()) {
				counts.merge(matcher.group(1) + " " + matcher.group(2), 1, Integer::sum);
			}
		}
		return new TlsSessions(counts);
	}

	String describe(int connections) {
		if (this.counts.isEmpty()) {
			return "the TLS server logged no 'TLS on:' line: protocol and cipher suite unknown";
		}
		return "TLS, from the server's log: " + this.counts.entrySet().stream()
			.map(entry -> entry.getKey() + " on " + entry.getValue() + " of " + connections + " connections")
			.collect(Collectors.joining("; "));
	}

}
