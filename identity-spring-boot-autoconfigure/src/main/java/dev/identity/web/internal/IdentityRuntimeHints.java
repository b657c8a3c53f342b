package dev.identity.web.internal;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import dev.identity.browser.internal.PendingLogins;
import dev.identity.core.JwsAlgorithm;
import dev.identity.core.OAuthError;
import dev.identity.core.ValidatedToken;
import dev.identity.login.AuthenticatedUser;
import dev.identity.login.internal.PendingLogin;
import dev.identity.web.Claim;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import dev.identity.web.RequireScope;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What the starter reads reflectively, for an application compiled ahead of time (a
 * GraalVM native image): registered through {@code META-INF/spring/aot.factories}, so it
 * applies whichever of the starter's configurations are active. It lives in the highest
 * component that sees every such type. The configuration properties need nothing here:
 * Spring Boot registers the binding of {@code @ConfigurationProperties} beans and their
 * nested types itself, and Spring registers the controller methods that carry the
 * starter's annotations. The one reflective call into WebFlux is registered next to it,
 * by {@code web.reactive.WebFluxRuntimeHints}.
 */
class IdentityRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The requirement and claim annotations, whose attributes the start-up check and the
	 * argument resolvers read from controllers.
	 */
	static final List<Class<?>> ANNOTATIONS = List.of(Claim.class, RequirePermission.class, RequireRole.class,
			RequireScope.class);

	/**
	 * What a session store may serialize: the signed-in user kept in HTTP and WebFlux
	 * sessions (with its ID token and the JDK types its fields and claims hold), the
	 * pending logins, and the OAuth error that the starter's exceptions carry.
	 */
	static final List<Class<?>> SERIALIZED = List.of(AuthenticatedUser.class, ValidatedToken.class, JwsAlgorithm.class,
			PendingLogins.class, PendingLogin.class, OAuthError.class, Enum.class, Number.class, Integer.class,
			Long.class, Double.class, Boolean.class, BigInteger.class, LinkedHashMap.class, HashMap.class,
			ArrayList.class, LinkedHashSet.class, HashSet.class, URI.class, byte[].class);

	/**
	 * JDK classes that the values above write themselves as (unmodifiable views,
	 * immutable collections and {@code java.time} values are replaced by these), named
	 * because they are not public.
	 */
	static final List<String> SERIALIZED_JDK_CLASSES = List.of("java.util.Collections$UnmodifiableMap",
			"java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableSet",
			"java.util.Collections$UnmodifiableCollection", "java.util.CollSer", "java.time.Ser");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ANNOTATIONS
			.forEach((annotation) -> hints.reflection().registerType(annotation, MemberCategory.INVOKE_PUBLIC_METHODS));
		SERIALIZED.forEach(hints.reflection()::registerJavaSerialization);
		SERIALIZED_JDK_CLASSES.forEach(
				(name) -> hints.reflection().registerJavaSerialization(ClassUtils.resolveClassName(name, classLoader)));
	}

}
