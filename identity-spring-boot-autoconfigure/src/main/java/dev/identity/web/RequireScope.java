package dev.identity.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the request's validated bearer token to carry at least one of the given
 * scopes, as read by {@link dev.identity.claims.TokenClaims#scopes()}: the claims that
 * the {@code identity.claims.scopes.*} properties name. <pre>
 * &#64;RequireScope("orders:read")
 * &#64;GetMapping("/orders")
 * List&lt;Order&gt; orders() { ... }
 * </pre> On a handler method or on its controller class, also as a meta-annotation. Every
 * requirement found on the class and on the method must hold
 * ({@link RequireRole @RequireRole}, {@link RequirePermission @RequirePermission} and
 * {@link RequireScope @RequireScope} alike): a method-level annotation adds to the
 * class-level ones and never relaxes them.
 * <p>
 * A request without a valid token is answered 401 ({@code invalid_token}); a valid token
 * without any of the scopes is answered 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} (RFC 6750 §3.1), whose
 * {@code scope} attribute names the scope when the annotation lists only one. The check
 * runs before the handler and its arguments are resolved.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireScope {

	/**
	 * The scopes, any one of which suffices; compared case-sensitively, as the token
	 * carries them.
	 * @return the scopes, at least one
	 */
	String[] value();

}
