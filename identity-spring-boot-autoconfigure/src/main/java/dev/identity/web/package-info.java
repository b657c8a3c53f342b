/**
 * Validated bearer tokens in controllers, shared by Spring MVC and WebFlux: the handler
 * parameters ({@link dev.identity.core.ValidatedToken},
 * {@link dev.identity.claims.TokenClaims}, {@link dev.identity.web.Claim @Claim}), the
 * requirements ({@link dev.identity.web.RequireRole @RequireRole},
 * {@link dev.identity.web.RequirePermission @RequirePermission},
 * {@link dev.identity.web.RequireScope @RequireScope}) and the RFC 6750 answers when they
 * are not met. Nothing here depends on either web stack.
 * <p>
 * A request's token is validated once, on first need, and kept as the
 * {@linkplain dev.identity.web.internal.ValidatedTokenRequests#VALIDATED_TOKEN_ATTRIBUTE
 * request attribute}. Next to Spring Security's resource server the token is validated
 * again through the engine, whose key cache makes that a signature check without I/O.
 */
@NullMarked
package dev.identity.web;

import org.jspecify.annotations.NullMarked;
