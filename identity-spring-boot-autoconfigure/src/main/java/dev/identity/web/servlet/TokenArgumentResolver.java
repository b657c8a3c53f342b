package dev.identity.web.servlet;

import dev.identity.claims.ClaimsReader;
import dev.identity.web.internal.TokenParameter;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link dev.identity.core.ValidatedToken},
 * {@link dev.identity.claims.TokenClaims} and {@link dev.identity.web.Claim @Claim}
 * handler parameters from the request's bearer token.
 */
final class TokenArgumentResolver implements HandlerMethodArgumentResolver {

	private final RequestTokens tokens;

	private final ClaimsReader claimsReader;

	TokenArgumentResolver(RequestTokens tokens, ClaimsReader claimsReader) {
		this.tokens = tokens;
		this.claimsReader = claimsReader;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return TokenParameter.supports(parameter);
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
		return TokenParameter.of(parameter).resolve(this.tokens.find(webRequest), this.claimsReader);
	}

}
