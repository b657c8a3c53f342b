package dev.identity.core.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LogSafeText}: values from outside enter messages and logs without characters
 * that break or fake a line, and bounded.
 */
class LogSafeTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029",
			"\u202a", "\u202e", "\u2066", "\u2069" })
	void ofWhenControlOrLineOrBidiCharacterThenReplaced(String character) {
		assertThat(LogSafeText.of("a" + character + "b", 64)).isEqualTo("a?b");
	}

	@Test
	void ofWhenOrdinaryTextThenUnchanged() {
		assertThat(LogSafeText.of("kid-1 é ✓ 鍵", 64)).isEqualTo("kid-1 é ✓ 鍵");
	}

	@Test
	void ofWhenQuotesBackslashesAndNonAsciiThenKept() {
		// A provider's localized error_description stays readable; quotes cannot break a
		// log line.
		assertThat(LogSafeText.of("l'accès est \"refusé\" \\ ключ", 64)).isEqualTo("l'accès est \"refusé\" \\ ключ");
	}

	@Test
	void ofWhenLongerThanLimitThenCut() {
		assertThat(LogSafeText.of("abcdef", 3)).isEqualTo("abc...");
		assertThat(LogSafeText.of("abc", 3)).isEqualTo("abc");
	}

	@Test
	void ofWhenLongTextAndNoLimitGivenThenCutAtDefaultLimit() {
		String cut = LogSafeText.of("x".repeat(10_000));
		assertThat(cut).hasSize(LogSafeText.DEFAULT_LIMIT + 3).endsWith("...");
	}

	@Test
	void ofWhenLineBreakBeyondTheLimitThenCutBeforeIt() {
		assertThat(LogSafeText.of("ok\nINFO forged", 2)).isEqualTo("ok...");
	}

	@Test
	void ofWhenCutWouldSplitASurrogatePairThenPairDropped() {
		String withEmoji = "ab\uD83D\uDE00cd";
		assertThat(LogSafeText.of(withEmoji, 3)).isEqualTo("ab...");
		assertThat(LogSafeText.of(withEmoji, 4)).isEqualTo("ab\uD83D\uDE00...");
	}

	@Test
	void ofWhenNullThenTheWordNull() {
		assertThat(LogSafeText.of(null)).isEqualTo("null");
		assertThat(LogSafeText.of(null, 10)).isEqualTo("null");
	}

	@Test
	void ofWhenEmptyOrZeroLimitThenEmptyOrOnlyMark() {
		assertThat(LogSafeText.of("", 5)).isEmpty();
		assertThat(LogSafeText.of("abc", 0)).isEqualTo("...");
	}

	@Test
	void ofWhenLimitNegativeThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogSafeText.of("abc", -1));
	}

}
