package dev.identity.autoconfigure;

import dev.identity.autoconfigure.internal.ConfiguredIssuers;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnClientId}; its message shows in the conditions
 * report.
 */
class OnClientIdCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Identity client id");
		String property = ConfiguredIssuers.firstClientIdProperty(context.getEnvironment());
		if (property == null) {
			return ConditionOutcome.noMatch(message.didNotFind("property")
				.items("identity.client-id (or the first issuer's identity.issuers.<name>.client-id)"));
		}
		return ConditionOutcome.match(message.foundExactly("property " + property));
	}

}
