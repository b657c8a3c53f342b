/**
 * Testing an application that uses the identity starter with real signed tokens: a local
 * issuer in the test JVM ({@link dev.identity.test.LocalIssuer @LocalIssuer},
 * {@link dev.identity.test.TestIssuer}), tokens with any claims
 * ({@link dev.identity.test.TestTokens#token()}), and the MockMvc and WebTestClient
 * helpers that send them ({@link dev.identity.test.IdentityMockMvc},
 * {@link dev.identity.test.IdentityWebTestClient}).
 */
@NullMarked
package dev.identity.test;

import org.jspecify.annotations.NullMarked;
