package dev.identity.sample.webflux;

import java.time.Duration;

import dev.identity.testprovider.SampleApiContractTests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = SampleApiContractTests.PROPERTIES)
class WebFluxSampleApplicationTests extends SampleApiContractTests {

	@Autowired
	private NotesCleanup cleanup;

	@Autowired
	private Notes notes;

	/**
	 * The blocking path of the shared audit service: the scheduled job records with plain
	 * calls.
	 */
	@Test
	void cleanupJobRecordsEachRemovalWithTheServiceToken() {
		this.notes.add("old news", "test");
		assertThat(this.cleanup.removeNotesOlderThan(Duration.ZERO)).isPositive();
		assertThat(this.notes.all()).isEmpty();
	}

}
