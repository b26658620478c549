package io.sentinel.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The architecture's hard rules, checked on the compiled services. */
@AnalyzeClasses(packages = "io.sentinel", importOptions = ImportOption.DoNotIncludeTests.class)
class ServiceBoundariesTest {

    private static final String[] SERVICES = {
            "io.sentinel.collector..", "io.sentinel.detector..", "io.sentinel.analyzer..", "io.sentinel.policy..",
            "io.sentinel.executor..", "io.sentinel.notifier..", "io.sentinel.gateway.."};

    @ArchTest
    static final ArchRule servicesTalkOnlyThroughEvents = slices()
            .matching("io.sentinel.(collector|detector|analyzer|policy|executor|notifier|gateway)..")
            .should().notDependOnEachOther()
            .because("stages talk only through typed events on Kafka topics");

    @ArchTest
    static final ArchRule sharedModulesKnowNoService = noClasses()
            .that().resideInAnyPackage("io.sentinel.events..", "io.sentinel.runtime..", "io.sentinel.playbooks..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVICES)
            .because("shared modules serve every service and must not know any");

    @ArchTest
    static final ArchRule onlyKafkaAdaptersTouchKafka = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .and().resideOutsideOfPackage("..kafka..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "org.springframework.kafka..", "org.springframework.cloud.stream..", "org.springframework.messaging..")
            .because("domain code is plain Java; Spring Cloud Stream bindings live in each service's kafka package");

    @ArchTest
    static final ArchRule domainPackagesDoNotDependOnTheWeb = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .and().resideOutsideOfPackages("..web..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "jakarta.servlet..", "org.springframework.security.web..")
            .because("HTTP adapters live in web");

    @ArchTest
    static final ArchRule onlyPersistenceShellsTouchTheDatabase = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .and().resideOutsideOfPackages("..db..", "..kafka..", "..web..")
            .and().haveSimpleNameNotEndingWith("Configuration")
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..")
            .because("cores decide on values; a feature's db package (DAOs and the thin steps that apply a core's "
                    + "decision in a transaction) is the only place that talks to PostgreSQL");

    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices()
            .matching("io.sentinel.(*).(*)..")
            .should().beFreeOfCycles()
            .because("a service's features form a hierarchy: a core never depends on what depends on it");

    @ArchTest
    static final ArchRule servicesDoNotShipTestInfrastructure = noClasses()
            .that().resideInAnyPackage(SERVICES)
            .should().dependOnClassesThat().resideInAnyPackage("io.sentinel.testkit..")
            .because("the in-process broker and embedded database are for tests and the local launcher only");

    @ArchTest
    static final ArchRule noFieldInjection = noFields()
            .should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
            .orShould().beAnnotatedWith("org.springframework.beans.factory.annotation.Value")
            .orShould().beAnnotatedWith("jakarta.inject.Inject")
            .because("dependencies arrive through constructors");
}
