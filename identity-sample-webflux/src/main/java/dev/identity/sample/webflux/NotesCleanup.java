package dev.identity.sample.webflux;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes notes older than {@code sample.notes.max-age} and records each removal in the
 * audit service. A plain scheduled job on the scheduler's own thread, where blocking
 * calls are fine.
 */
@Component
class NotesCleanup {

	private final Notes notes;

	private final AuditTrail audit;

	private final Duration maxAge;

	NotesCleanup(Notes notes, AuditTrail audit, @Value("${sample.notes.max-age:30d}") Duration maxAge) {
		this.notes = notes;
		this.audit = audit;
		this.maxAge = maxAge;
	}

	@Scheduled(fixedDelayString = "${sample.notes.cleanup-interval:1h}",
			initialDelayString = "${sample.notes.cleanup-interval:1h}")
	void removeExpiredNotes() {
		removeNotesOlderThan(this.maxAge);
	}

	/**
	 * Remove the notes older than the given age.
	 * @return how many the audit service recorded
	 */
	int removeNotesOlderThan(Duration age) {
		int recorded = 0;
		for (Notes.Note note : this.notes.removeOlderThan(Instant.now().minus(age))) {
			this.audit.record("note.expired", note.id(), "notes-cleanup");
			recorded++;
		}
		return recorded;
	}

}
