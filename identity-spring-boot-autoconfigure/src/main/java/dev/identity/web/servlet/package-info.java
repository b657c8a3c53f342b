/**
 * Validated bearer tokens in Spring MVC controllers: argument resolution, the requirement
 * check before handlers run, and their auto-configuration.
 */
@NullMarked
package dev.identity.web.servlet;

import org.jspecify.annotations.NullMarked;
