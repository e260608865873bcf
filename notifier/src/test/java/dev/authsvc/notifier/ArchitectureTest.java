package dev.authsvc.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.authsvc.notifier");

    @Test
    void theNotifierImportsNoOtherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "dev.authsvc.command..", "dev.authsvc.query..", "dev.authsvc.gateway..")
                .check(CLASSES);
    }

    @Test
    void deliveryKnowsNoProviderAndNoEventType() {
        noClasses().that().resideInAPackage("..notifier.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "..notifier.sms..", "..notifier.mail..", "..notifier.outbox..", "..notifier.event..",
                        "com.twilio..", "jakarta.mail..", "dev.authsvc.events.data..")
                .check(CLASSES);
    }
}
