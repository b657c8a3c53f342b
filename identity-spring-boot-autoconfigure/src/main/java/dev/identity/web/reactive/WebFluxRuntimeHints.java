package dev.identity.web.reactive;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The one method of WebFlux that the starter calls reflectively, the reader of the
 * configured argument resolvers ({@link WebFluxHandlerWiring}), for an application
 * compiled ahead of time. Registered through {@code META-INF/spring/aot.factories}.
 */
class WebFluxRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		Method customResolvers = WebFluxHandlerWiring.CUSTOM_RESOLVERS;
		if (customResolvers != null) {
			hints.reflection().registerMethod(customResolvers, ExecutableMode.INVOKE);
		}
	}

}
