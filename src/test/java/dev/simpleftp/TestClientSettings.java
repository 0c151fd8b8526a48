package dev.simpleftp;

import java.nio.file.Path;
import java.time.Duration;

import dev.simpleftp.client.shell.ClientSettings;

import org.springframework.util.unit.DataSize;

/**
 * Client settings for a test, by name rather than by position:
 * {@code TestClientSettings.of(dir).timeout(Duration.ofSeconds(5)).quiet(true).build()}. Like
 * {@link TestSettings}, each step is checked as it is made.
 */
public final class TestClientSettings {

	private String host;

	private int port;

	private Path directory;

	private Duration timeout;

	private boolean quiet;

	private ClientSettings.Ssl ssl;

	private boolean durable;

	private DataSize minFreeSpace;

	private DataSize minRate;

	private int maxListEntries;

	private Duration partialMaxAge;

	private TestClientSettings(ClientSettings s) {
		this.host = s.host();
		this.port = s.port();
		this.directory = s.directory();
		this.timeout = s.timeout();
		this.quiet = s.quiet();
		this.ssl = s.ssl();
		this.durable = s.durable();
		this.minFreeSpace = s.minFreeSpace();
		this.minRate = s.minRate();
		this.maxListEntries = s.maxListEntries();
		this.partialMaxAge = s.partialMaxAge();
	}

	/**
	 * 127.0.0.1 at the server's default port, downloading to {@code directory}, a 10 s timeout, no
	 * TLS, durable, and the limits' defaults.
	 */
	public static TestClientSettings of(Path directory) {
		return new TestClientSettings(new ClientSettings("127.0.0.1", 12000, directory, Duration.ofSeconds(10), false,
				new ClientSettings.Ssl(null), true));
	}

	public TestClientSettings host(String value) {
		this.host = value;
		return checked();
	}

	public TestClientSettings port(int value) {
		this.port = value;
		return checked();
	}

	public TestClientSettings directory(Path value) {
		this.directory = value;
		return checked();
	}

	public TestClientSettings timeout(Duration value) {
		this.timeout = value;
		return checked();
	}

	public TestClientSettings quiet(boolean value) {
		this.quiet = value;
		return checked();
	}

	public TestClientSettings ssl(ClientSettings.Ssl value) {
		this.ssl = value;
		return checked();
	}

	public TestClientSettings durable(boolean value) {
		this.durable = value;
		return checked();
	}

	public TestClientSettings minFreeSpace(DataSize value) {
		this.minFreeSpace = value;
		return checked();
	}

	public TestClientSettings minRate(DataSize value) {
		this.minRate = value;
		return checked();
	}

	public TestClientSettings maxListEntries(int value) {
		this.maxListEntries = value;
		return checked();
	}

	public TestClientSettings partialMaxAge(Duration value) {
		this.partialMaxAge = value;
		return checked();
	}

	public ClientSettings build() {
		return new ClientSettings(this.host, this.port, this.directory, this.timeout, this.quiet, this.ssl, this.durable,
				this.minFreeSpace, this.minRate, this.maxListEntries, this.partialMaxAge);
	}

	private TestClientSettings checked() {
		build();
		return this;
	}

}
