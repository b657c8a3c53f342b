/**
 * Protocol logic without I/O: token parsing and verification, key sets, discovery policy
 * and cache decisions. Time is always an argument.
 */
@NullMarked
package dev.identity.core;

import org.jspecify.annotations.NullMarked;
