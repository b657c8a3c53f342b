package dev.identity.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TokenVerifier#printable(String, int)}: values from outside enter messages and
 * logs without characters that break or fake a line, and bounded.
 */
class PrintableTests {

	@ParameterizedTest
	@ValueSource(strings = { "\n", "\r", "\t", "\u001b", "\u007f", "\u0085", "\u009b", "\u2028", "\u2029", "\u202e",
			"\u2066", "\u2069" })
	void printableWhenControlOrLineOrBidiCharacterThenReplaced(String character) {
		assertThat(TokenVerifier.printable("a" + character + "b", 64)).isEqualTo("a?b");
	}

	@Test
	void printableWhenOrdinaryTextThenUnchanged() {
		assertThat(TokenVerifier.printable("kid-1 é ✓ 鍵", 64)).isEqualTo("kid-1 é ✓ 鍵");
	}

	@Test
	void printableWhenLongerThanLimitThenCut() {
		assertThat(TokenVerifier.printable("abcdef", 3)).isEqualTo("abc...");
	}

	@Test
	void printableWhenCutWouldSplitASurrogatePairThenPairDropped() {
		String withEmoji = "ab\uD83D\uDE00cd";
		assertThat(TokenVerifier.printable(withEmoji, 3)).isEqualTo("ab...");
		assertThat(TokenVerifier.printable(withEmoji, 4)).isEqualTo("ab\uD83D\uDE00...");
	}

}
