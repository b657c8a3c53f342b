/**
 * Spring Security integration: {@code JwtDecoder} and {@code ReactiveJwtDecoder} backed
 * by the identity engine, so {@code oauth2ResourceServer(o -> o.jwt(...))} uses its
 * caches and rules.
 */
@NullMarked
package dev.identity.security;

import org.jspecify.annotations.NullMarked;
