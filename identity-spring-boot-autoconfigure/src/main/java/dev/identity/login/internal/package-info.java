/**
 * The login protocol's steps: authorization request, callback response, PKCE, pending
 * login state and ID-token validation.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.login.internal;

import org.jspecify.annotations.NullMarked;
