/**
 * Browser login without I/O: the OpenID Connect authorization-code flow with PKCE (OpenID
 * Connect Core 1.0 §3.1, RFC 7636, RFC 9700), ID token validation and RP-Initiated Logout
 * URLs. Values in, values out: randomness and the current time are arguments, so the web
 * endpoints built on top stay thin and these rules are tested in memory.
 */
@NullMarked
package dev.identity.login;

import org.jspecify.annotations.NullMarked;
