package dev.identity.web.internal;

import java.util.List;
import java.util.function.Supplier;

import dev.identity.autoconfigure.internal.ConfiguredIssuers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerMethod;

/**
 * When and with what both web stacks run {@link HandlerEnforcement}: once every singleton
 * exists, on the mapped handlers, with the tokens enforced when the stack's token
 * configurer exists, the users resolved when its browser session exists, and the
 * configured {@code identity.issuer-uri}.
 */
public final class HandlerEnforcementStartup {

	private HandlerEnforcementStartup() {
	}

	/**
	 * The start-up check of a web stack.
	 * @param handlers the stack's mapped handler methods, read when the check runs
	 * @param wiring how the stack's configuration applies the starter, read when the
	 * check runs, after the handlers
	 * @param tokens the stack's token configurer, present when tokens are enforced
	 * @param users the stack's browser session, present when browser login is on
	 * @param beanFactory the application's bean factory
	 * @param environment the application's environment
	 * @return the check, run by the bean factory once every singleton exists
	 */
	public static SmartInitializingSingleton check(Supplier<List<HandlerMethod>> handlers,
			Supplier<HandlerWiring> wiring, ObjectProvider<?> tokens, ObjectProvider<?> users,
			ConfigurableListableBeanFactory beanFactory, Environment environment) {
		return () -> HandlerEnforcement.check(ControllerMethods.find(handlers.get(), beanFactory), wiring.get(),
				tokens.getIfAvailable() != null, users.getIfAvailable() != null, ConfiguredIssuers.first(environment));
	}

}
