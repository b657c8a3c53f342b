/**
 * Browser login for web applications: the OpenID Connect authorization-code flow with
 * PKCE behind {@code /login}, {@code /register}, a callback and {@code /logout},
 * configured by {@code identity.login.*}. This package holds the flow's rules, shared by
 * the Spring MVC ({@code .servlet}) and WebFlux ({@code .reactive}) endpoints, which only
 * move values between HTTP, the session and the identity client.
 */
@NullMarked
package dev.identity.browser;

import org.jspecify.annotations.NullMarked;
