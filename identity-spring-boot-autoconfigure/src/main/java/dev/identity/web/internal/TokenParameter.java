package dev.identity.web.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.identity.claims.ClaimsReader;
import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.web.BearerTokenAccessException;
import dev.identity.web.Claim;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * A handler parameter bound to the request's validated bearer token: a
 * {@link ValidatedToken}, its {@link TokenClaims}, or one {@link Claim @Claim}; each may
 * be {@link Optional} or {@code @Nullable}. Immutable; both web stacks resolve parameters
 * through it, so they bind alike.
 */
public final class TokenParameter {

	private static final List<Class<?>> CLAIM_TYPES = List.of(String.class, List.class, Long.class, Integer.class,
			Boolean.class, Instant.class, Object.class);

	// Parameters are read once per handler; soft references let a restarted application's
	// classes go.
	private static final Map<MethodParameter, TokenParameter> cache = new ConcurrentReferenceHashMap<>();

	private final Kind kind;

	private final String claimName;

	private final Class<?> claimType;

	private final boolean optional;

	private final boolean optionalWrapper;

	private TokenParameter(Kind kind, String claimName, Class<?> claimType, boolean optional, boolean optionalWrapper) {
		this.kind = kind;
		this.claimName = claimName;
		this.claimType = claimType;
		this.optional = optional;
		this.optionalWrapper = optionalWrapper;
	}

