package dev.identity.web.servlet;

import java.util.List;

import dev.identity.claims.ClaimsReader;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the token parameters and the requirement check to Spring MVC; both share one
 * {@link RequestTokens}, so a request's token is validated once.
 */
final class IdentityWebMvcConfigurer implements WebMvcConfigurer {

	private final RequestTokens tokens;

	private final ClaimsReader claimsReader;

	IdentityWebMvcConfigurer(RequestTokens tokens, ClaimsReader claimsReader) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new TokenArgumentResolver(this.tokens, this.claimsReader));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new TokenRequirementsInterceptor(this.tokens, this.claimsReader));
	}

}
