package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.DriftDetected;
import dev.migrationledger.ledger.api.DriftResolved;
import dev.migrationledger.ledger.api.DriftScanResult;
import dev.migrationledger.ledger.api.HistoryRow;
import dev.migrationledger.ledger.api.MigrationApplied;
import dev.migrationledger.ledger.api.RecordDriftScan;
import dev.migrationledger.ledger.api.ToolChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Drift scans: the real database against the ledger, each kind of finding, re-scans and resolution. */
class DriftScanTest extends ProjectFixtureTest {

    private static final Instant INSTALLED = Instant.parse("2026-02-20T08:00:00Z");
    private static final String EXPECTED_SCHEMA = Checksum.ofBytes("table public.invoice".getBytes()).hex();
    private static final String CHANGED_SCHEMA = Checksum.ofBytes("table public.invoice\ncolumn note".getBytes()).hex();
    private static final List<String> NOTE_COLUMN = List.of("+ column public.invoice.note text null");

    private static HistoryRow row(String version) {
        return new HistoryRow(version, checksum(version), true, INSTALLED, "migration " + version, "flyway");
    }

    private static HistoryRow failedRow(String version) {
        return new HistoryRow(version, null, false, INSTALLED, "migration " + version, "flyway");
    }

    private static RecordDriftScan scan(String scanId, List<HistoryRow> history) {
        return new RecordDriftScan(PROJECT, DEV, scanId, history, null, null, CI);
    }

    private static RecordDriftScan schemaScan(String scanId, String fingerprint, List<String> differences) {
        return new RecordDriftScan(PROJECT, DEV, scanId, null, fingerprint, differences, CI);
    }

    private static MigrationApplied appliedWithSchema(String version, String fingerprint) {
        MigrationApplied a = Given.applied(DEV, version);
        return new MigrationApplied(a.project(), a.environment(), a.version(), a.checksum(), a.executionId(), null, null,
                a.startedAt(), a.finishedAt(), a.gitSha(), a.pipelineUrl(), a.tool(), fingerprint, List.of(),
                a.occurredAt(), a.recordedAt(), a.actor());
    }

    private static String id(DriftKind kind, String subject) {
        return DriftScan.findingId(DEV, kind, subject);
    }

    private static DriftDetected detected(String scanId, DriftKind kind, String version, String subject,
                                          List<String> objects, Instant at) {
        return new DriftDetected(PROJECT, DEV, id(kind, subject), kind.name(), version, "detail", objects, scanId,
                at, at, CI);
    }

    /** One DriftDetected of this kind and version (the detail text is free to improve). */
    private static org.hamcrest.Matcher<Object> finding(DriftKind kind, String version) {
        return instanceOf(DriftDetected.class, e -> e.kind().equals(kind.name())
                && java.util.Objects.equals(e.version(), version) && e.scanId().equals("scan-1")
                && e.findingId().equals(id(kind, version))
                && e.occurredAt().equals(NOW) && e.actor().equals(CI), kind + " of " + version);
    }

    @Test
    void aMigrationTheLedgerRecordsButTheHistoryLacksIsMissingInDb() {
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"))
                .when(scan("scan-1", List.of(row("1"))))
                .expectEventsMatching(payloads(finding(DriftKind.MISSING_IN_DB, "2")));
    }

