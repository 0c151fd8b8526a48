package dev.simpleftp.client.shell;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bean Validation provider that stands in for Hibernate Validator (start-up time), and the
 * promise that makes it safe: nothing in our code declares a constraint it would ignore.
 */
class NoConstraintsValidationTests {

	@Test
	void theDefaultProviderIsOursAndFindsNothingWithoutLooking() throws NoSuchMethodException {
		assertThat(ClassUtils.isPresent("org.hibernate.validator.HibernateValidator", null)).isFalse();
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			Validator validator = factory.getValidator();
			assertThat(validator.getClass().getEnclosingClass()).isEqualTo(NoConstraintsValidation.class);
			assertThat(validator.validate("anything")).isEmpty();
			Method get = ClientCommands.class.getDeclaredMethods()[0];
			assertThat(validator.forExecutables()
				.validateParameters(this, get, new Object[get.getParameterCount()])).isEmpty();
		}
	}

	@Test
	void noClassOfOursDeclaresAConstraintThatWouldBeIgnored() throws IOException, URISyntaxException {
		Path classes = Path.of(NoConstraintsValidation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : (Iterable<Path>) files.filter(path -> path.toString().endsWith(".class"))::iterator) {
				String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
				Class<?> type;
				try {
					type = Class.forName(name, false, getClass().getClassLoader());
				}
				catch (ClassNotFoundException | LinkageError ex) {
					throw new AssertionError("cannot load " + name, ex);
				}
				constraintsOf(type, found);
			}
		}
		assertThat(classes.resolve("dev/simpleftp/client/shell/ClientCommands.class")).exists();
		assertThat(found).as("constraints that NoConstraintsValidation would ignore").isEmpty();
	}

	private static void constraintsOf(Class<?> type, List<String> found) {
		List<AnnotatedElement> elements = new ArrayList<>();
		elements.add(type);
		elements.addAll(List.of(type.getDeclaredFields()));
		elements.addAll(List.of(type.getDeclaredMethods()));
		elements.addAll(List.of(type.getDeclaredConstructors()));
		if (type.isRecord()) {
			elements.addAll(List.of(type.getRecordComponents()));
		}
		for (AnnotatedElement element : elements) {
			check(element, element.getAnnotations(), found);
			if (element instanceof Executable executable) {
				for (Annotation[] annotations : executable.getParameterAnnotations()) {
					check(element, annotations, found);
				}
			}
			if (element instanceof RecordComponent component) {
				check(element, component.getAccessor().getAnnotations(), found);
			}
		}
	}

	private static void check(AnnotatedElement element, Annotation[] annotations, List<String> found) {
		for (Annotation annotation : annotations) {
			Class<? extends Annotation> kind = annotation.annotationType();
			if (kind.isAnnotationPresent(Constraint.class) || kind == Valid.class || kind == Validated.class) {
				found.add("@" + kind.getSimpleName() + " on " + element);
			}
		}
	}

}
