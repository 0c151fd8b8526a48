package dev.simpleftp.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/PROTOCOL.md stays true to the code: its table of status codes is exactly {@link ReplyCode}. */
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

}
