package dev.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import dev.identity.core.ValidatedToken;
import dev.identity.core.ValidationPolicy;
import dev.identity.core.internal.validation.TokenVerifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The package tree is the architecture. Each component (a package below
 * {@code dev.identity}, with its sub-packages) depends only on the components below it,
 * in the order of {@link #LAYERS}; the core has no I/O and no clock; and the plumbing in
 * {@code ..internal..} packages is never part of a public signature of the public API.
 */
class ArchitectureTests {

	/** The components, lowest first: each may use only those before it. */
	static final List<String> LAYERS = List.of("core", "claims", "login", "engine", "client", "autoconfigure",
			"browser", "web", "security");

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.identity");

	@Test
	void componentsWhenImportedThenEachUsesOnlyTheComponentsBelowIt() {
		assertThat(MAIN.contain(TokenVerifier.class)).isTrue();
		layers().check(MAIN);
	}

	@Test
	void layerRuleWhenLowerComponentUsesHigherOneThenViolationReported() {
		// The rule must reject a real upward dependency, or it proves nothing: the same
		// order with the client placed below the engine it uses.
		List<String> swapped = new ArrayList<>(LAYERS);
		swapped.set(LAYERS.indexOf("engine"), "client");
		swapped.set(LAYERS.indexOf("client"), "engine");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> layers(swapped).check(MAIN))
			.withMessageContaining("dev.identity.client");
	}

	@Test
	void componentsWhenImportedThenFreeOfCycles() {
		slices().matching("dev.identity.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void publicApiWhenImportedThenNoPublicMethodExposesAnInternalType() {
		methods().that()
			.areDeclaredInClassesThat(publicApi())
			.and()
			.arePublic()
			.should(exposeNoInternalType())
			.check(MAIN);
	}

	@Test
	void validatedTokenWhenInspectedThenOnlyTheLibraryCanCreateOne() {
		// A public constructor would let any code vouch for a token; the verifier and
		// introspection create them through CoreAccess.
		assertThat(ValidatedToken.class.getConstructors()).isEmpty();
		assertThat(ValidationPolicy.class.getMethods())
			.noneSatisfy((method) -> assertThat(method.getReturnType().isArray()).as(method.toString()).isTrue());
	}

	@Test
	void coreDependsOnNoTransportReactiveClockOrOuterLayer() {
		ioFree("dev.identity.core..").check(MAIN);
	}

	@Test
	void ruleWhenPackageUsesClockThenViolationReported() {
		// The engine reads the clock, so the same rule must reject it; otherwise the rule
		// proves nothing.
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> ioFree("dev.identity.engine..").check(MAIN))
			.withMessageContaining(Clock.class.getName());
	}

	@Test
	void mainClassesDependOnNoNimbusInternals() {
		noNimbusInternals().check(MAIN);
	}

	@Test
	void nimbusRuleWhenClassUsesCryptoImplThenViolationReported() {
		// A test signs a DER-encoded ECDSA signature with Nimbus's internal transcoder:
		// the rule must see that dependency, or it proves nothing.
		JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
			.importPackages("dev.identity.core");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> noNimbusInternals().check(tests))
			.withMessageContaining("com.nimbusds.jose.crypto.impl.ECDSA");
	}

	/**
	 * Nimbus's {@code impl} packages are its internals, free to change in any release:
	 * JOSE rules that the starter needs are its own (see the core).
	 */
	private static ArchRule noNimbusInternals() {
		return noClasses().should().dependOnClassesThat().resideInAPackage("com.nimbusds..impl..");
	}

	static LayeredArchitecture layers() {
		return layers(LAYERS);
	}

	private static LayeredArchitecture layers(List<String> order) {
		LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.identity..")
			.layer("entry")
			.definedBy("dev.identity");
		for (String component : order) {
			layers = layers.layer(component).definedBy("dev.identity." + component + "..");
		}
		layers = layers.whereLayer("entry").mayNotBeAccessedByAnyLayer();
		for (int i = 0; i < order.size(); i++) {
			List<String> above = new ArrayList<>(order.subList(i + 1, order.size()));
			above.add("entry");
			layers = layers.whereLayer(order.get(i)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
		}
		return layers;
	}

	private static ArchRule ioFree(String packages) {
		return noClasses().that()
			.resideInAPackage(packages)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor..", "org.springframework.web..", "org.springframework.http..",
					"java.net.http..", "dev.identity.engine..", "dev.identity.client..", "dev.identity.autoconfigure..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(Clock.class);
	}

	private static DescribedPredicate<JavaClass> publicApi() {
		return DescribedPredicate.describe("public types outside ..internal..",
				(javaClass) -> javaClass.getModifiers().contains(JavaModifier.PUBLIC) && !internal(javaClass));
	}

	private static boolean internal(JavaClass type) {
		return type.getPackageName().contains(".internal");
	}

	private static ArchCondition<JavaMethod> exposeNoInternalType() {
		return new ArchCondition<>("expose no ..internal.. type in its signature") {

			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				Set<JavaClass> types = new HashSet<>(method.getRawParameterTypes());
				types.add(method.getRawReturnType());
				for (JavaClass type : types) {
					if (internal(type)) {
						events.add(SimpleConditionEvent.violated(method,
								method.getFullName() + " exposes " + type.getName()));
					}
				}
			}

		};
	}

}
