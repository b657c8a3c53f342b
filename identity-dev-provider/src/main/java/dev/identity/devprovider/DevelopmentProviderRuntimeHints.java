package dev.identity.devprovider;

import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Binding of {@code identity.dev-provider.*}, which the application listener reads with a
 * {@code Binder} before any bean exists (so Spring Boot registers no hints for it), for
 * an application compiled ahead of time: there the listener must still see
 * {@code identity.dev-provider.enabled} to refuse to start the provider with a clear
 * message. Registered through {@code META-INF/spring/aot.factories}.
 */
class DevelopmentProviderRuntimeHints extends BindableRuntimeHintsRegistrar {

	DevelopmentProviderRuntimeHints() {
		super(DevelopmentProviderProperties.class);
	}

}
