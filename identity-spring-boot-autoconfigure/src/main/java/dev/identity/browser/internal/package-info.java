/**
 * The browser login flow behind the servlet filter and the WebFlux filter: protocol
 * steps, routes, content negotiation, failure mapping, settings and pending-login
 * cookies.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.browser.internal;

import org.jspecify.annotations.NullMarked;
