/**
 * The development OpenID provider: Spring Authorization Server with demo accounts,
 * started next to an application that names no issuer.
 */
@NullMarked
package dev.identity.devprovider;

import org.jspecify.annotations.NullMarked;
