package dev.identity.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Each benchmark thread's position in the token list: every call takes the next token,
 * round and round. Threads start at random positions, so that with {@code -t N} they do
 * not validate the same token at the same moment.
 */
@State(Scope.Thread)
public class TokenCursor {

	private int next = -1;

	/**
	 * The index of the next token.
	 * @param count how many tokens there are
	 * @return an index below {@code count}
	 */
	int next(int count) {
		int index = this.next;
		if (index < 0 || index >= count) {
			index = ThreadLocalRandom.current().nextInt(count);
		}
		this.next = (index + 1 == count) ? 0 : index + 1;
		return index;
	}

}
