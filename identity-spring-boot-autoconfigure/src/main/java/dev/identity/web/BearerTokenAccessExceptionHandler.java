package dev.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a {@link BearerTokenAccessException} in Spring MVC and WebFlux alike: its
 * status, its {@code WWW-Authenticate} challenge (RFC 6750 §3) and a small JSON body,
 * {@code {"error": "...", "error_description": "..."}}. The token is never part of the
 * answer.
 * <p>
 * It comes before the application's own advice, so that a catch-all
 * {@code @ExceptionHandler} does not turn these answers into 500s. To answer differently,
 * declare a bean of this type (a subclass overriding
 * {@link #handle(BearerTokenAccessException)}); the auto-configured one then backs off.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BearerTokenAccessExceptionHandler {

	private static final Log logger = LogFactory.getLog(BearerTokenAccessExceptionHandler.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The answer to a request that could not reach its handler.
	 * @param exception why
	 * @return the answer
	 */
	@ExceptionHandler(BearerTokenAccessException.class)
	public ResponseEntity<byte[]> handle(BearerTokenAccessException exception) {
		if (logger.isDebugEnabled()) {
			// The provider's failures are logged where they happen; here only what the
			// client was told.
			logger.debug("Answered " + exception.getStatus().value() + ": " + exception.getMessage());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(exception.getStatus())
			.contentType(MediaType.APPLICATION_JSON);
		if (exception.getChallenge() != null) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, exception.getChallenge());
		}
		return response.body(body(exception));
	}

	/**
	 * The JSON body of an answer.
	 * @param exception the exception answered
	 * @return the body, UTF-8
	 */
	protected byte[] body(BearerTokenAccessException exception) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", exception.getError());
		body.put("error_description", exception.getDescription());
		return json.writeValueAsBytes(body);
	}

}
