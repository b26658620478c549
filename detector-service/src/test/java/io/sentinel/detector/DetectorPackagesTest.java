package io.sentinel.detector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sentinel.detector.db.Stores;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The detector's packages form a DAG of cores and shells: rule families, incidents and noise control
 * are plain Java over their store interfaces; JDBI lives only in {@code ..db..} packages, which
 * implement those interfaces (listed in {@link Stores}).
 */
class DetectorPackagesTest {

    private static final JavaClasses DETECTOR = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sentinel.detector");

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.sentinel.detector.(*)..").should().beFreeOfCycles().check(DETECTOR);
    }

    @Test
    void onlyDbPackagesTouchJdbi() {
        noClasses().that().resideOutsideOfPackage("..db..").should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .because("domain code decides on values; the SQL objects and transactions are the db shells'")
                .check(DETECTOR);
    }

    @Test
    void coresDoNotDependOnTheirShells() {
        noClasses().that().resideOutsideOfPackages("..db..", "..kafka..").and().resideOutsideOfPackage("io.sentinel.detector")
                .should().dependOnClassesThat().resideInAPackage("io.sentinel.detector..db..")
                .because("a shell implements its core's store interfaces, never the other way round")
                .check(DETECTOR);
    }

    @Test
    void everySqlObjectServesAStoreAndEveryStoreHasOne() {
        Set<String> daos = DETECTOR.stream()
                .filter(type -> type.getPackageName().endsWith(".db") && type.isInterface())
                .filter(type -> type.getAllRawInterfaces().stream().anyMatch(DetectorPackagesTest::isStore))
                .map(JavaClass::getName).collect(Collectors.toSet());

        assertThat(Stores.all().values().stream().map(Class::getName).collect(Collectors.toSet())).isEqualTo(daos);
        Stores.all().forEach((store, dao) -> assertThat(store).isAssignableFrom(dao));
    }

    private static boolean isStore(JavaClass type) {
        return Stores.all().containsKey(type.reflect());
    }
}
