/**
 * Token validation without I/O or a clock: compact JWS parsing and base64url, the
 * streaming JSON reader, JOSE header checks, the signature check and the claim rules.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.core.internal.validation;

import org.jspecify.annotations.NullMarked;
