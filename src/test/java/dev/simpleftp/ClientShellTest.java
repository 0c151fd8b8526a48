package dev.simpleftp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.test.autoconfigure.ShellTestClientAutoConfiguration;

/**
 * A test of the client's Spring Shell commands: the client profile's context with a
 * {@code ShellTestClient} (what Spring Shell's {@code @ShellTest} adds, which cannot itself be
 * composed), the interactive shell off so that the test is not left waiting at a prompt, the log
 * in {@code target/client-tests.log}, and a minute at most per test. A server for the commands to
 * talk to comes from a static {@link ServerExtension} field, started before the context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(ShellTestClientAutoConfiguration.class)
@SpringBootTest(properties = { "spring.profiles.active=client", "spring.shell.interactive.enabled=false",
		"logging.file.name=target/client-tests.log" })
@Timeout(60)
public @interface ClientShellTest {

}
