package dev.simpleftp.client.shell;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Set;

import jakarta.validation.BootstrapConfiguration;
import jakarta.validation.ClockProvider;
import jakarta.validation.Configuration;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.ParameterNameProvider;
import jakarta.validation.TraversableResolver;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorContext;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.spi.BootstrapState;
import jakarta.validation.spi.ConfigurationState;
import jakarta.validation.spi.ValidationProvider;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * A Bean Validation provider for code that declares no constraints: its validator finds no
 * violations without looking. Registered in {@code META-INF/services}, so that
 * {@code Validation.buildDefaultValidatorFactory()} finds it.
 * <p>
 * Why: Spring Shell builds a default validator as soon as it registers commands, to check their
 * arguments, and brought Hibernate Validator for it. Starting Hibernate Validator cost much of the
 * client's start-up (docs/PERFORMANCE.md, "Start-up: the launcher"). Our commands' arguments
 * carry no constraints, and the settings records check themselves in their constructors, so the
 * pom excludes Hibernate Validator and this provider answers instead. {@code NoConstraintsTests}
 * fails if a constraint annotation ever appears in our code, which this provider would silently
 * ignore.
 */
public final class NoConstraintsValidation implements ValidationProvider<NoConstraintsValidation.Settings> {

	private static final Validator VALIDATOR = new NoViolations();

	@Override
	public Settings createSpecializedConfiguration(BootstrapState state) {
		return new Settings(this);
	}

	@Override
	public Configuration<?> createGenericConfiguration(BootstrapState state) {
		return new Settings(this);
	}

	@Override
	public ValidatorFactory buildValidatorFactory(ConfigurationState state) {
		return new Factory();
	}

	/** The configuration step of the bootstrap API: accepts every setting, since none matters. */
	public static final class Settings implements Configuration<Settings> {

		private final NoConstraintsValidation provider;

		Settings(NoConstraintsValidation provider) {
			this.provider = provider;
		}

		@Override
		public Settings ignoreXmlConfiguration() {
			return this;
		}

		@Override
		public Settings messageInterpolator(MessageInterpolator interpolator) {
			return this;
		}

		@Override
		public Settings traversableResolver(TraversableResolver resolver) {
			return this;
		}

		@Override
		public Settings constraintValidatorFactory(ConstraintValidatorFactory constraintValidatorFactory) {
			return this;
		}

		@Override
		public Settings parameterNameProvider(ParameterNameProvider parameterNameProvider) {
			return this;
		}

		@Override
		public Settings clockProvider(ClockProvider clockProvider) {
			return this;
		}

		@Override
		public Settings addValueExtractor(ValueExtractor<?> extractor) {
			return this;
		}

		@Override
		public Settings addMapping(InputStream stream) {
			return this;
		}

		@Override
		public Settings addProperty(String name, String value) {
			return this;
		}

		@Override
		public MessageInterpolator getDefaultMessageInterpolator() {
			return null;
		}

		@Override
		public TraversableResolver getDefaultTraversableResolver() {
			return null;
		}

		@Override
		public ConstraintValidatorFactory getDefaultConstraintValidatorFactory() {
			return null;
		}

		@Override
		public ParameterNameProvider getDefaultParameterNameProvider() {
			return null;
		}

		@Override
		public ClockProvider getDefaultClockProvider() {
			return null;
		}

		@Override
		public BootstrapConfiguration getBootstrapConfiguration() {
			return null;
		}

		@Override
		public ValidatorFactory buildValidatorFactory() {
			return this.provider.buildValidatorFactory(null);
		}

	}

	private static final class Factory implements ValidatorFactory {

		@Override
		public Validator getValidator() {
			return VALIDATOR;
		}

		@Override
		public ValidatorContext usingContext() {
			throw new ValidationException("no validator contexts: nothing here declares constraints");
		}

		@Override
		public MessageInterpolator getMessageInterpolator() {
			return null;
		}

		@Override
		public TraversableResolver getTraversableResolver() {
			return null;
		}

		@Override
		public ConstraintValidatorFactory getConstraintValidatorFactory() {
			return null;
		}

		@Override
		public ParameterNameProvider getParameterNameProvider() {
			return null;
		}

		@Override
		public ClockProvider getClockProvider() {
			return null;
		}

		@Override
		public <T> T unwrap(Class<T> type) {
			throw new ValidationException("not a " + type.getName());
		}

		@Override
		public void close() {
		}

	}

	private static final class NoViolations implements Validator, ExecutableValidator {

		@Override
		public <T> Set<ConstraintViolation<T>> validate(T object, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateProperty(T object, String propertyName, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateValue(Class<T> beanType, String propertyName, Object value,
				Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateParameters(T object, Method method, Object[] parameterValues,
				Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateReturnValue(T object, Method method, Object returnValue,
				Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateConstructorParameters(Constructor<? extends T> constructor,
				Object[] parameterValues, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public <T> Set<ConstraintViolation<T>> validateConstructorReturnValue(Constructor<? extends T> constructor,
				T createdObject, Class<?>... groups) {
			return Set.of();
		}

		@Override
		public ExecutableValidator forExecutables() {
			return this;
		}

		@Override
		public BeanDescriptor getConstraintsForClass(Class<?> type) {
			throw new ValidationException("no constraint metadata: nothing here declares constraints");
		}

		@Override
		public <T> T unwrap(Class<T> type) {
			if (type.isInstance(this)) {
				return type.cast(this);
			}
			throw new ValidationException("not a " + type.getName());
		}

	}

}
