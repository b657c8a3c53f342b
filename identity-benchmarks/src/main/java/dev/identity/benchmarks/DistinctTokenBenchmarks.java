package dev.identity.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.cache.ValidationCacheStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Validation of distinct access tokens, one after another, for each algorithm: RS256
 * (RSA-2048) and ES256 (P-256). The JCA signature check alone ({@code floor}; for ES256
 * {@code SHA256withECDSAinP1363Format}, as JOSE signatures are R||S), Spring Security's
 * {@code NimbusJwtDecoder}, and the three clients. Every method validates the same
 * pre-signed tokens with the same key, without I/O.
 *
 * @see Validators
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Threads(1)
public class DistinctTokenBenchmarks {

	/** The validators and the tokens, set up (with all I/O) before measurement. */
	@State(Scope.Benchmark)
	public static class Subjects {

		/**
		 * How many distinct tokens are cycled through: far more than the engine's
		 * validated-token cache holds here ({@link Validators#MISSING_CACHE}), so that
		 * each validation misses it.
		 */
		@Param("4096")
		public int tokens;

		/** The signing algorithm: a {@code SigningKey} name. */
		@Param({ "RS256", "ES256" })
		public String algorithm;

		Validators validators;

		SignedTokens signed;

		@Setup(Level.Trial)
		public void setUp() throws Exception {
			this.validators = Validators.start(SigningKey.valueOf(this.algorithm), Validators.MISSING_CACHE);
			this.validators.warm();
			this.signed = this.validators.sign(1, this.tokens);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			try {
				// Distinct tokens must measure misses only: a hit would skip the
				// signature check and flatter the clients.
				ValidationCacheStats cache = this.validators.cacheSinceWarm();
				System.out.println("validated-token cache during the run: " + cache.hits() + " hits (must be 0), "
						+ cache.misses() + " misses");
				if (cache.hits() != 0) {
					System.err.println("WARNING: the validated-token cache answered " + cache.hits()
							+ " validation(s): the measurement included hits");
				}
			}
			finally {
				this.validators.close();
			}
		}

		String next(TokenCursor cursor) {
			return this.signed.token(cursor.next(this.tokens));
		}

	}

	@Benchmark
	public boolean floor(Subjects subjects, TokenCursor cursor) throws GeneralSecurityException {
		return subjects.validators.floor(subjects.signed, cursor.next(subjects.tokens));
	}

	@Benchmark
	public Jwt nimbusJwtDecoder(Subjects subjects, TokenCursor cursor) {
		return subjects.validators.nimbusJwtDecoder().decode(subjects.next(cursor));
	}

	@Benchmark
	public ValidatedToken oauthClient(Subjects subjects, TokenCursor cursor) {
		return subjects.validators.oauthClient().validate(subjects.next(cursor));
	}

	@Benchmark
	public ValidatedToken reactiveOAuthClient(Subjects subjects, TokenCursor cursor) {
		return subjects.validators.reactiveOAuthClient().validate(subjects.next(cursor)).block();
	}

	@Benchmark
	public ValidatedToken smartOAuthClient(Subjects subjects, TokenCursor cursor) {
		return subjects.validators.smartOAuthClient().validate(subjects.next(cursor));
	}

}
