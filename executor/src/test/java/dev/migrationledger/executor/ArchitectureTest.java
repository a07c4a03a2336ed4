package dev.migrationledger.executor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.migrationledger.ledger.testing.MainClasses;
import org.junit.jupiter.api.Test;

/**
 * The executor's package graph (docs/architecture.md): its packages free of cycles, and the CLI a client of the
 * service, never a part of it — no query-api class, no Axon, no Spring, not even through a ledger-core class it
 * uses (ledger.jar carries none of them: LedgerJarIT).
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(new MainClasses())
            .importPackages("dev.migrationledger");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.migrationledger.executor.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theExecutorNeverSeesTheService() {
        noClasses().that().resideInAPackage("dev.migrationledger.executor..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.migrationledger.service..",
                        "org.axonframework..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void noLedgerCoreClassTheExecutorUsesReachesAxon() {
        noClasses().that().resideInAPackage("dev.migrationledger.executor..")
                .should().transitivelyDependOnClassesThat().resideInAPackage("org.axonframework..")
                .check(CLASSES);
    }
}
