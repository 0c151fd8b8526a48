package dev.simpleftp.server;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The server's settings, {@code ftp.server.*}; each can also come from an environment variable
 * ({@code FTP_SERVER_PORT}) or an argument ({@code --ftp.server.port=2121}).
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one, which is logged
 * @param directory the directory whose files are served, created if missing
 * @param maxConnections connections served at once; more are told the server is busy
 * @param shutdownTimeout how long transfers in flight may take to finish when the server stops
 * @param zeroCopy send files with sendfile (FileChannel.transferTo) rather than through a
 * buffer: a third less server CPU, but some 10% slower on loopback here (docs/PERFORMANCE.md)
 * @param waitingThreads connections that may each keep a thread while they wait for a request;
 * past this many, waiting connections are watched by one selector thread instead (less memory
 * per connection, some 50 µs more per request)
 */
@Validated
@ConfigurationProperties("ftp.server")
public record ServerSettings(
		@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("12000") @Min(0) @Max(65535) int port,
		@DefaultValue("server") @NotNull Path directory,
		@DefaultValue("100") @Min(1) int maxConnections,
		@DefaultValue("10s") @NotNull Duration shutdownTimeout,
		@DefaultValue("false") boolean zeroCopy,
		@DefaultValue("32") @Min(0) int waitingThreads) {
}
