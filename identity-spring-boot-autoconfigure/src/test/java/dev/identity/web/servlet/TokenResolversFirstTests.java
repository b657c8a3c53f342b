package dev.identity.web.servlet;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;

class TokenResolversFirstTests {

	@Test
	void userResolverWhenNamedThenTheBrowserLoginResolverExists() throws Exception {
		// The browser login's resolver is named, not typed (it is package-private
		// elsewhere): a rename
		// must not silently leave it behind Spring's own resolvers.
		Field name = TokenResolversFirst.class.getDeclaredField("USER_RESOLVER");
		name.setAccessible(true);
		Class<?> resolver = Class.forName((String) name.get(null));
		assertThat(HandlerMethodArgumentResolver.class).isAssignableFrom(resolver);
	}

}
