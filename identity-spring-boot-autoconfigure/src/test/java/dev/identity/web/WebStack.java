package dev.identity.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One web stack's way of starting an application for the tests both stacks share: the
 * identity auto-configurations with the stack's own, the given properties and user
 * configurations.
 */
public interface WebStack {

	/**
	 * Start an application, which must start, and run a test against it.
	 * @param properties the application's properties
	 * @param configurations user configurations and controllers
	 * @param test the test
	 */
	void start(List<String> properties, List<Class<?>> configurations, TokenWebContract.AppTest test);

	/**
	 * Start an application that may fail to start.
	 * @param properties the application's properties
	 * @param configurations user configurations and controllers
	 * @return why it did not start, or {@code null} when it started
	 */
	@Nullable Throwable startupFailure(List<String> properties, List<Class<?>> configurations);

	/**
	 * Start an application as Spring Boot starts one, with every auto-configuration on
	 * the class path (the {@code .imports} files), that may fail to start.
	 * @param properties the application's properties,
	 * {@code spring.autoconfigure.exclude} included
	 * @param configurations user configurations and controllers
	 * @return why it did not start, or {@code null} when it started
	 */
	@Nullable Throwable autoConfiguredStartupFailure(List<String> properties, List<Class<?>> configurations);

	/**
	 * The auto-configuration of the stack's token support, the one an application may
	 * exclude.
	 * @return its class
	 */
	Class<?> tokenAutoConfiguration();

}
