package dev.migrationledger.ledger;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.migrationledger.ledger.testing.MainClasses;
import org.junit.jupiter.api.Test;

/**
 * ledger-core's package graph (docs/architecture.md). api/ and domain/ are one vocabulary and lean on each other
 * (events carry domain value types, the aggregate handles api commands); every other package stays out of cycles,
 * and integrity/ (what the executor's verifier runs) and wire/ (the HTTP bodies its client sends and reads) never
 * reach Axon.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter().withImportOption(new MainClasses())
            .importPackages("dev.migrationledger.ledger");

    @Test
    void packagesAreFreeOfCyclesBesideTheVocabulary() {
        slices().matching("dev.migrationledger.ledger.(*)..").should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("dev.migrationledger.ledger.api.."),
                        resideInAPackage("dev.migrationledger.ledger.domain.."))
                .check(CORE);
    }

    @Test
    void onlyTheAggregateAndItsCommandsUseAxon() {
        noClasses().that().resideOutsideOfPackages("dev.migrationledger.ledger.api..",
                        "dev.migrationledger.ledger.domain..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .check(CORE);
    }

    @Test
    void theVerifierAndTheWireRecordsNeverReachAxon() {
        noClasses().that().resideInAnyPackage("dev.migrationledger.ledger.integrity..",
                        "dev.migrationledger.ledger.wire..")
                .should().transitivelyDependOnClassesThat().resideInAPackage("org.axonframework..")
                .check(CORE);
    }
}
