package dev.simpleftp.server;

import java.io.IOException;

import dev.simpleftp.storage.FileStore;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.task.TaskExecutor;

/** The beans of the {@code server} profile. */
@Profile("server")
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

	@Bean
	FileStore serverFileStore(ServerSettings settings) throws IOException {
		return new FileStore(settings.directory());
	}

	@Bean
	ServerRunner serverRunner(ServerSettings settings, FileStore serverFileStore,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		return new ServerRunner(settings, serverFileStore, executor);
	}

}