	/**
	 * Whether a parameter is bound to the token: a {@link ValidatedToken} or
	 * {@link TokenClaims} (optionally in an {@link Optional}), or a parameter annotated
	 * with {@link Claim @Claim}.
	 * @param parameter the handler parameter
	 * @return whether {@link #of(MethodParameter)} describes it
	 */
	public static boolean supports(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(Claim.class)) {
			return true;
		}
		Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
		return type == ValidatedToken.class || type == TokenClaims.class;
	}

	/**
	 * Describe a parameter for which {@link #supports(MethodParameter)} holds.
	 * @param parameter the handler parameter
	 * @return its description
	 * @throws IllegalStateException when it is a {@code @Claim} of an unsupported type,
	 * or an optional primitive, or has no name to read
	 */
	public static TokenParameter of(MethodParameter parameter) {
		return cache.computeIfAbsent(parameter, TokenParameter::read);
	}

	private static TokenParameter read(MethodParameter parameter) {
		boolean optionalWrapper = parameter.getParameterType() == Optional.class;
		boolean optional = parameter.isOptional();
		Claim claim = parameter.getParameterAnnotation(Claim.class);
		// A parameter that may be absent leaves a request without any bearer token to the
		// handler; a token
		// that is sent must be valid in any case.
		if (claim == null) {
			Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
			Kind kind = (type == ValidatedToken.class) ? Kind.TOKEN : Kind.CLAIMS;
			return new TokenParameter(kind, "", type, optional, optionalWrapper);
		}
		ResolvableType type = ResolvableType.forMethodParameter(parameter);
		if (optionalWrapper) {
			type = type.getGeneric(0);
		}
		Class<?> raw = type.resolve(Object.class);
		if (raw.isPrimitive() && (optional || !claim.required())) {
			throw new IllegalStateException(
					"@Claim parameter " + describe(parameter) + " may be absent, so it cannot be primitive: declare "
							+ ClassUtils.resolvePrimitiveIfNecessary(raw).getSimpleName() + " or Optional");
		}
		Class<?> claimType = ClassUtils.resolvePrimitiveIfNecessary(raw);
		boolean listOfStrings = claimType == List.class && type.getGeneric(0).resolve(String.class) == String.class;
		if (!CLAIM_TYPES.contains(claimType) || (claimType == List.class && !listOfStrings)) {
			throw new IllegalStateException("@Claim parameter " + describe(parameter) + " is a " + type
					+ "; supported: String, List<String>, Long, Integer, Boolean, Instant and Object, "
					+ "each also as Optional");
		}
		String name = claim.value().isEmpty() ? parameter.getParameterName() : claim.value();
		if (name == null || name.isBlank()) {
			throw new IllegalStateException("@Claim parameter " + describe(parameter)
					+ " names no claim and its name is not known: name the claim, or compile with -parameters");
		}
		return new TokenParameter(Kind.CLAIM, name, claimType, optional || !claim.required(), optionalWrapper);
	}

	/**
	 * The argument for the handler.
	 * @param token the request's validated token, or {@code null} when it carries none
	 * @param reader the reader of claims
	 * @return the argument: the token, its claims or a claim, in an {@link Optional} when
	 * the parameter is one; {@code null} when absent
	 * @throws BearerTokenAccessException (401) when there is no token and the parameter
	 * may not be absent, (403) when a required claim is missing or of another type than
	 * the parameter's
	 */
	public @Nullable Object resolve(@Nullable ValidatedToken token, ClaimsReader reader) {
		if (token == null) {
			if (!this.optional) {
				throw BearerTokenAccessException.missingToken();
			}
			return absent();
		}
		if (this.kind == Kind.TOKEN) {
			return present(token);
		}
		TokenClaims claims = reader.read(token);
		if (this.kind == Kind.CLAIMS) {
			return present(claims);
		}
		Object value = claims.claim(this.claimName).orElse(null);
		if (value == null) {
			if (this.optional) {
				return absent();
			}
			throw BearerTokenAccessException.insufficient("claim", null,
					"Token of " + token.getSubject() + " lacks the claim '" + this.claimName + "'");
		}
		Object converted = convert(value);
		if (converted == null) {
			// Absent would hide what the token says; the token does not carry what the
			// handler can use.
			throw BearerTokenAccessException.insufficient("claim", null, "Claim '" + this.claimName
					+ "' of the token of " + token.getSubject() + " is not a " + this.claimType.getSimpleName());
		}
		return present(converted);
	}

	private @Nullable Object absent() {
		return this.optionalWrapper ? Optional.empty() : null;
	}

	private Object present(Object value) {
		return this.optionalWrapper ? Optional.of(value) : value;
	}

	private @Nullable Object convert(Object value) {
		if (this.claimType == Object.class) {
			return value;
		}
		if (this.claimType == String.class || this.claimType == Boolean.class) {
			return this.claimType.isInstance(value) ? value : null;
		}
		if (this.claimType == List.class) {
			return strings(value);
		}
		if (this.claimType == Instant.class) {
			return instant(value);
		}
		BigInteger integer = integer(value);
		if (integer == null) {
			return null;
		}
		if (this.claimType == Long.class) {
			return (integer.bitLength() < Long.SIZE) ? integer.longValue() : null;
		}
		return (integer.bitLength() < Integer.SIZE) ? integer.intValue() : null;
	}

	private static @Nullable List<String> strings(Object value) {
		if (value instanceof String text) {
			return List.of(text);
		}
		if (!(value instanceof Collection<?> items)) {
			return null;
		}
		List<String> strings = new ArrayList<>(items.size());
		for (Object item : items) {
			if (!(item instanceof String text)) {
				return null;
			}
			strings.add(text);
		}
		return Collections.unmodifiableList(strings);
	}

	private static @Nullable BigInteger integer(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			return BigInteger.valueOf(((Number) value).longValue());
		}
		if (value instanceof BigInteger big) {
			return big;
		}
		if (value instanceof Number number && !(value instanceof Boolean)) {
			// 42.0 is the integer 42 in JSON's number model; 42.5 is not an integer.
			try {
				return new BigDecimal(number.toString()).toBigIntegerExact();
			}
			catch (ArithmeticException | NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

	/** A NumericDate (RFC 7519 §2): seconds since the epoch, possibly fractional. */
	private static @Nullable Instant instant(Object value) {
		if (!(value instanceof Number number)) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(number.toString());
			BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
			long nanos = seconds.subtract(whole).movePointRight(9).longValue();
			return Instant.ofEpochSecond(whole.longValueExact(), nanos);
		}
		catch (ArithmeticException | NumberFormatException | DateTimeException ex) {
			return null;
		}
	}

	private static String describe(MethodParameter parameter) {
		String name = parameter.getParameterName();
		return ((name != null) ? "'" + name + "'" : "#" + parameter.getParameterIndex()) + " of "
				+ parameter.getExecutable().toGenericString();
	}

	@Override
	public String toString() {
		return "TokenParameter[" + this.kind + ((this.kind == Kind.CLAIM) ? " '" + this.claimName + "'" : "")
				+ ((this.optional) ? ", optional" : "") + "]";
	}

	private enum Kind {

		TOKEN, CLAIMS, CLAIM

	}

}
