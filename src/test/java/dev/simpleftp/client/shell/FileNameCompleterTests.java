package dev.simpleftp.client.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.simpleftp.ServerExtension;
import dev.simpleftp.TestClientSettings;
import dev.simpleftp.client.FtpClient;
import dev.simpleftp.storage.FileName;
import dev.simpleftp.storage.local.LocalFileStore;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.shell.core.command.CommandRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** TAB completion offers the server's names after get, the client's after put, for what is typed. */
@Timeout(30)
class FileNameCompleterTests {

	@TempDir
	Path temp;

	@RegisterExtension
	final ServerExtension server = ServerExtension.in(() -> this.temp.resolve("server"));

	private ClientConnection connection;

	private FileNameCompleter completer;

	@BeforeEach
	void start() throws IOException {
		Path serverDir = this.server.directory();
		for (String name : List.of("alpha.txt", "alps.bin", "beta.txt", "my file.txt")) {
			Files.writeString(serverDir.resolve(name), name);
		}
		Path clientDir = Files.createDirectories(this.temp.resolve("client"));
		Files.writeString(clientDir.resolve("local-a.csv"), "a");
		Files.writeString(clientDir.resolve("local-b.csv"), "b");
		Files.writeString(clientDir.resolve("other.txt"), "o");
		Files.createDirectory(clientDir.resolve("sub"));
		this.connection = new ClientConnection(TestClientSettings.of(clientDir).build(),
				new LocalFileStore(clientDir));
		this.completer = new FileNameCompleter(new CommandRegistry(Set.of()), this.connection);
	}

	@AfterEach
	void stop() {
		this.connection.close();
	}

	@Test
	void getCompletesThePartlyTypedNameFromTheServersFiles() throws IOException {
		this.connection.open("127.0.0.1", this.server.port());
		assertThat(complete("get al")).containsExactly("alpha.txt", "alps.bin");
		assertThat(complete("GET b")).containsExactly("beta.txt");
		assertThat(complete("get ")).containsExactly("alpha.txt", "alps.bin", "beta.txt", "my file.txt");
		assertThat(complete("get alpha.txt be")).containsExactly("beta.txt");
		assertThat(complete("get my")).containsExactly("my file.txt");
	}

	@Test
	void getCompletesNothingWhenNotConnected() {
		assertThat(complete("get al")).isEmpty();
	}

	@Test
	void aFileJustUploadedIsOfferedAtOnce() throws IOException {
		FtpClient client = this.connection.open("127.0.0.1", this.server.port());
		assertThat(complete("get lo")).isEmpty();
		client.put(FileName.of("local-a.csv"), this.connection.local());
		assertThat(complete("get lo")).containsExactly("local-a.csv");
	}

	@Test
	void putCompletesFromTheClientDirectoryAndLcdFromItsSubdirectories() {
		assertThat(complete("put local-")).containsExactly("local-a.csv", "local-b.csv");
		assertThat(complete("put x")).isEmpty();
		assertThat(complete("lcd s")).containsExactly("sub");
	}

	@Test
	void hashCompletesTheServersNamesOrWithLocalTheClientDirectorys() throws IOException {
		this.connection.open("127.0.0.1", this.server.port());
		assertThat(complete("hash al")).containsExactly("alpha.txt", "alps.bin");
		assertThat(complete("hash --local local-")).containsExactly("local-a.csv", "local-b.csv");
		assertThat(complete("hash --local al")).isEmpty();
	}

	@Test
	void aNameWithSpacesIsWrittenBackQuotedAndAnOpenQuoteIsClosed() {
		assertThat(insert("get my", "my file.txt")).isEqualTo("\"my file.txt\"");
		assertThat(insert("get \"my f", "my file.txt")).isEqualTo("my file.txt\"");
		assertThat(insert("get \"al", "alpha.txt")).isEqualTo("alpha.txt\"");
		assertThat(insert("get al", "alpha.txt")).isEqualTo("alpha.txt");
		assertThat(insert("get \"my notes.txt\" al", "alpha.txt")).isEqualTo("alpha.txt");
		CompletingParsedLine common = (CompletingParsedLine) new QuotingParser().parse("get my", 6, ParseContext.COMPLETE);
		assertThat(common.escape("my f", false)).hasToString("\"my f");
	}

	/** What JLine writes in place of the word being completed when TAB picks {@code candidate}. */
	private static String insert(String line, String candidate) {
		CompletingParsedLine parsed = (CompletingParsedLine) new QuotingParser().parse(line, line.length(), ParseContext.COMPLETE);
		return parsed.escape(candidate, true).toString();
	}

	private List<String> complete(String line) {
		List<Candidate> candidates = new ArrayList<>();
		this.completer.complete(null, new DefaultParser().parse(line, line.length(), ParseContext.COMPLETE), candidates);
		return candidates.stream().map(Candidate::value).toList();
	}

}
