package dev.simpleftp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One jar, two profiles: {@code server} listens for connections until stopped; {@code client} (the
 * default) runs the shell or a script and exits with its status.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SimpleFtpApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SimpleFtpApplication.class, args);
		if (context.getEnvironment().matchesProfiles("client")) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
