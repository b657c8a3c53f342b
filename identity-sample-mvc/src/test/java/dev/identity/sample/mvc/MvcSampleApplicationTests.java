package dev.identity.sample.mvc;

import java.time.Duration;

import dev.identity.testprovider.SampleApiContractTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SampleApiContractTests.PROPERTIES)
class MvcSampleApplicationTests extends SampleApiContractTests {

	@Autowired
	private NotesCleanup cleanup;

	@Autowired
	private Notes notes;

	/**
	 * The reactive path of the shared audit service: the scheduled job records without
	 * blocking.
	 */
	@Test
	void cleanupJobRecordsEachRemovalWithTheServiceToken() {
		this.notes.add("old news", "test");
		Long recorded = this.cleanup.removeNotesOlderThan(Duration.ZERO).block(Duration.ofSeconds(30));
		assertThat(recorded).isPositive();
		assertThat(this.notes.all()).isEmpty();
	}

}
