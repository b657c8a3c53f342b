package dev.identity.claims;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.identity.core.IdentityException;
import dev.identity.core.ValidatedToken;
import org.junit.jupiter.api.Test;

import static dev.identity.claims.ClaimsTestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Feature flags as plain JSON values and as Kinde's typed objects, with defaults and type
 * errors.
 */
class TokenClaimsFeatureFlagTests {

	private static final ClaimsReader READER = ClaimsReader.of(ClaimsPreset.GENERIC);

	private static TokenClaims flags(Map<String, Object> flags) {
		return READER.read(token(Map.of("feature_flags", flags)));
	}

	private static TokenClaims flags(ClaimsReader reader, Map<String, Object> flags) {
		return reader.read(token(Map.of("feature_flags", flags)));
	}

	private static Map<String, Object> kinde(String type, Object value) {
		return Map.of("t", type, "v", value);
	}

	@Test
	void isFeatureEnabledWhenPlainBooleanThenValue() {
		TokenClaims claims = flags(Map.of("dark_mode", true, "beta", false));
		assertThat(claims.isFeatureEnabled("dark_mode")).isTrue();
		assertThat(claims.isFeatureEnabled("beta")).isFalse();
	}

	@Test
	void isFeatureEnabledWhenKindeBooleanThenValue() {
		TokenClaims claims = flags(Map.of("dark_mode", kinde("b", true), "beta", kinde("b", false)));
		assertThat(claims.isFeatureEnabled("dark_mode")).isTrue();
		assertThat(claims.isFeatureEnabled("beta")).isFalse();
	}

	@Test
	void isFeatureEnabledWhenAbsentThenFalse() {
		assertThat(flags(Map.of()).isFeatureEnabled("dark_mode")).isFalse();
		assertThat(READER.read(token()).isFeatureEnabled("dark_mode")).isFalse();
	}

	@Test
	void getStringFlagWhenPlainAndKindeThenValue() {
		TokenClaims claims = flags(Map.of("theme", "dark", "font", kinde("s", "serif")));
		assertThat(claims.getStringFlag("theme", "light")).isEqualTo("dark");
		assertThat(claims.getStringFlag("font", "sans")).isEqualTo("serif");
	}

	@Test
	void getIntegerFlagWhenPlainAndKindeThenValue() {
		TokenClaims claims = flags(Map.of("limit", 5, "quota", kinde("i", 12)));
		assertThat(claims.getIntegerFlag("limit", 0)).isEqualTo(5);
		assertThat(claims.getIntegerFlag("quota", 0)).isEqualTo(12);
	}

