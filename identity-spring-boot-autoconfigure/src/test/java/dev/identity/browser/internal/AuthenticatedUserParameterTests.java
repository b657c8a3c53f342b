package dev.identity.browser.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

import dev.identity.browser.LoginRequiredException;
import dev.identity.login.AuthenticatedUser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.SynthesizingMethodParameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one rule both web stacks' {@link AuthenticatedUser} argument resolvers follow; the
 * web tests of each stack check it end to end with a logged-in user.
 */
class AuthenticatedUserParameterTests {

	@Test
	void supportsWhenUserOrOptionalUserThenTrue() {
		assertThat(AuthenticatedUserParameter.supports(parameter(0))).isTrue();
		assertThat(AuthenticatedUserParameter.supports(parameter(1))).isTrue();
		assertThat(AuthenticatedUserParameter.supports(parameter(2))).isTrue();
	}

	@Test
	void supportsWhenOtherTypeThenFalse() {
		assertThat(AuthenticatedUserParameter.supports(parameter(3))).isFalse();
		assertThat(AuthenticatedUserParameter.supports(parameter(4))).isFalse();
	}

	@Test
	void resolveWhenNobodyAndOptionalParameterThenEmpty() {
		assertThat(AuthenticatedUserParameter.resolve(parameter(1), null)).isEqualTo(Optional.empty());
	}

	@Test
	void resolveWhenNobodyAndNullableParameterThenNull() {
		assertThat(AuthenticatedUserParameter.resolve(parameter(2), null)).isNull();
	}

	@Test
	void resolveWhenNobodyAndRequiredParameterThenLoginRequired() {
		assertThatExceptionOfType(LoginRequiredException.class)
			.isThrownBy(() -> AuthenticatedUserParameter.resolve(parameter(0), null));
	}

	private static MethodParameter parameter(int index) {
		Method method = Arrays.stream(Handlers.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals("user"))
			.findFirst()
			.orElseThrow();
		MethodParameter parameter = new SynthesizingMethodParameter(method, index);
		parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
		return parameter;
	}

	static class Handlers {

		void user(AuthenticatedUser required, Optional<AuthenticatedUser> optional,
				@Nullable AuthenticatedUser nullable, String other, Optional<String> otherOptional) {
		}

	}

}
