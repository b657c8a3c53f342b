/**
 * The plumbing of the test support: the JUnit extension and the test-context customizer
 * behind {@link dev.identity.test.LocalIssuer @LocalIssuer}, the issuers of the test JVM,
 * and the token defaults read from the application's properties.
 * <p>
 * Internal: not part of the public API; it may change in any release.
 */
@NullMarked
package dev.identity.test.internal;

import org.jspecify.annotations.NullMarked;
