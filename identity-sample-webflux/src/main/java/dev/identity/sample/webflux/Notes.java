package dev.identity.sample.webflux;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The notes, in memory: the sample is about who may do what, not about storage.
 */
@Component
class Notes {

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, Note> notes = new ConcurrentHashMap<>();

	Notes() {
		add("Welcome! Every note is visible to readers; only admins may delete one.", "system");
	}

	Note add(String text, String author) {
		long id = this.ids.incrementAndGet();
		Note note = new Note(id, text, author, Instant.now());
		this.notes.put(id, note);
		return note;
	}

	List<Note> all() {
		return this.notes.values().stream().sorted(Comparator.comparingLong(Note::id)).toList();
	}

	boolean remove(long id) {
		return this.notes.remove(id) != null;
	}

	/** Remove the notes written before the given instant. */
	Collection<Note> removeOlderThan(Instant cutoff) {
		List<Note> old = this.notes.values().stream().filter((note) -> note.createdAt().isBefore(cutoff)).toList();
		old.forEach((note) -> this.notes.remove(note.id()));
		return old;
	}

	record Note(long id, String text, String author, Instant createdAt) {

	}

}
