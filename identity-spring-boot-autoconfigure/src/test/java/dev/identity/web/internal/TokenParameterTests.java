package dev.identity.web.internal;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.Claim;
import dev.identity.web.WebTestTokens;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.SynthesizingMethodParameter;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TokenParameterTests {

	private static final ValidatedToken TOKEN = WebTestTokens.token(Map.of("tenant", "acme", "groups",
			List.of("staff", "ops"), "level", 7, "big", 3_000_000_000L, "verified", true, "since", 1_900_000_000.25,
			"realm_access", Map.of("roles", List.of("admin")), "mixed", List.of("a", 1), "ratio", 0.5, "whole", 42.0));

	@Test
	void supportsWhenTokenClaimsOrClaimThenTrue() {
		assertThat(TokenParameter.supports(parameter("token", 0))).isTrue();
		assertThat(TokenParameter.supports(parameter("token", 1))).isTrue();
		assertThat(TokenParameter.supports(parameter("token", 2))).isTrue();
		assertThat(TokenParameter.supports(parameter("token", 3))).isTrue();
		assertThat(TokenParameter.supports(parameter("token", 4))).isTrue();
		assertThat(TokenParameter.supports(parameter("claims", 0))).isTrue();
	}

	@Test
	void supportsWhenOtherParameterThenFalse() {
		assertThat(TokenParameter.supports(parameter("token", 5))).isFalse();
		assertThat(TokenParameter.supports(parameter("token", 6))).isFalse();
	}

	@Test
	void resolveWhenTokenParameterThenTheTokenOrItsClaims() {
		assertThat(resolve("token", 0, TOKEN)).isSameAs(TOKEN);
		assertThat(resolve("token", 1, TOKEN)).isEqualTo(Optional.of(TOKEN));
		assertThat(resolve("token", 2, TOKEN)).isSameAs(TOKEN);
		assertThat(resolve("token", 3, TOKEN)).isInstanceOfSatisfying(TokenClaims.class,
				(claims) -> assertThat(claims.getToken()).isSameAs(TOKEN));
		assertThat(resolve("token", 4, TOKEN)).isInstanceOfSatisfying(Optional.class,
				(claims) -> assertThat(claims).containsInstanceOf(TokenClaims.class));
	}

	@Test
	void resolveWhenNoTokenAndParameterRequiredThenUnauthorized() {
		for (String method : List.of("token", "claims")) {
			assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve(method, 0, null))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED))
				.satisfies((ex) -> assertThat(ex.getChallenge()).contains("error=\"invalid_token\""));
		}
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve("token", 3, null));
	}

	@Test
	void resolveWhenNoTokenAndParameterMayBeAbsentThenEmpty() {
		assertThat(resolve("token", 1, null)).isEqualTo(Optional.empty());
		assertThat(resolve("token", 2, null)).isNull();
		assertThat(resolve("token", 4, null)).isEqualTo(Optional.empty());
		assertThat(resolve("optionalClaims", 0, null)).isNull();
		assertThat(resolve("optionalClaims", 1, null)).isEqualTo(Optional.empty());
		assertThat(resolve("optionalClaims", 2, null)).isNull();
	}

	@Test
	void resolveWhenClaimPresentThenConvertedToTheParameterType() {
		assertThat(resolve("claims", 0, TOKEN)).isEqualTo("acme");
		assertThat(resolve("claims", 1, TOKEN)).isEqualTo(List.of("staff", "ops"));
		assertThat(resolve("claims", 2, TOKEN)).isEqualTo(3_000_000_000L);
		assertThat(resolve("claims", 3, TOKEN)).isEqualTo(7);
		assertThat(resolve("claims", 4, TOKEN)).isEqualTo(true);
		assertThat(resolve("claims", 5, TOKEN)).isEqualTo(Instant.ofEpochSecond(1_900_000_000L, 250_000_000));
		assertThat(resolve("claims", 6, TOKEN)).isEqualTo(Map.of("roles", List.of("admin")));
		assertThat(resolve("claims", 7, TOKEN)).isEqualTo(7L);
		assertThat(resolve("claims", 10, TOKEN)).isEqualTo(42L);
	}

	@Test
	void resolveWhenSingleStringForListThenOneElementList() {
		assertThat(resolve("claims", 11, TOKEN)).isEqualTo(List.of("acme"));
	}

	@Test
	void resolveWhenClaimNamedByPathThenNestedMember() {
		assertThat(resolve("claims", 9, TOKEN)).isEqualTo(List.of("admin"));
	}

	@Test
	void resolveWhenClaimUnnamedThenParameterNameIsTheClaim() {
		assertThat(resolve("unnamed", 0, TOKEN)).isEqualTo("acme");
	}

	@Test
	void resolveWhenRequiredClaimMissingThenForbiddenInsufficientScope() {
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> resolve("claims", 0, WebTestTokens.token(Map.of())))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("insufficient_scope"))
			.satisfies((ex) -> assertThat(ex.getChallenge()).startsWith("Bearer error=\"insufficient_scope\"")
				.doesNotContain("scope=\""))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("'tenant'"));
	}

	@Test
	void resolveWhenOptionalClaimMissingThenEmpty() {
		ValidatedToken without = WebTestTokens.token(Map.of());
		assertThat(resolve("optionalClaims", 0, without)).isNull();
		assertThat(resolve("optionalClaims", 1, without)).isEqualTo(Optional.empty());
		assertThat(resolve("optionalClaims", 2, without)).isNull();
		assertThat(resolve("optionalClaims", 3, without)).isEqualTo(Optional.empty());
	}

	@Test
	void resolveWhenOptionalClaimPresentThenValue() {
		assertThat(resolve("optionalClaims", 0, TOKEN)).isEqualTo("acme");
		assertThat(resolve("optionalClaims", 1, TOKEN)).isEqualTo(Optional.of("acme"));
		assertThat(resolve("optionalClaims", 3, TOKEN)).isEqualTo(Optional.of(7L));
	}

	@Test
	void resolveWhenClaimOfAnotherTypeThenForbiddenEvenWhenOptional() {
		ValidatedToken token = WebTestTokens.token(Map.of("tenant", 12));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve("claims", 0, token))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("is not a String"));
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> resolve("optionalClaims", 1, token));
	}

	@Test
	void resolveWhenNumberDoesNotFitThenForbidden() {
		ValidatedToken token = WebTestTokens.token(Map.of("level", 3_000_000_000L, "big", 0.5, "since", "yesterday"));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve("claims", 3, token));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve("claims", 2, token));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve("claims", 5, token));
	}

	@Test
	void resolveWhenListHoldsNonStringThenForbidden() {
		ValidatedToken token = WebTestTokens.token(Map.of("groups", List.of("a", 1)));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> resolve("claims", 1, token));
	}

	@Test
	void ofWhenClaimTypeUnsupportedThenIllegalState() {
		assertThatIllegalStateException().isThrownBy(() -> TokenParameter.of(parameter("unsupported", 0)))
			.withMessageContaining("supported: String, List<String>");
		assertThatIllegalStateException().isThrownBy(() -> TokenParameter.of(parameter("unsupported", 1)));
	}

	@Test
	void ofWhenPrimitiveMayBeAbsentThenIllegalState() {
		assertThatIllegalStateException().isThrownBy(() -> TokenParameter.of(parameter("unsupported", 2)))
			.withMessageContaining("cannot be primitive");
	}

	@Test
	void ofWhenSameParameterThenSameDescription() {
		assertThat(TokenParameter.of(parameter("claims", 0))).isSameAs(TokenParameter.of(parameter("claims", 0)));
	}

	private static @Nullable Object resolve(String method, int index, @Nullable ValidatedToken token) {
		return TokenParameter.of(parameter(method, index)).resolve(token, WebTestTokens.READER);
	}

	private static MethodParameter parameter(String name, int index) {
		Method method = Arrays.stream(Handlers.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		MethodParameter parameter = new SynthesizingMethodParameter(method, index);
		parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
		return parameter;
	}

	@SuppressWarnings("unused")
	static class Handlers {

		void token(ValidatedToken token, Optional<ValidatedToken> optionalToken, @Nullable ValidatedToken nullableToken,
				TokenClaims claims, Optional<TokenClaims> optionalClaims, String notOurs, Object other) {
		}

		void claims(@Claim("tenant") String tenant, @Claim("groups") List<String> groups, @Claim("big") Long big,
				@Claim("level") Integer level, @Claim("verified") Boolean verified, @Claim("since") Instant since,
				@Claim("realm_access") Object realmAccess, @Claim("level") long primitive,
				@Claim("missing") @Nullable String unused, @Claim("realm_access.roles") List<String> nested,
				@Claim("whole") Long whole, @Claim("tenant") List<String> single) {
		}

		void unnamed(@Claim String tenant) {
		}

		void optionalClaims(@Claim(value = "tenant", required = false) String notRequired,
				@Claim("tenant") Optional<String> optional, @Claim("tenant") @Nullable String nullable,
				@Claim("level") Optional<Long> optionalLong) {
		}

		void unsupported(@Claim("x") Map<String, Object> map, @Claim("x") List<Integer> integers,
				@Claim(value = "x", required = false) long primitive) {
		}

	}

}
