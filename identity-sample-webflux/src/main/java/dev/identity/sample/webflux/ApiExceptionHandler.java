package dev.identity.sample.webflux;

import java.util.Map;

import dev.identity.core.BearerTokens;
import dev.identity.core.IdentityProviderException;
import dev.identity.core.InvalidTokenException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 6750 answers for a missing or rejected token, and 503 while the identity provider
 * cannot be reached. The bodies stay generic: the reasons of a rejection are in
 * {@code WWW-Authenticate}, those of a provider failure only in the log.
 */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> missingToken(ApiController.MissingBearerTokenException ex) {
		return unauthorized(BearerTokens.invalidToken(null, null));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalidToken(InvalidTokenException ex) {
		return unauthorized(BearerTokens.invalidToken(ex, null));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> providerUnavailable(IdentityProviderException ex) {
		// The starter logs each failed fetch from the provider once, at WARN; a line for
		// every request
		// answered 503 meanwhile would flood the log during an outage.
		if (logger.isDebugEnabled()) {
			logger.debug("Cannot validate tokens: " + ex.getMessage());
		}
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("error", "identity_provider_unavailable"));
	}

	private static ResponseEntity<Map<String, Object>> unauthorized(String challenge) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.header(HttpHeaders.WWW_AUTHENTICATE, challenge)
			.body(Map.of("error", "invalid_token"));
	}

}
