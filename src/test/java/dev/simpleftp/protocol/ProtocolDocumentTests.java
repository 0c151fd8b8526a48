package dev.simpleftp.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/PROTOCOL.md stays true to the code: its table of status codes is exactly {@link ReplyCode}, and
 * its examples add up.
 */
class ProtocolDocumentTests {

	private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| (\\d{3}) \\|");

	@Test
	void theStatusCodeTableListsExactlyTheCodesTheCodeUses() throws IOException {
		String document = Files.readString(Path.of("docs/PROTOCOL.md"));
		Matcher rows = TABLE_ROW.matcher(document);
		Set<Integer> documented = rows.results().map(row -> Integer.parseInt(row.group(1))).collect(Collectors.toSet());
		Set<Integer> implemented = Arrays.stream(ReplyCode.values()).map(ReplyCode::value).collect(Collectors.toSet());
		assertThat(documented).isEqualTo(implemented);
	}

	@Test
	void theDocumentedLineLimitIsTheReadersLimit() throws IOException {
		String document = Files.readString(Path.of("docs/PROTOCOL.md"));
		assertThat(document).contains("at most **" + ProtocolReader.MAX_LINE_BYTES + " bytes**")
			.contains("| line length | " + ProtocolReader.MAX_LINE_BYTES + " bytes");
	}


	@Test
	void theListExampleOfASessionByHandStatesTheSizeAndCountOfItsBody() throws IOException, ProtocolException {
		List<String> lines = Files.readAllLines(Path.of("docs/PROTOCOL.md"));
		int list = lines.indexOf("> LIST");
		assertThat(list).as("the session by hand shows a LIST").isPositive();
		Reply sending = Reply.parse(lines.get(list + 1).substring(2));
		List<String> body = new ArrayList<>();
		for (int i = list + 2; !lines.get(i).startsWith("< 226 "); i++) {
			body.add(lines.get(i).substring(2));
		}
		Reply done = Reply.parse(lines.get(list + 2 + body.size()).substring(2));
		int bytes = 0;
		for (String line : body) {
			ListingEntry.parse(line);
			bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
		}

		assertThat(sending.longParameter("count")).isEqualTo(body.size());
		assertThat(done.longParameter("count")).isEqualTo(body.size());
		assertThat(sending.longParameter("size")).as("size= of the example's 150").isEqualTo(bytes);
		assertThat(done.longParameter("size")).as("size= of the example's 226").isEqualTo(bytes);
	}
}
