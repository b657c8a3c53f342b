package dev.identity.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Matches an application that is not a reactive web application: a servlet web
 * application or no web application at all, where the blocking client is the default.
 */
public final class NotReactiveWebApplicationCondition extends AnyNestedCondition {

	NotReactiveWebApplicationCondition() {
		super(ConfigurationPhase.PARSE_CONFIGURATION);
	}

	@ConditionalOnNotWebApplication
	static class NotWebApplication {

	}

	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletWebApplication {

	}

}
