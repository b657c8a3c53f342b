/**
 * Browser login for Spring MVC: a servlet filter serving the login endpoints, the
 * {@code AuthenticatedUser} handler parameter and
 * {@link dev.identity.browser.servlet.BrowserSession}.
 */
@NullMarked
package dev.identity.browser.servlet;

import org.jspecify.annotations.NullMarked;
