package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.MigrationPlanned;
import org.junit.jupiter.api.Test;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** R8: facts are never refused; an unplanned version is planned by its reporter, an unauthorized run is marked. */
class UnplannedFactsTest extends ProjectFixtureTest {

    @Test
    void anApplyOfAnUnplannedVersionPlansItAndIsRecordedAsUnplannedAndUnauthorized() {
        MigrationDefinition learned = new MigrationDefinition("7", "", checksum("7"), null, null, Phase.NONE, null,
                null, null, CI);
        given(projectRegistered())
                .when(record(DEV, appliedFact("run-7", "7")))
                .expectResultMessagePayloadMatching(
                        factResult("run-7", false, ReasonCode.UNPLANNED, ReasonCode.UNAUTHORIZED))
                .expectEventsMatching(payloads(
                        exactly(new MigrationPlanned(PROJECT, learned, true, NOW, NOW, CI)),
                        appliedWith("7", ReasonCode.UNPLANNED, ReasonCode.UNAUTHORIZED)));
    }

    @Test
    void anApplyWithoutAuthorizationIsRecordedAsUnauthorized() {
        given(projectRegistered(), planned("1"))
                .when(record(DEV, appliedFact("run-1/1", "1")))
                .expectEventsMatching(payloads(appliedWith("1", ReasonCode.UNAUTHORIZED)));
    }

    @Test
    void anAuthorizedApplyIsRecordedWithItsAuthorizationAndNoViolations() {
        given(projectRegistered(), planned("1"), authorized(DEV, "run-1", "1"))
                .when(record(DEV, appliedFact("run-1/1", "1")))
                .expectEventsMatching(payloads(instanceOf(dev.migrationledger.ledger.api.MigrationApplied.class,
                        e -> "run-1".equals(e.authorizationId()) && e.violations().isEmpty() && e.recordedAt().equals(NOW)
                                && e.occurredAt().equals(NOW) && e.actor().equals(CI),
                        "MigrationApplied authorized by run-1, without violations, occurred at finishedAt")));
    }

    @Test
    void anAuthorizationIsUsedOnceSoASecondRunIsUnauthorized() {
        given(projectRegistered(), planned("R__views"), authorized(DEV, "run-1", "R__views"),
                applied(DEV, "R__views"))
                .when(record(DEV, appliedFact("run-2/R__views", "R__views")))
                .expectEventsMatching(payloads(appliedWith("R__views", ReasonCode.UNAUTHORIZED)));
    }

    @Test
    void aFailureOfAnUnplannedVersionIsRecordedToo() {
        given(projectRegistered())
                .when(record(DEV, new dev.migrationledger.ledger.api.ExecutionFact("run-7", "7", checksum("7"),
                        ExecutionStatus.FAILED, null, NOW, "boom", null, null, null, null)))
                .expectEventsMatching(payloads(
                        instanceOf(MigrationPlanned.class, MigrationPlanned::unplannedFact, "an unplanned MigrationPlanned"),
                        failedWith("7", ReasonCode.UNPLANNED, ReasonCode.UNAUTHORIZED)));
    }
}