	@Test
	void getJsonFlagWhenPlainAndKindeObjectThenReadOnlyMap() {
		TokenClaims claims = flags(
				Map.of("banner", Map.of("color", "blue"), "layout", kinde("j", Map.of("columns", 3))));
		assertThat(claims.getJsonFlag("banner", Map.of())).containsExactly(Map.entry("color", "blue"));
		Map<String, Object> layout = claims.getJsonFlag("layout", Map.of());
		assertThat(layout).containsExactly(Map.entry("columns", 3));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> layout.put("columns", 4));
	}

	@Test
	void featureFlagWhenObjectHasKindeKeysAndMoreThenPlainObject() {
		Map<String, Object> value = Map.of("t", "b", "v", true, "note", "plain");
		assertThat(flags(Map.of("settings", value)).getJsonFlag("settings", Map.of())).isEqualTo(value);
	}

	@Test
	void featureFlagWhenTypedThenLongDoubleListAndObject() {
		TokenClaims claims = flags(
				Map.of("big", 5_000_000_000L, "ratio", 0.25, "whole", 2, "tiers", List.of("gold", "silver")));
		assertThat(claims.featureFlag("big", Long.class)).contains(5_000_000_000L);
		assertThat(claims.featureFlag("whole", Long.class)).contains(2L);
		assertThat(claims.featureFlag("ratio", Double.class)).contains(0.25);
		assertThat(claims.featureFlag("whole", Double.class)).contains(2.0);
		assertThat(claims.featureFlag("tiers", List.class)).contains(List.of("gold", "silver"));
		assertThat(claims.featureFlag("ratio", Object.class)).contains(0.25);
		assertThat(claims.featureFlag("missing", Object.class)).isEmpty();
	}

	@Test
	void featureFlagWhenPrimitiveTypeThenBoxedValue() {
		TokenClaims claims = flags(Map.of("limit", 5, "on", true));
		assertThat(claims.featureFlag("limit", int.class, 0)).isEqualTo(5);
		assertThat(claims.featureFlag("on", boolean.class, false)).isTrue();
	}

	@Test
	void featureFlagWhenWrongTypeThenExceptionNamesFlagAndTypes() {
		TokenClaims claims = flags(Map.of("dark_mode", "yes-please"));
		FeatureFlagTypeException ex = catchThrowableOfType(FeatureFlagTypeException.class,
				() -> claims.isFeatureEnabled("dark_mode"));
		assertThat(ex).isInstanceOf(IdentityException.class)
			.hasMessage("Feature flag 'dark_mode' is of JSON type string, not Boolean as requested")
			.hasMessageNotContaining("yes-please");
		assertThat(ex.getFlagName()).isEqualTo("dark_mode");
		assertThat(ex.getExpectedType()).isEqualTo(Boolean.class);
		assertThat(ex.getActualType()).isEqualTo("string");
	}

	@Test
	void featureFlagWhenKindeTypeDiffersFromRequestedThenException() {
		TokenClaims claims = flags(Map.of("limit", kinde("s", "5")));
		FeatureFlagTypeException ex = catchThrowableOfType(FeatureFlagTypeException.class,
				() -> claims.getIntegerFlag("limit", 0));
		assertThat(ex.getExpectedType()).isEqualTo(Integer.class);
		assertThat(ex.getActualType()).isEqualTo("string");
	}

	@Test
	void featureFlagWhenKindeValueContradictsDeclaredTypeThenException() {
		TokenClaims claims = flags(Map.of("dark_mode", kinde("b", "true")));
		assertThatExceptionOfType(FeatureFlagTypeException.class)
			.isThrownBy(() -> claims.getStringFlag("dark_mode", ""))
			.withMessage("Feature flag 'dark_mode' declares Kinde type 'b' (boolean) but is of JSON type string");
	}

	@Test
	void getIntegerFlagWhenOutOfIntRangeThenException() {
		TokenClaims claims = flags(Map.of("big", 5_000_000_000L));
		assertThatExceptionOfType(FeatureFlagTypeException.class).isThrownBy(() -> claims.getIntegerFlag("big", 0))
			.withMessage("Feature flag 'big' is of JSON type integer out of range, not Integer as requested");
	}

	@Test
	void featureFlagWhenIntegerBeyondLongThenException() {
		TokenClaims claims = flags(Map.of("huge", new BigInteger("100000000000000000000")));
		assertThatExceptionOfType(FeatureFlagTypeException.class)
			.isThrownBy(() -> claims.featureFlag("huge", Long.class, 0L))
			.withMessage("Feature flag 'huge' is of JSON type integer out of range, not Long as requested");
		assertThat(claims.featureFlag("huge", Double.class)).contains(1.0E20);
	}

	@Test
	void getIntegerFlagWhenDecimalThenException() {
		TokenClaims claims = flags(Map.of("limit", 2.5));
		assertThatExceptionOfType(FeatureFlagTypeException.class).isThrownBy(() -> claims.getIntegerFlag("limit", 0))
			.satisfies((ex) -> assertThat(ex.getActualType()).isEqualTo("number"));
	}

	@Test
	void getJsonFlagWhenArrayThenException() {
		TokenClaims claims = flags(Map.of("tiers", List.of("gold")));
		assertThatExceptionOfType(FeatureFlagTypeException.class)
			.isThrownBy(() -> claims.getJsonFlag("tiers", Map.of()))
			.satisfies((ex) -> assertThat(ex.getActualType()).isEqualTo("array"));
	}

	@Test
	void featureFlagWhenAbsentThenConfiguredDefaultBeforeArgument() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.featureFlagDefaults(
					Map.of("dark_mode", "true", "theme", "dark", "limit", "7", "banner", "{\"color\": \"red\"}"))
			.build();
		TokenClaims claims = flags(reader, Map.of());
		assertThat(claims.isFeatureEnabled("dark_mode")).isTrue();
		assertThat(claims.getStringFlag("theme", "light")).isEqualTo("dark");
		assertThat(claims.getIntegerFlag("limit", 1)).isEqualTo(7);
		assertThat(claims.getJsonFlag("banner", Map.of())).containsExactly(Map.entry("color", "red"));
		assertThat(claims.getIntegerFlag("unset", 1)).isEqualTo(1);
	}

	@Test
	void featureFlagWhenTokenHasValueThenConfiguredDefaultIgnored() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.featureFlagDefaults(Map.of("dark_mode", "true"))
			.build();
		assertThat(flags(reader, Map.of("dark_mode", false)).isFeatureEnabled("dark_mode")).isFalse();
	}

	@Test
	void featureFlagWhenNullInTokenThenDefault() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.featureFlagDefaults(Map.of("limit", "3"))
			.build();
		Map<String, Object> kindeNull = new HashMap<>();
		kindeNull.put("t", "i");
		kindeNull.put("v", null);
		assertThat(flags(reader, Map.of("limit", kindeNull)).getIntegerFlag("limit", 1)).isEqualTo(3);
		Map<String, Object> plainNull = new HashMap<>();
		plainNull.put("limit", null);
		assertThat(flags(plainNull).getIntegerFlag("limit", 1)).isEqualTo(1);
	}

	@Test
	void featureFlagWhenConfiguredDefaultOfWrongTypeThenExceptionNamesProperty() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.featureFlagDefaults(Map.of("dark_mode", "yes", "limit", "7.5"))
			.build();
		TokenClaims claims = flags(reader, Map.of());
		assertThatExceptionOfType(FeatureFlagTypeException.class).isThrownBy(() -> claims.isFeatureEnabled("dark_mode"))
			.withMessage("Default of feature flag 'dark_mode' in identity.claims.feature-flags.defaults cannot be read "
					+ "as Boolean");
		assertThatExceptionOfType(FeatureFlagTypeException.class).isThrownBy(() -> claims.getIntegerFlag("limit", 0))
			.satisfies((ex) -> assertThat(ex.getExpectedType()).isEqualTo(Integer.class));
	}

	@Test
	void featureFlagWhenConfiguredDefaultHasTrailingTextThenException() {
		ClaimsReader reader = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build())
			.featureFlagDefaults(Map.of("limit", "7 days"))
			.build();
		assertThatExceptionOfType(FeatureFlagTypeException.class)
			.isThrownBy(() -> flags(reader, Map.of()).getIntegerFlag("limit", 0));
	}

	@Test
	void featureFlagWhenSeveralClaimsThenFirstHoldingTheFlagWins() {
		ClaimsReader reader = ClaimsReader.withClaimNames(
				ClaimNames.withPreset(ClaimsPreset.GENERIC).featureFlags(List.of("app.flags", "feature_flags")).build())
			.build();
		ValidatedToken token = token(Map.of("app", Map.of("flags", Map.of("theme", "dark")), "feature_flags",
				Map.of("theme", "light", "beta", true)));
		TokenClaims claims = reader.read(token);
		assertThat(claims.getStringFlag("theme", "")).isEqualTo("dark");
		assertThat(claims.isFeatureEnabled("beta")).isTrue();
	}

	@Test
	void featureFlagWhenFlagsClaimNotAnObjectThenDefault() {
		TokenClaims claims = READER.read(token(Map.of("feature_flags", List.of("dark_mode"))));
		assertThat(claims.isFeatureEnabled("dark_mode")).isFalse();
	}

	@Test
	void featureFlagDefaultsWhenBlankNameThenRejected() {
		ClaimsReader.Builder builder = ClaimsReader.withClaimNames(ClaimNames.withPreset(ClaimsPreset.GENERIC).build());
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> builder.featureFlagDefaults(Map.of(" ", "true")));
	}

}
