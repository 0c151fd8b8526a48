package dev.simpleftp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SimpleFtpApplication {

	public static void main(String[] args) {
		SpringApplication.run(SimpleFtpApplication.class, args);
	}

}
