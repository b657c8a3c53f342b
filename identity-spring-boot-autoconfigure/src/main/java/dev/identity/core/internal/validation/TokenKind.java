package dev.identity.core.internal.validation;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.identity.core.TokenContent;
import dev.identity.core.internal.LogSafeText;
import org.jspecify.annotations.Nullable;

/**
 * Whether a JWT is an access token, and not an OpenID Connect ID token or another kind of
 * JWT signed by the same provider (RFC 9068 §4, RFC 8725 §3.11 and §3.12). A resource
 * server that accepted ID tokens would let any client that received a user's ID token
 * (every relying party of the provider) call the API as that user.
 * <p>
 * Most providers do not type their access tokens, so the claims decide where the header
 * does not:
 * <ol>
 * <li>{@code typ} {@code at+jwt} (or {@code application/at+jwt}) declares an access token
 * (RFC 9068 §2.1);</li>
 * <li>any other {@code typ} ending in {@code +jwt} declares another kind of JWT
 * ({@code logout+jwt}, {@code secevent+jwt}, a request object...), never an access
 * token;</li>
 * <li>Keycloak's own {@code typ} claim: {@code Bearer} marks its access tokens,
 * {@code ID} its ID tokens;</li>
 * <li>otherwise, a token that carries {@code nonce}, {@code at_hash}, {@code c_hash} or
 * {@code s_hash} is an ID token: OpenID Connect Core (§2, §3.1.3.6, §3.3.2.11) and FAPI
 * define them for ID tokens alone, to bind one to the login request and to the artifacts
 * issued with it, and no access token profile uses them.</li>
 * </ol>
 * {@code auth_time}, {@code acr}, {@code amr}, {@code azp} and {@code sid} are not marks:
 * RFC 9068 §2.2.1 allows the first three in access tokens, and Keycloak (all five), Okta
 * ({@code auth_time}), Auth0 and Microsoft Entra ID ({@code azp}) put them in theirs.
 * Keycloak before version 25 also copied {@code nonce} into access tokens, which is why
 * its {@code Bearer} claim is read first.
 */
final class TokenKind {

	/**
	 * Keycloak's {@code typ} claims of tokens that are not access tokens, in lower case.
	 */
	private static final Set<String> KEYCLOAK_OTHER_TYPES = Set.of("refresh", "offline", "logout");

	/** Claims of OpenID Connect ID tokens that no access token carries. */
	private static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash", "s_hash");

	private TokenKind() {
	}

	/**
	 * Why a token is not an access token.
	 * @param token its {@code typ} header and claims
	 * @return the reason, or {@code null} when it may be an access token
	 */
	static @Nullable String notAnAccessToken(TokenContent token) {
		String typ = token.getType();
		if (typ != null) {
			String mediaType = typ.toLowerCase(Locale.ROOT);
			if (mediaType.startsWith("application/")) {
				mediaType = mediaType.substring("application/".length());
			}
			if (mediaType.equals("at+jwt")) {
				return null;
			}
			if (mediaType.endsWith("+jwt")) {
				return "typ '" + LogSafeText.of(typ) + "' declares another kind of JWT than an access token "
						+ "(at+jwt); send the access token (RFC 8725 §3.11)";
			}
		}
		if (token.getClaim("typ") instanceof String keycloakType) {
			if (keycloakType.equalsIgnoreCase("Bearer")) {
				return null;
			}
			if (keycloakType.equalsIgnoreCase("ID")) {
				return idToken("claim 'typ' is 'ID'");
			}
			// Keycloak also signs refresh, offline and logout tokens, each typed so.
			if (KEYCLOAK_OTHER_TYPES.contains(keycloakType.toLowerCase(Locale.ROOT))) {
				return "claim 'typ' '" + LogSafeText.of(keycloakType) + "' declares another kind of token "
						+ "than an access token; send the access token (RFC 8725 §3.11)";
			}
		}
		if (token.containsClaim("events")) {
			// A logout token (OpenID Connect Back-Channel Logout §2.4) of the same
			// provider.
			return "it carries 'events', a claim of logout tokens; send the access token (RFC 8725 §3.11)";
		}
		for (String claim : ID_TOKEN_CLAIMS) {
			if (token.containsClaim(claim)) {
				return idToken("it carries '" + claim + "', a claim of ID tokens only");
			}
		}
		return null;
	}

	private static String idToken(String why) {
		return "token is an OpenID Connect ID token (" + why + "), not an access token; send the access token "
				+ "(RFC 9068 §4, RFC 8725 §3.11)";
	}

}
