package dev.identity.browser.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.identity.autoconfigure.IdentityConfigurationCheck;
import dev.identity.autoconfigure.IdentityProperties;
import dev.identity.autoconfigure.InvalidIdentityConfigurationException;
import dev.identity.browser.BrowserLoginProperties;

/**
 * Checks the {@code identity.login.*} properties for the factory of the engine's
 * settings, so that a start-up with invalid login and engine properties reports them all
 * at once. The rules are those of {@link BrowserLoginSettings} and
 * {@link PendingLoginCookies}, which apply them again when they are built.
 */
public final class BrowserLoginConfigurationCheck implements IdentityConfigurationCheck {

	private final BrowserLoginProperties properties;

	/**
	 * Create the check.
	 * @param properties the {@code identity.login.*} properties
	 */
	public BrowserLoginConfigurationCheck(BrowserLoginProperties properties) {
		this.properties = Objects.requireNonNull(properties, "properties");
	}

	@Override
	public List<InvalidIdentityConfigurationException.Problem> problems(IdentityProperties identity) {
		URI issuer = identity.primaryIssuerUri();
		List<InvalidIdentityConfigurationException.Problem> problems = new ArrayList<>(
				BrowserLoginSettings.problems(this.properties, (issuer != null) ? issuer.toString() : null));
		InvalidIdentityConfigurationException.Problem key = PendingLoginCookies
			.keyProblem(this.properties.getPendingLoginKey());
		if (key != null) {
			problems.add(key);
		}
		return problems;
	}

}
