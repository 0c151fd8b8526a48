package dev.simpleftp.client.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.simpleftp.SimpleFtpApplication;
import dev.simpleftp.storage.FileName;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --quiet} (or {@code ftp.client.quiet=true}) takes the progress bar away from the shell's terminal. */
@Timeout(60)
class QuietOptionTests {

	@TempDir
	Path temp;

	@ParameterizedTest
	@ValueSource(strings = { "", "--quiet", "--ftp.client.quiet=true", "--ftp.client.quiet=false" })
	void theShellDrawsABarUnlessTheClientIsQuiet(String option) {
		boolean quiet = option.equals("--quiet") || option.equals("--ftp.client.quiet=true");
		try (ConfigurableApplicationContext context = startOnAnXterm(option)) {
			Terminal terminal = context.getBean(Terminal.class);
			ProgressBar bar = context.getBean(ProgressBars.class).start(terminal.writer(), List.of(FileName.of("big.bin")));
			assertThat(bar instanceof TerminalProgressBar).isEqualTo(!quiet);
		}
	}

	/** The client, not running its shell, with a terminal that can draw. */
	private ConfigurableApplicationContext startOnAnXterm(String option) {
		SpringApplication application = new SpringApplication(SimpleFtpApplication.class);
		application.addInitializers(context -> context.getBeanFactory().registerSingleton("xterm",
				(TerminalCustomizer) builder -> builder.system(false).dumb(false).type("xterm-256color")
					.streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())));
		String[] arguments = Stream.of("--spring.profiles.active=client", "--spring.shell.interactive.enabled=false",
				"--ftp.client.directory=" + this.temp, "--logging.file.name=target/client-tests.log", option)
			.filter(argument -> !argument.isEmpty())
			.toArray(String[]::new);
		return application.run(arguments);
	}

}
