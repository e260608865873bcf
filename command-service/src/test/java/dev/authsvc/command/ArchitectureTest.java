package dev.authsvc.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.authsvc.command");

    @Test
    void theDomainKnowsNothingOfHttpDatabasesOrTheLayersAroundIt() {
        noClasses().that().resideInAPackage("..user.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "..user.web..", "..user.application..", "..user.infrastructure..",
                        "org.springframework.web..", "org.springframework.jdbc..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void messagesDependOnNeitherTheDomainNorSpring() {
        noClasses().that().resideInAPackage("..user.api..")
                .should().dependOnClassesThat().resideInAnyPackage("..user.domain..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void commandServiceImportsNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.authsvc.query..", "dev.authsvc.notifier..", "dev.authsvc.gateway..")
                .check(CLASSES);
    }
}
