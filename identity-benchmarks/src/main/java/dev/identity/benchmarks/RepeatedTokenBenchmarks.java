package dev.identity.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import dev.identity.core.ValidatedToken;
import dev.identity.engine.internal.EngineSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Validation of one RS256 access token again and again, as a client that calls several
 * times with the same token causes: {@code OAuthClient} against {@code NimbusJwtDecoder},
 * with the JCA signature check alone ({@code floor}) for scale. Same key and token shape
 * as {@link DistinctTokenBenchmarks} (RS256); any reuse of an earlier result by a
 * validator shows here, and only here.
 *
 * @see Validators
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Threads(1)
public class RepeatedTokenBenchmarks {

	/** The validators and the one token, set up (with all I/O) before measurement. */
	@State(Scope.Benchmark)
	public static class Subjects {

		Validators validators;

		SignedTokens signed;

		String token;

		@Setup(Level.Trial)
		public void setUp() throws Exception {
			this.validators = Validators.start(SigningKey.RS256, EngineSettings.TokenCacheSettings.DEFAULT);
			this.validators.warm();
			this.signed = this.validators.sign(2, 1);
			this.token = this.signed.token(0);
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.validators.close();
		}

	}

	@Benchmark
	public boolean floor(Subjects subjects) throws GeneralSecurityException {
		return subjects.validators.floor(subjects.signed, 0);
	}

	@Benchmark
	public Jwt nimbusJwtDecoder(Subjects subjects) {
		return subjects.validators.nimbusJwtDecoder().decode(subjects.token);
	}

	@Benchmark
	public ValidatedToken oauthClient(Subjects subjects) {
		return subjects.validators.oauthClient().validate(subjects.token);
	}

	/**
	 * The same client over two issuers: the token is routed to its issuer's engine first
	 * (the other issuer is declared first).
	 * @param subjects the validators
	 * @return the token
	 */
	@Benchmark
	public ValidatedToken oauthClientOfTwoIssuers(Subjects subjects) {
		return subjects.validators.oauthClientOfTwoIssuers().validate(subjects.token);
	}

}
