package dev.identity.web.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import dev.identity.claims.TokenClaims;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import dev.identity.web.RequireScope;
import dev.identity.web.WebTestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class HandlerRequirementsTests {

	private static final TokenClaims READER_ADMIN = claims(Map.of("roles", List.of("admin"), "scope", "orders:read"));

	private static final TokenClaims OPERATOR = claims(Map.of("roles", List.of("operator"), "permissions",
			List.of("orders:delete"), "scope", "orders:read orders:write"));

	private static final TokenClaims NOBODY = claims(Map.of());

	@Test
	void ofWhenNoAnnotationThenEmpty() {
		HandlerRequirements requirements = requirements(Plain.class, "open");
		assertThat(requirements.isEmpty()).isTrue();
		assertThatNoException().isThrownBy(() -> requirements.check(NOBODY));
	}

	@Test
	void checkWhenNoTokenThenUnauthorizedWhateverTheRequirements() {
		for (HandlerRequirements requirements : List.of(requirements(Plain.class, "adminOrOperator"),
				HandlerRequirements.allOf())) {
			assertThatExceptionOfType(BearerTokenAccessException.class)
				.isThrownBy(() -> requirements.check(null, WebTestTokens.READER))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED))
				.satisfies((ex) -> assertThat(ex.getChallenge()).startsWith("Bearer error=\"invalid_token\""));
		}
	}

	@Test
	void checkWhenTokenThenItsClaimsHoldEveryRequirement() {
		HandlerRequirements requirements = HandlerRequirements.allOf(TokenRequirement.role("admin"),
				TokenRequirement.scope("orders:read"));
		assertThatNoException().isThrownBy(() -> requirements.check(
				WebTestTokens.token(Map.of("roles", List.of("admin"), "scope", "orders:read")), WebTestTokens.READER));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(
				() -> requirements.check(WebTestTokens.token(Map.of("roles", List.of("admin"))), WebTestTokens.READER))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.FORBIDDEN));
		assertThatNoException()
			.isThrownBy(() -> HandlerRequirements.allOf().check(WebTestTokens.token(Map.of()), WebTestTokens.READER));
	}

	@Test
	void checkWhenTokenHasOneOfTheRolesThenPasses() {
		HandlerRequirements requirements = requirements(Plain.class, "adminOrOperator");
		assertThat(requirements.isEmpty()).isFalse();
		assertThatNoException().isThrownBy(() -> requirements.check(READER_ADMIN));
		assertThatNoException().isThrownBy(() -> requirements.check(OPERATOR));
	}

	@Test
	void checkWhenTokenHasNoneOfTheRolesThenForbiddenWithoutScopeAttribute() {
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> requirements(Plain.class, "adminOrOperator").check(NOBODY))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.getChallenge()).contains("error=\"insufficient_scope\"")
				.doesNotContain("scope=\"")
				.doesNotContain("admin"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("roles [admin, operator]"));
	}

	@Test
	void checkWhenPermissionMissingThenForbidden() {
		HandlerRequirements requirements = requirements(Plain.class, "delete");
		assertThatNoException().isThrownBy(() -> requirements.check(OPERATOR));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> requirements.check(READER_ADMIN))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("permissions [orders:delete]"));
	}

	@Test
	void checkWhenSingleScopeMissingThenChallengeNamesIt() {
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> requirements(Plain.class, "write").check(READER_ADMIN))
			.satisfies((ex) -> assertThat(ex.getChallenge()).contains("scope=\"orders:write\""));
		assertThatNoException().isThrownBy(() -> requirements(Plain.class, "write").check(OPERATOR));
	}

	@Test
	void checkWhenOneOfSeveralScopesMissingThenChallengeNamesNone() {
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> requirements(Plain.class, "writeOrAdmin").check(NOBODY))
			.satisfies((ex) -> assertThat(ex.getChallenge()).doesNotContain("scope=\""));
	}

	@Test
	void checkWhenClassAndMethodAnnotatedThenBothMustHold() {
		HandlerRequirements requirements = requirements(Annotated.class, "write");
		// Operator: orders:read from the class and orders:write from the method.
		assertThatNoException().isThrownBy(() -> requirements.check(OPERATOR));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> requirements.check(READER_ADMIN));
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> requirements(Annotated.class, "open").check(NOBODY));
		assertThatNoException().isThrownBy(() -> requirements(Annotated.class, "open").check(READER_ADMIN));
	}

	@Test
	void checkWhenMethodRequiresAnotherKindThanClassThenBothMustHold() {
		HandlerRequirements requirements = requirements(Annotated.class, "admin");
		assertThatNoException().isThrownBy(() -> requirements.check(READER_ADMIN));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> requirements.check(OPERATOR));
	}

	@Test
	void ofWhenMetaAnnotatedThenRequirementFound() {
		HandlerRequirements requirements = requirements(Plain.class, "composed");
		assertThat(requirements.isEmpty()).isFalse();
		assertThatNoException().isThrownBy(() -> requirements.check(READER_ADMIN));
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> requirements.check(OPERATOR));
	}

	@Test
	void ofWhenTwoComposedAnnotationsThenBothMustHold() {
		HandlerRequirements requirements = requirements(Plain.class, "adminAndAuditor");
		// READER_ADMIN has the admin role but not the auditor one: the second annotation
		// must not vanish.
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> requirements.check(READER_ADMIN));
		assertThatNoException()
			.isThrownBy(() -> requirements.check(claims(Map.of("roles", List.of("admin", "auditor")))));
	}

	@Test
	void ofWhenDirectAndComposedAnnotationThenBothMustHold() {
		HandlerRequirements requirements = requirements(Plain.class, "adminAndDirectAuditor");
		assertThatExceptionOfType(BearerTokenAccessException.class).isThrownBy(() -> requirements.check(READER_ADMIN));
	}

	@Test
	void ofWhenAnnotationOnSuperclassThenInherited() {
		assertThatExceptionOfType(BearerTokenAccessException.class)
			.isThrownBy(() -> requirements(Sub.class, "open").check(NOBODY));
	}

	@Test
	void ofWhenNoValueListedThenIllegalState() {
		assertThatIllegalStateException().isThrownBy(() -> requirements(Plain.class, "nothing"))
			.withMessageContaining("No role");
		assertThatIllegalStateException().isThrownBy(() -> requirements(Plain.class, "blank"))
			.withMessageContaining("blank scope");
	}

	@Test
	void ofWhenSameHandlerThenSameInstance() {
		assertThat(requirements(Plain.class, "write")).isSameAs(requirements(Plain.class, "write"));
	}

	private static HandlerRequirements requirements(Class<?> type, String name) {
		for (Method method : type.getMethods()) {
			if (method.getName().equals(name)) {
				return HandlerRequirements.of(type, method);
			}
		}
		throw new IllegalArgumentException(name);
	}

	private static TokenClaims claims(Map<String, Object> claims) {
		return WebTestTokens.READER.read(WebTestTokens.token(claims));
	}

	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("admin")
	@interface AdminOnly {

	}

	@Target({ ElementType.METHOD, ElementType.TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@RequireRole("auditor")
	@interface AuditorOnly {

	}

	public static class Plain {

		public void open() {
		}

		@RequireRole({ "admin", "operator" })
		public void adminOrOperator() {
		}

		@RequirePermission("orders:delete")
		public void delete() {
		}

		@RequireScope("orders:write")
		public void write() {
		}

		@RequireScope({ "orders:write", "orders:admin" })
		public void writeOrAdmin() {
		}

		@AdminOnly
		public void composed() {
		}

		@AdminOnly
		@AuditorOnly
		public void adminAndAuditor() {
		}

		@AdminOnly
		@RequireRole("auditor")
		public void adminAndDirectAuditor() {
		}

		@RequireRole({})
		public void nothing() {
		}

		@RequireScope({ "orders:read", " " })
		public void blank() {
		}

	}

	@RequireScope("orders:read")
	public static class Annotated {

		public void open() {
		}

		@RequireScope("orders:write")
		public void write() {
		}

		@RequireRole("admin")
		public void admin() {
		}

	}

	public static class Sub extends Annotated {

	}

}
