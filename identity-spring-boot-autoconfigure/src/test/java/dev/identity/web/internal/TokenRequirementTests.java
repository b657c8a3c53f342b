package dev.identity.web.internal;

import java.util.List;
import java.util.Map;

import dev.identity.claims.TokenClaims;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.WebTestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TokenRequirementTests {

	private static final TokenClaims OPERATOR = WebTestTokens.READER.read(WebTestTokens
		.token(Map.of("roles", List.of("operator"), "permissions", List.of("orders:delete"), "scope", "orders:read")));

	@Test
	void checkWhenClaimsHoldOneOfTheValuesThenPasses() {
		assertThatNoException().isThrownBy(() -> TokenRequirement.role("admin", "operator").check(OPERATOR));
		assertThatNoException().isThrownBy(() -> TokenRequirement.permission("orders:delete").check(OPERATOR));
		assertThatNoException().isThrownBy(() -> TokenRequirement.scope("orders:read").check(OPERATOR));
	}

	@Test
	void checkWhenClaimsHoldNoneThenForbiddenNamingTheKindOnly() {
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> TokenRequirement.permission("orders:write").check(OPERATOR))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.getDescription())
				.isEqualTo("the token lacks a permission this resource requires"))
			.satisfies((ex) -> assertThat(ex.getChallenge()).doesNotContain("orders:write"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("permissions [orders:write]"));
	}

	@Test
	void ofWhenNoValueOrBlankValueThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(TokenRequirement::role).withMessageContaining("No role");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenRequirement.scope("read", " "))
			.withMessageContaining("blank scope");
	}

}
