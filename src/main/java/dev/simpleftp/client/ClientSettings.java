package dev.simpleftp.client;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The client's settings, {@code ftp.client.*}; each can also come from an environment variable
 * ({@code FTP_CLIENT_DIRECTORY}) or an argument ({@code --ftp.client.directory=downloads}).
 *
 * @param host the server open PORT connects to when no host is given
 * @param directory where files are downloaded to and uploaded from, created if missing
 * @param timeout how long to wait for a connection, a reply, or the next bytes of a transfer
 * @param quiet no progress bar, even on a terminal (also --quiet)
 */
@Validated
@ConfigurationProperties("ftp.client")
public record ClientSettings(
		@DefaultValue("127.0.0.1") @NotBlank String host,
		@DefaultValue("client") @NotNull Path directory,
		@DefaultValue("30s") @NotNull Duration timeout,
		@DefaultValue("false") boolean quiet) {
}
