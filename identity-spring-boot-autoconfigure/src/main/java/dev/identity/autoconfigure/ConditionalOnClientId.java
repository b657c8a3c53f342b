package dev.identity.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the first issuer declared has a client id: {@code identity.client-id}, or
 * that issuer's own {@code identity.issuers.<name>.client-id}. The browser login and the
 * client-credentials customizers act as that client.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnClientIdCondition.class)
public @interface ConditionalOnClientId {

}
