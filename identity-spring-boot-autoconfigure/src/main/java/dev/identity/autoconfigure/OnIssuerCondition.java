package dev.identity.autoconfigure;

import dev.identity.autoconfigure.internal.ConfiguredIssuers;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnIssuer}; its message shows in the conditions
 * report.
 */
class OnIssuerCondition extends SpringBootCondition {

	static final String PROPERTY = "identity.issuer-uri";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Identity issuer");
		if (!ConfiguredIssuers.any(context.getEnvironment())) {
			return ConditionOutcome.noMatch(message.didNotFind("property")
				.items(PROPERTY + " or identity.issuers.<name>.issuer-uri (set it to the "
						+ "OpenID provider's issuer URL to enable the identity client)"));
		}
		String issuer = ConfiguredIssuers.first(context.getEnvironment());
		return ConditionOutcome.match(message.foundExactly((issuer != null) ? "issuer " + issuer
				: ConfiguredIssuers.firstIssuerUriProperty(context.getEnvironment())));
	}

}
