package dev.migrationledger.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.migrationledger.ledger.testing.MainClasses;
import org.junit.jupiter.api.Test;

/**
 * The service's package graph (docs/architecture.md): packages free of cycles, and the web layer runs no SQL —
 * what it needs of Axon's tables (a project's last index, the store's head) eventstore/ reads.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE = new ClassFileImporter().withImportOption(new MainClasses())
            .importPackages("dev.migrationledger.service");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.migrationledger.service.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theWebLayerRunsNoSql() {
        noClasses().that().resideInAPackage("dev.migrationledger.service.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc.core..", "javax.sql..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.Connection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.Statement")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.PreparedStatement")
                .check(SERVICE);
    }
}
