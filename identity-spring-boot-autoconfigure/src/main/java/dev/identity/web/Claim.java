package dev.identity.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to one claim of the request's validated bearer token. <pre>
 * &#64;GetMapping("/orders")
 * List&lt;Order&gt; orders(&#64;Claim("tenant_id") String tenant) { ... }
 * </pre> Supported parameter types, each also as {@link java.util.Optional}:
 * {@link String} (a JSON string), {@code List<String>} (a JSON array of strings, or one
 * string), {@link Long} and {@link Integer} (a JSON integer that fits), {@link Boolean},
 * {@link java.time.Instant} (a NumericDate, RFC 7519 §2) and {@link Object} (the value as
 * parsed: string, number, boolean, list or map).
 * <p>
 * A request without a valid token is answered 401 ({@code invalid_token}, RFC 6750 §3.1)
 * before the handler runs. A token that lacks a required claim, or carries it with
 * another type, is answered 403 ({@code insufficient_scope}): the token itself is valid,
 * it only does not grant what this resource needs, so sending it again, or a refreshed
 * copy of it, cannot succeed.
 * <p>
 * A parameter that is not required ({@link #required()} {@code false}, an
 * {@code Optional}, or {@code @Nullable}) is empty when the token lacks the claim, and
 * also when the request carries no bearer token at all; a token that is sent but invalid
 * is still answered 401.
 *
 * @see dev.identity.claims.TokenClaims#claim(String)
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Claim {

	/**
	 * Name of the claim, or a dotted path to a nested member as described on
	 * {@link dev.identity.claims.ClaimNames}; empty uses the parameter's name.
	 * @return the claim name or path
	 */
	String value() default "";

	/**
	 * Whether the token must carry the claim.
	 * @return whether a token without it is answered 403
	 */
	boolean required() default true;

}
