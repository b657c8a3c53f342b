package dev.identity.sample.mvc;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes notes older than {@code sample.notes.max-age} and records each removal in the
 * audit service. A reactive scheduled job: the audit calls run concurrently, without a
 * thread per call.
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
	Mono<Void> removeExpiredNotes() {
		return removeNotesOlderThan(this.maxAge).then();
	}

	/**
	 * Remove the notes older than the given age.
	 * @return how many the audit service recorded
	 */
	Mono<Long> removeNotesOlderThan(Duration age) {
		return Flux.defer(() -> Flux.fromIterable(this.notes.removeOlderThan(Instant.now().minus(age))))
			.flatMap((note) -> this.audit.recordAsync("note.expired", note.id(), "notes-cleanup"), 4)
			.count();
	}

}
