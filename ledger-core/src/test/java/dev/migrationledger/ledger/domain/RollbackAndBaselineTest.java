package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.ledger.api.RecordBaseline;
import dev.migrationledger.ledger.api.RecordRollback;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;

/** Physical rollbacks (R6) and history imported from another tool. */
class RollbackAndBaselineTest extends ProjectFixtureTest {

    private static final Instant INSTALLED = Instant.parse("2025-01-01T00:00:00Z");

    private static RecordRollback rollback(String version, String executionId, Instant occurredAt) {
        return new RecordRollback(PROJECT, DEV, version, executionId, "broke checkout", occurredAt, Tool.FLYWAY, CI);
    }

    private static RecordBaseline.BaselineEntry entry(String version, boolean success) {
        return new RecordBaseline.BaselineEntry(version, "imported " + version, checksum(version), INSTALLED, "dba",
                success, Tool.FLYWAY, "flyway_schema_history#" + version);
    }

    private static BaselineRecorded baselined(String version) {
        return new BaselineRecorded(PROJECT, DEV, version, "imported " + version, checksum(version), true,
                Tool.FLYWAY, "dba", "flyway_schema_history#" + version, INSTALLED, EARLIER, "admin");
    }

    @Test
    void aRollbackIsRecordedWithItsReason() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(rollback("1", "rollback-1", EARLIER))
                .expectResultMessagePayload(new dev.migrationledger.ledger.api.FactResult("rollback-1", "1", List.of(), false))
                .expectEvents(new MigrationRolledBack(PROJECT, DEV, "1", "rollback-1", "broke checkout", Tool.FLYWAY,
                        List.of(), EARLIER, NOW, CI));
    }

    @Test
    void aRollbackWithoutATimeHappenedWhenRecorded() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(rollback("1", "rollback-1", null))
                .expectEvents(new MigrationRolledBack(PROJECT, DEV, "1", "rollback-1", "broke checkout", Tool.FLYWAY,
                        List.of(), NOW, NOW, CI));
    }

    @Test
    void aRolledBackVersionMayBeAuthorizedAgain() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"),
                new MigrationRolledBack(PROJECT, DEV, "1", "rollback-1", "broke checkout", Tool.FLYWAY, List.of(),
                        EARLIER, EARLIER, CI))
                .when(authorize(DEV, "run-2", "1"))
                .expectResultMessagePayloadMatching(authorizedOnly("1"));
    }

    @Test
    void aRollbackOfAnUnplannedVersionIsRecordedWithViolation() {
        given(projectRegistered())
                .when(rollback("9", "rollback-9", EARLIER))
                .expectEventsMatching(payloads(instanceOf(MigrationRolledBack.class,
                        e -> codes(e.violations()).equals(List.of(ReasonCode.UNPLANNED)), "a rollback marked UNPLANNED")));
    }

    @Test
    void aRollbackReusingTheExecutionIdOfAnotherRollbackIsAConflict() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"),
                new MigrationRolledBack(PROJECT, DEV, "1", "rollback-1", "broke checkout", Tool.FLYWAY, List.of(),
                        EARLIER, EARLIER, CI))
                .when(new RecordRollback(PROJECT, DEV, "1", "rollback-1", "another reason", null, Tool.FLYWAY, CI))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aBaselineRecordsEveryImportedEntry() {
        given(projectRegistered())
                .when(new RecordBaseline(PROJECT, DEV, List.of(entry("1", true), entry("2", true)), "admin"))
                .expectResultMessagePayload(2)
                .expectEvents(
                        new BaselineRecorded(PROJECT, DEV, "1", "imported 1", checksum("1"), true, Tool.FLYWAY, "dba",
                                "flyway_schema_history#1", INSTALLED, NOW, "admin"),
                        new BaselineRecorded(PROJECT, DEV, "2", "imported 2", checksum("2"), true, Tool.FLYWAY, "dba",
                                "flyway_schema_history#2", INSTALLED, NOW, "admin"));
    }

    @Test
    void importingTheSameHistoryAgainRecordsNothing() {
        given(projectRegistered(), baselined("1"))
                .when(new RecordBaseline(PROJECT, DEV, List.of(entry("1", true)), "admin"))
                .expectResultMessagePayload(0)
                .expectNoEvents();
    }

    @Test
    void aVersionListedTwiceInOneImportIsRecordedOnce() {
        given(projectRegistered())
                .when(new RecordBaseline(PROJECT, DEV, List.of(entry("1", true), new RecordBaseline.BaselineEntry("1.0",
                        "imported 1", checksum("1"), INSTALLED, "dba", true, Tool.FLYWAY, "flyway_schema_history#1.0")),
                        "admin"))
                .expectResultMessagePayload(1);
    }

    @Test
    void baselinedVersionsCountAsAppliedForOrdering() {
        given(projectRegistered(), planned("1"), planned("2"), baselined("1"))
                .when(authorize(DEV, "run-2", "2"))
                .expectResultMessagePayloadMatching(authorizedOnly("2"));
    }

    @Test
    void aBaselinePinsTheImportedChecksum() {
        given(projectRegistered(), planned("1"), baselined("1"))
                .when(plan(definition("1", ChangeClass.ADDITIVE, otherChecksum("1"))))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED));
    }

    @Test
    void anImportedFailureBlocksTheEnvironment() {
        given(projectRegistered(), planned("1"), planned("2"),
                new BaselineRecorded(PROJECT, DEV, "1", "imported 1", checksum("1"), false, Tool.FLYWAY, "dba", "h#1",
                        INSTALLED, EARLIER, "admin"),
                policyChanged(DEV, new EnvironmentPolicy(0, java.util.Set.of(), null, true, false)))
                .when(authorize(DEV, "run-2", "2"))
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.BLOCKED_BY_FAILURE));
    }

    @Test
    void aBaselineEntryWithoutToolIsRejected() {
        given(projectRegistered())
                .when(new RecordBaseline(PROJECT, DEV, List.of(new RecordBaseline.BaselineEntry("1", null, null, null,
                        null, true, null, null)), "admin"))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT));
    }
}
