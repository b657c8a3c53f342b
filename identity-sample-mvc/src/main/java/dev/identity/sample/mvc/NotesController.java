package dev.identity.sample.mvc;

import java.util.List;
import java.util.Map;

import dev.identity.claims.TokenClaims;
import dev.identity.core.ValidatedToken;
import dev.identity.web.RequirePermission;
import dev.identity.web.RequireRole;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notes API. Each endpoint states what the caller's access token must carry; the
 * identity starter checks it before the handler runs and answers 401
 * ({@code invalid_token}) or 403 ({@code insufficient_scope}) with an RFC 6750
 * {@code WWW-Authenticate} header otherwise.
 */
@RestController
@RequestMapping(path = "/api/notes", produces = MediaType.APPLICATION_JSON_VALUE)
class NotesController {

	/** The feature flag that turns the export on for a caller. */
	static final String EXPORT_FLAG = "notes-export";

	private final Notes notes;

	private final AuditTrail audit;

	NotesController(Notes notes, AuditTrail audit) {
		this.notes = notes;
		this.audit = audit;
	}

	@GetMapping
	@RequirePermission("notes:read")
	List<Notes.Note> list() {
		return this.notes.all();
	}

	/**
	 * Writes a note and records it in the audit service, called with this application's
	 * own client-credentials token.
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@RequirePermission("notes:write")
	ResponseEntity<Map<String, Object>> add(@RequestBody NewNote body, ValidatedToken token) {
		if (body.text() == null || body.text().isBlank()) {
			return ResponseEntity.badRequest().body(Map.of("error", "text_required"));
		}
		// The author recorded with the note and in the audit trail.
		String author = token.getSubject();
		if (author == null) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "subject_required"));
		}
		Notes.Note note = this.notes.add(body.text().strip(), author);
		Map<String, Object> receipt = this.audit.record("note.created", note.id(), author);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("note", note, "audit", receipt));
	}

	@DeleteMapping("/{id}")
	@RequireRole("admin")
	ResponseEntity<Void> delete(@PathVariable long id, ValidatedToken token) {
		// Checked first: a deletion without an actor to audit does not happen.
		String actor = token.getSubject();
		if (actor == null) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		if (!this.notes.remove(id)) {
			return ResponseEntity.notFound().build();
		}
		this.audit.record("note.deleted", id, actor);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A feature still being rolled out: served only to callers whose token turns the flag
	 * on. To the others it does not exist.
	 */
	@GetMapping(path = "/export", produces = "text/csv")
	@RequirePermission("notes:read")
	ResponseEntity<String> export(TokenClaims claims) {
		if (!claims.getBooleanFlag(EXPORT_FLAG, false)) {
			return ResponseEntity.notFound().build();
		}
		StringBuilder csv = new StringBuilder("id,author,text\n");
		for (Notes.Note note : this.notes.all()) {
			csv.append(note.id())
				.append(',')
				.append(csvField(note.author()))
				.append(',')
				.append(csvField(note.text()))
				.append('\n');
		}
		return ResponseEntity.ok(csv.toString());
	}

	private static String csvField(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	record NewNote(String text) {

	}

}
