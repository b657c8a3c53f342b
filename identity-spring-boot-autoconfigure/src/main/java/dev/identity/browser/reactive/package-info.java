/**
 * Browser login for Spring WebFlux: a web filter serving the login endpoints on the
 * {@code WebSession}, the {@code AuthenticatedUser} handler parameter and
 * {@link dev.identity.browser.reactive.ReactiveBrowserSession}. Nothing here blocks.
 */
@NullMarked
package dev.identity.browser.reactive;

import org.jspecify.annotations.NullMarked;
