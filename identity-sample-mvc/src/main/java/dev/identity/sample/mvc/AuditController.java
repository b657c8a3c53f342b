package dev.identity.sample.mvc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.identity.core.ValidatedToken;
import dev.identity.web.RequirePermission;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for a separate audit service that accepts service tokens only. It lives in
 * this application so that the sample runs alone; {@code sample.audit-url} points
 * elsewhere.
 */
@RestController
class AuditController {

	private final AtomicLong entries = new AtomicLong();

	@PostMapping(path = "/internal/audit", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@RequirePermission("audit:write")
	Map<String, Object> record(@RequestBody Map<String, Object> entry, ValidatedToken serviceToken) {
		Map<String, Object> receipt = new LinkedHashMap<>();
		receipt.put("entry", this.entries.incrementAndGet());
		receipt.put("action", entry.get("action"));
		// Who called: the client the service token was issued to, not the user the note
		// is about.
		receipt.put("recordedFor", serviceToken.getSubject());
		receipt.put("at", Instant.now().toString());
		return receipt;
	}

}
