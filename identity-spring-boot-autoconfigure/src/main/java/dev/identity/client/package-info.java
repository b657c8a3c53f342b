/**
 * The three identity clients (blocking, reactive, smart) and their HTTP transports.
 */
@NullMarked
package dev.identity.client;

import org.jspecify.annotations.NullMarked;
