package dev.identity.autoconfigure;

import java.util.List;

/**
 * Checks of further {@code identity.*} properties (those of an optional feature, such as
 * the browser login), run by the factory of the engine's settings so that one failed
 * start-up lists every invalid property in one
 * {@link InvalidIdentityConfigurationException}. Register an implementation as a bean.
 */
@FunctionalInterface
public interface IdentityConfigurationCheck {

	/**
	 * The invalid properties of the feature.
	 * @param properties the {@code identity.*} properties, for the values the feature's
	 * own properties depend on (such as the issuer)
	 * @return the problems, empty when the properties are valid
	 */
	List<InvalidIdentityConfigurationException.Problem> problems(IdentityProperties properties);

}
