package hotline.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Domain rules stay plain Java; features do not depend on each other in circles. */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("hotline.app");

    @Test
    void domainModelsImportNoFrameworks() {
        noClasses().that().resideInAPackage("hotline.app..model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "jakarta..", "tools.jackson..",
                        "com.fasterxml..", "com.hazelcast..", "io.debezium..", "io.kubernetes..", "io.micrometer..",
                        "org.slf4j..")
                .because("ticket rules, the SLA clock and seat/queue rules must be unit-testable without any framework")
                .check(APP);
    }

    @Test
    void domainModelsDoNotReachIntoAdapters() {
        noClasses().that().resideInAPackage("hotline.app..model..")
                .should().dependOnClassesThat().resideOutsideOfPackages("hotline.app..model..", "java..")
                .check(APP);
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("hotline.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
