package dev.identity.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the request's validated bearer token to carry at least one of the given roles,
 * as read by {@link dev.identity.claims.TokenClaims#roles()}: the claims that the
 * {@code identity.claims.roles.*} properties name. <pre>
 * &#64;RequireRole("admin")
 * &#64;DeleteMapping("/orders/{id}")
 * void delete(&#64;PathVariable String id) { ... }
 * </pre> On a handler method or on its controller class, also as a meta-annotation. Every
 * requirement found on the class and on the method must hold
 * ({@link RequireRole @RequireRole}, {@link RequirePermission @RequirePermission} and
 * {@link RequireScope @RequireScope} alike): a method-level annotation adds to the
 * class-level ones and never relaxes them.
 * <p>
 * A request without a valid token is answered 401 ({@code invalid_token}); a valid token
 * without any of the roles is answered 403 with
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} (RFC 6750 §3.1). The check
 * runs before the handler and its arguments are resolved.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireRole {

	/**
	 * The roles, any one of which suffices; compared case-sensitively, as the token
	 * carries them.
	 * @return the roles, at least one
	 */
	String[] value();

}