    @Test
    void aSuccessfulHistoryRowTheLedgerNeverRecordedIsUnknownInDb() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(scan("scan-1", List.of(row("1"), row("1.5"))))
                .expectEventsMatching(payloads(finding(DriftKind.UNKNOWN_IN_DB, "1.5")));
    }

    @Test
    void aDifferentChecksumInTheHistoryIsChecksumDiffers() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(scan("scan-1", List.of(new HistoryRow("1", otherChecksum("1"), true, INSTALLED, "m", "dba"))))
                .expectEventsMatching(payloads(finding(DriftKind.CHECKSUM_DIFFERS, "1")));
    }

    @Test
    void aChecksumTheScannerCouldNotComputeIsNoDifference() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(scan("scan-1", List.of(new HistoryRow("1", null, true, INSTALLED, "m", "dba"))))
                .expectNoEvents();
    }

    @Test
    void aFailedHistoryRowWithoutALaterSuccessIsFailedInDb() {
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"))
                .when(scan("scan-1", List.of(row("1"), failedRow("2"))))
                .expectEventsMatching(payloads(finding(DriftKind.FAILED_IN_DB, "2")));
    }

    @Test
    void aFailedAttemptFollowedByASuccessIsNoDrift() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(scan("scan-1", List.of(failedRow("1"), row("1"))))
                .expectNoEvents();
    }

    @Test
    void aLiveSchemaOtherThanTheLastApplyLeftIsSchemaChangedWithTheObjectsNamed() {
        given(projectRegistered(), planned("1"), appliedWithSchema("1", EXPECTED_SCHEMA))
                .when(schemaScan("scan-1", CHANGED_SCHEMA, NOTE_COLUMN))
                .expectEventsMatching(payloads(instanceOf(DriftDetected.class,
                        e -> e.kind().equals("SCHEMA_CHANGED_OUTSIDE_MIGRATIONS") && e.version() == null
                                && e.objects().equals(NOTE_COLUMN)
                                && e.findingId().equals(id(DriftKind.SCHEMA_CHANGED_OUTSIDE_MIGRATIONS, NOTE_COLUMN.get(0)))
                                && e.detail().contains(CHANGED_SCHEMA) && e.detail().contains(EXPECTED_SCHEMA),
                        "a schema finding naming the note column")));
    }

    @Test
    void theSchemaTheLastApplyLeftIsNoDrift() {
        given(projectRegistered(), planned("1"), appliedWithSchema("1", EXPECTED_SCHEMA))
                .when(schemaScan("scan-1", EXPECTED_SCHEMA, List.of()))
                .expectNoEvents();
    }

    @Test
    void withoutAnyRecordedFingerprintTheSchemaIsNotJudged() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(schemaScan("scan-1", CHANGED_SCHEMA, NOTE_COLUMN))
                .expectNoEvents();
    }

    @Test
    void aRescanThatSeesTheSameDriftReportsItAsStillOpenWithoutANewEvent() {
        DriftDetected open = detected("scan-0", DriftKind.MISSING_IN_DB, "2", "2", List.of(), EARLIER);
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"), open)
                .when(scan("scan-1", List.of(row("1"))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(instanceOf(DriftScanResult.class, r -> r.findings().size() == 1
                        && r.findings().get(0).findingId().equals(open.findingId())
                        && r.findings().get(0).since().equals(EARLIER) && !r.findings().get(0).newlyDetected()
                        && r.resolved().isEmpty() && !r.replayed(), "the open finding, since the first scan"));
    }

    @Test
    void anOpenFindingTheScanNoLongerSeesIsResolved() {
        DriftDetected open = detected("scan-0", DriftKind.MISSING_IN_DB, "2", "2", List.of(), EARLIER);
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"), open)
                .when(scan("scan-1", List.of(row("1"), row("2"))))
                .expectEvents(new DriftResolved(PROJECT, DEV, open.findingId(), "scan-1", NOW, NOW, CI))
                .expectResultMessagePayloadMatching(instanceOf(DriftScanResult.class,
                        r -> r.findings().isEmpty() && r.resolved().equals(List.of(open.findingId())), "resolved"));
    }

    @Test
    void aSchemaFindingIsResolvedWhenAMigrationMakesTheChangeOfficial() {
        DriftDetected open = detected("scan-0", DriftKind.SCHEMA_CHANGED_OUTSIDE_MIGRATIONS, null, NOTE_COLUMN.get(0),
                NOTE_COLUMN, EARLIER);
        given(projectRegistered(), planned("1"), planned("2"), appliedWithSchema("1", EXPECTED_SCHEMA), open,
                appliedWithSchema("2", CHANGED_SCHEMA))
                .when(schemaScan("scan-1", CHANGED_SCHEMA, List.of()))
                .expectEvents(new DriftResolved(PROJECT, DEV, open.findingId(), "scan-1", NOW, NOW, CI));
    }

    @Test
    void aScanWithoutHistoryLeavesHistoryFindingsOpen() {
        DriftDetected open = detected("scan-0", DriftKind.MISSING_IN_DB, "2", "2", List.of(), EARLIER);
        given(projectRegistered(), planned("1"), planned("2"), appliedWithSchema("1", EXPECTED_SCHEMA),
                applied(DEV, "2"), open)
                .when(schemaScan("scan-1", EXPECTED_SCHEMA, List.of()))
                .expectNoEvents();
    }

    @Test
    void findingsOfAnotherEnvironmentAreNeitherDuplicatedNorResolved() {
        DriftDetected prodFinding = new DriftDetected(PROJECT, PROD, DriftScan.findingId(PROD, DriftKind.MISSING_IN_DB, "1"),
                "MISSING_IN_DB", "1", "detail", List.of(), "scan-0", EARLIER, EARLIER, CI);
        given(projectRegistered(), planned("1"), applied(DEV, "1"), prodFinding)
                .when(scan("scan-1", List.of(row("1"))))
                .expectNoEvents();
    }

    @Test
    void aRepeatedScanIdRecordsNothing() {
        DriftDetected first = detected("scan-1", DriftKind.MISSING_IN_DB, "2", "2", List.of(), EARLIER);
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"), first)
                .when(scan("scan-1", List.of(row("1"), row("2"))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(instanceOf(DriftScanResult.class, DriftScanResult::replayed,
                        "a replay"));
    }

    @Test
    void aMalformedScanIsRejected() {
        given(projectRegistered())
                .when(scan("scan 1", List.of(new HistoryRow("not a version", "xyz", true, INSTALLED, null, null))))
                .expectException(rejectedWith(ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT, ReasonCode.INVALID_INPUT));
    }

    @Test
    void findingIdsAreStableAndDifferPerEnvironmentAndKind() {
        assertThat(DriftScan.findingId(DEV, DriftKind.MISSING_IN_DB, "2"))
                .isEqualTo(DriftScan.findingId(DEV, DriftKind.MISSING_IN_DB, "2"))
                .isNotEqualTo(DriftScan.findingId(PROD, DriftKind.MISSING_IN_DB, "2"))
                .isNotEqualTo(DriftScan.findingId(DEV, DriftKind.FAILED_IN_DB, "2"))
                .startsWith("drift-");
    }

    // ---- every tool's history -------------------------------------------------------------------

    private static final ToolChange CHANGESET = new ToolChange("db/changelog.yaml::view::alice", "alice",
            "db/changelog.yaml", "9:aaa", 2L, "EXECUTED", "1234567890", null, null, null, null, null);

    private static BaselineRecorded importedChangeset(String version) {
        return new BaselineRecorded(PROJECT, DEV, version, "view", null, true, Tool.LIQUIBASE, null,
                CHANGESET.changeId(), INSTALLED, EARLIER, CI, CHANGESET);
    }

    private static HistoryRow changesetRow(String order, String md5, String execType) {
        ToolChange change = new ToolChange(CHANGESET.changeId(), "alice", "db/changelog.yaml", md5, Long.parseLong(order),
                execType, "1234567891", null, null, null, null, null);
        return new HistoryRow(order, null, true, INSTALLED, "view", null, CHANGESET.changeId(), change);
    }

    private static RecordDriftScan scanOf(Tool tool, HistoryRow... rows) {
        return new RecordDriftScan(PROJECT, DEV, "scan-1", List.of(rows), null, null, CI, tool);
    }

    @Test
    void aChangeWithoutAVersionIsMatchedByItsIdentityNotByItsOrder() {
        given(projectRegistered(), importedChangeset("2"))
                .when(scanOf(Tool.LIQUIBASE, changesetRow("7", "9:aaa", "EXECUTED")))
                .expectNoEvents();
    }

    @Test
    void aRerunWithAnotherChecksumOfTheToolIsChecksumDiffers() {
        given(projectRegistered(), importedChangeset("2"))
                .when(scanOf(Tool.LIQUIBASE, changesetRow("5", "9:bbb", "RERAN")))
                .expectEventsMatching(payloads(instanceOf(DriftDetected.class, e -> e.kind().equals("CHECKSUM_DIFFERS")
                        && e.version().equals("2") && e.detail().contains("9:bbb (re-ran)")
                        && e.detail().contains("9:aaa"), "CHECKSUM_DIFFERS of 2 naming both MD5SUMs")));
    }

    @Test
    void aChangeTheLedgerNeverNumberedIsUnknownInDbByItsIdentity() {
        ToolChange other = new ToolChange("db/changelog.yaml::hotfix::bob", "bob", "db/changelog.yaml", "9:ccc", 3L,
                "EXECUTED", "1234567891", null, null, null, null, null);
        given(projectRegistered(), importedChangeset("2"))
                .when(scanOf(Tool.LIQUIBASE, changesetRow("2", "9:aaa", "EXECUTED"),
                        new HistoryRow("3", null, true, INSTALLED, "hotfix", null, other.changeId(), other)))
                .expectEventsMatching(payloads(instanceOf(DriftDetected.class, e -> e.kind().equals("UNKNOWN_IN_DB")
                        && e.version() == null && e.detail().contains("db/changelog.yaml::hotfix::bob")
                        && e.findingId().equals(id(DriftKind.UNKNOWN_IN_DB, "liquibase:db/changelog.yaml::hotfix::bob")),
                        "UNKNOWN_IN_DB naming the changeset")));
    }

    @Test
    void anUndoRowTakesTheVersionOutOfTheDatabase() {
        ToolChange undo = new ToolChange("U2__b.sql", null, "U2__b.sql", "3", 3L, "UNDO_SQL", null, null, null, null,
                null, null);
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), applied(DEV, "2"))
                .when(scanOf(Tool.FLYWAY, row("1"), row("2"),
                        new HistoryRow("2", null, true, INSTALLED, "b", "flyway", "flyway_schema_history:3", undo)))
                .expectEventsMatching(payloads(finding(DriftKind.MISSING_IN_DB, "2")));
    }

    @Test
    void aFailureTheLedgerRecordsTooIsNoDrift() {
        given(projectRegistered(), planned("1"), planned("2"), applied(DEV, "1"), Given.failed(DEV, "2"))
                .when(scan("scan-1", List.of(row("1"), failedRow("2"))))
                .expectNoEvents();
    }
}
