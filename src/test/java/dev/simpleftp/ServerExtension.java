package dev.simpleftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.simpleftp.server.ServerRunner;
import dev.simpleftp.server.account.Accounts;
import dev.simpleftp.server.command.ListingSettings;
import dev.simpleftp.transport.Tls;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link RunningServer} for each test, as MockWebServer's JUnit extension gives one: started on
 * 127.0.0.1, port 0, before the test's own {@code @BeforeEach} methods, and stopped after its
 * {@code @AfterEach} methods, whether the test passed or not.
 * <pre>
 * &#64;TempDir
 * Path temp;
 *
 * &#64;RegisterExtension
 * final ServerExtension server = ServerExtension.in(() -&gt; this.temp.resolve("root"))
 * 	.settings((s) -&gt; s.maxConnections(2));
 * </pre>
 * The test reaches the server through this field ({@link #port()}, {@link #directory()}) or a
 * {@code RunningServer} parameter. The directory is created if missing; without one, it is a fresh
 * temporary directory, deleted after the test. Every option is read when the server starts, so it
 * may use the test's {@code @TempDir} fields.
 * <p>
 * In a {@code static} field the server is the class's instead: started before its
 * {@code @BeforeAll} methods (and so before a Spring test context, whose properties may name its
 * port) and stopped after its {@code @AfterAll} methods.
 */
public final class ServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final Supplier<Path> directory;

	private UnaryOperator<TestSettings> settings = UnaryOperator.identity();

	private Supplier<Tls> tls = () -> null;

	private Supplier<Accounts> accounts = Accounts::none;

	private ListingSettings listing = ListingSettings.defaults();

	private RunningServer server;

	private Path ownDirectory;

	/** Whether the server lives for the whole class (a static field) rather than for one test. */
	private boolean perClass;

	private ServerExtension(Supplier<Path> directory) {
		this.directory = directory;
	}

	/** A server of a fresh temporary directory of its own. */
	public static ServerExtension create() {
		return new ServerExtension(null);
	}

	/** A server of {@code directory}, asked for when the server starts (a test's {@code @TempDir} is set then). */
	public static ServerExtension in(Supplier<Path> directory) {
		return new ServerExtension(directory);
	}

	/** Settings changed from {@link TestSettings#of(Path)}, e.g. {@code (s) -> s.idleTimeout(...)}. */
	public ServerExtension settings(UnaryOperator<TestSettings> change) {
		UnaryOperator<TestSettings> before = this.settings;
		this.settings = (s) -> change.apply(before.apply(s));
		return this;
	}

	/** A server that sends files with sendfile rather than through a buffer. */
	public ServerExtension zeroCopy() {
		return settings((s) -> s.zeroCopy(true));
	}

	/** A server that parks every connection waiting for a request in its selector. */
	public ServerExtension parkingEveryConnection(Duration shutdownTimeout) {
		return settings((s) -> s.parkingEveryConnection(shutdownTimeout));
	}

	/** A server that requires TLS with what {@code tls} gives when the server starts. */
	public ServerExtension tls(Supplier<Tls> tls) {
		this.tls = tls;
		return this;
	}

	/** A server that requires a login to one of these accounts. */
	public ServerExtension accounts(Supplier<Accounts> accounts) {
		this.accounts = accounts;
		return this;
	}

	/** A server with these bounds on what a LIST may cost it. */
	public ServerExtension listing(ListingSettings listing) {
		this.listing = listing;
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.perClass = true;
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		if (!this.perClass) {
			start();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		if (!this.perClass) {
			stop();
		}
	}

	private void start() throws IOException {
		Path root;
		if (this.directory != null) {
			root = Files.createDirectories(this.directory.get());
		}
		else {
			this.ownDirectory = Files.createTempDirectory("simple-ftp-test-");
			root = this.ownDirectory;
		}
		this.server = RunningServer.start(this.settings.apply(TestSettings.of(root)).build(), this.tls.get(),
				this.accounts.get(), this.listing);
	}

	private void stop() throws IOException {
		try {
			if (this.server != null) {
				this.server.close();
			}
		}
		finally {
			this.server = null;
			if (this.ownDirectory != null) {
				deleteTree(this.ownDirectory);
				this.ownDirectory = null;
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == RunningServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return get();
	}

	/** The server of the running test. */
	public RunningServer get() {
		if (this.server == null) {
			throw new IllegalStateException("No server: it runs only during a test");
		}
		return this.server;
	}

	public int port() {
		return get().port();
	}

	public Path directory() {
		return get().directory();
	}

	public ServerRunner runner() {
		return get().runner();
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
				try {
					Files.delete(path);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
