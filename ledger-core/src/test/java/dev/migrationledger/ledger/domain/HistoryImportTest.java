package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationledger.ledger.api.BaselineRecorded;
import dev.migrationledger.ledger.api.MigrationRolledBack;
import dev.migrationledger.ledger.api.RecordBaseline;
import dev.migrationledger.ledger.api.RecordBaseline.BaselineEntry;
import dev.migrationledger.ledger.api.ToolChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Imports keep each tool's identity of a change: re-imports, re-runs, undo rows, rewritten rows, versions given. */
class HistoryImportTest extends ProjectFixtureTest {

    private static final Instant INSTALLED = Instant.parse("2026-02-20T08:00:00Z");

    private static ToolChange flyway(String script, String crc, long rank, String type) {
        return new ToolChange(script, null, script, crc, rank, type, null, null, null, null, null, null);
    }

    private static ToolChange changeset(String id, String md5, long order, String execType) {
        return new ToolChange("db/changelog.yaml::" + id + "::alice", "alice", "db/changelog.yaml", md5, order, execType,
                "1234567890", null, null, null, null, null);
    }

    private static ToolChange revision(String rev, List<String> parents) {
        return new ToolChange(rev, null, rev + "_.py", null, null, null, null, null, parents, null, null, null);
    }

    private static BaselineEntry flywayRow(String version, String checksum, String crc, long rank, String type, boolean ok) {
        return new BaselineEntry(version, "v" + version, checksum, INSTALLED, "dba", ok, Tool.FLYWAY,
                "flyway_schema_history:" + rank, flyway("V" + version + "__v.sql", crc, rank, type));
    }

    private static BaselineEntry liquibaseRow(String id, String md5, long order, String execType) {
        ToolChange change = changeset(id, md5, order, execType);
        return new BaselineEntry(String.valueOf(order), id, null, INSTALLED, null, true, Tool.LIQUIBASE,
                change.changeId(), change);
    }

    private static BaselineEntry alembicRow(String rev, long position, String... parents) {
        return new BaselineEntry(String.valueOf(position), "revision " + rev, null, null, null, true, Tool.ALEMBIC,
                "alembic:" + rev, revision(rev, List.of(parents)));
    }

    private static RecordBaseline importOf(String environment, BaselineEntry... entries) {
        return new RecordBaseline(PROJECT, environment, List.of(entries), CI);
    }

    private static BaselineRecorded recorded(String environment, BaselineEntry e, String version) {
        return new BaselineRecorded(PROJECT, environment, version, e.description(), e.checksum(), e.success(), e.tool(),
                e.installedBy(), e.sourceId(), e.installedAt() == null ? NOW : e.installedAt(), NOW, CI, e.change());
    }

    @Test
    void aSecondIdenticalImportRecordsNothing() {
        BaselineEntry v1 = flywayRow("1", checksum("1"), "123", 1, "SQL", true);
        BaselineEntry v2 = flywayRow("2", null, "456", 2, "SQL", false);
        given(projectRegistered(), recorded(DEV, v1, "1"), recorded(DEV, v2, "2"))
                .when(importOf(DEV, v1, v2))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void aRewrittenHistoryRowIsRefusedWithEveryReasonAndNothingIsRecorded() {
        BaselineEntry first = flywayRow("1", checksum("1"), "123", 1, "SQL", true);
        BaselineEntry repaired = new BaselineEntry("1.1", "v1", otherChecksum("1"), INSTALLED, "dba", false, Tool.FLYWAY,
                "flyway_schema_history:1", flyway("V1__v.sql", "999", 1, "SQL"));
        BaselineEntry fresh = flywayRow("2", checksum("2"), "456", 2, "SQL", true);
        given(projectRegistered(), recorded(DEV, first, "1"))
                .when(importOf(DEV, fresh, repaired))
                .expectNoEvents()
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT, ReasonCode.CHECKSUM_PINNED,
                        ReasonCode.IDEMPOTENCY_CONFLICT, ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aNewRowRunningAnAppliedVersionWithAnotherChecksumIsRefused() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(importOf(DEV, flywayRow("1", otherChecksum("1"), "123", 1, "SQL", true)))
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED));
    }

    @Test
    void aRowTheLedgerAppliedItselfIsNotRecordedAgain() {
        given(projectRegistered(), planned("1"), applied(DEV, "1"))
                .when(importOf(DEV, flywayRow("1", checksum("1"), "123", 1, "SQL", true)))
                .expectNoEvents();
    }

    @Test
    void aLiquibaseRerunIsRecordedAgainUnderTheVersionItFirstGot() {
        BaselineEntry executed = liquibaseRow("view", "9:aaa", 2, "EXECUTED");
        BaselineEntry reran = liquibaseRow("view", "9:bbb", 5, "RERAN");
        given(projectRegistered(), recorded(DEV, executed, "2"))
                .when(importOf(DEV, reran))
                .expectEvents(recorded(DEV, reran, "2"));
    }

    @Test
    void aChangedLiquibaseChecksumWithoutARerunIsRefused() {
        BaselineEntry executed = liquibaseRow("table", "9:aaa", 1, "EXECUTED");
        given(projectRegistered(), recorded(DEV, executed, "1"))
                .when(importOf(DEV, liquibaseRow("table", "9:bbb", 1, "EXECUTED")))
                .expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT));
    }

    @Test
    void aLiquibaseChecksumUpgradedToANewerFormatIsTheSameRun() {
        given(projectRegistered(), recorded(DEV, liquibaseRow("table", "8:old", 1, "EXECUTED"), "1"))
                .when(importOf(DEV, liquibaseRow("table", "9:aaa", 1, "EXECUTED")))
                .expectNoEvents();
    }

    @Test
    void aChangeWithoutAVersionKeepsTheFirstOneInEveryEnvironment() {
        BaselineEntry devX = liquibaseRow("x", "9:x", 1, "EXECUTED");
        BaselineEntry devY = liquibaseRow("y", "9:y", 2, "EXECUTED");
        BaselineEntry prodY = liquibaseRow("y", "9:y", 1, "EXECUTED");
        BaselineEntry prodX = liquibaseRow("x", "9:x", 2, "EXECUTED");
        given(projectRegistered(), recorded(DEV, devX, "1"), recorded(DEV, devY, "2"))
                .when(importOf(PROD, prodY, prodX))
                .expectEvents(recorded(PROD, prodY, "2"), recorded(PROD, prodX, "1"));
    }

    @Test
    void aNewRevisionWhosePositionIsTakenGetsTheNextFreeVersion() {
        BaselineEntry base = alembicRow("a1", 1);
        BaselineEntry branch = alembicRow("b1", 2, "a1");
        BaselineEntry newer = alembicRow("c1", 2, "a1");
        given(projectRegistered(), recorded(DEV, base, "1"), recorded(DEV, branch, "2"))
                .when(importOf(DEV, base, newer, branch))
                .expectEvents(recorded(DEV, newer, "3"));
    }

    private final BaselineEntry v1 = flywayRow("1", checksum("1"), "1", 1, "SQL", true);
    private final BaselineEntry v2 = flywayRow("2", checksum("2"), "2", 2, "SQL", true);
    private final BaselineEntry undo = new BaselineEntry("2", "v2", null, INSTALLED, "dba", true, Tool.FLYWAY,
            "flyway_schema_history:3", flyway("U2__v.sql", "3", 3, "UNDO_SQL"));
    private final MigrationRolledBack rolledBack = new MigrationRolledBack(PROJECT, DEV, "2", "flyway_schema_history:3",
            "undone by flyway (U2__v.sql)", Tool.FLYWAY, List.of(), INSTALLED, NOW, CI);

    @Test
    void aFlywayUndoRowRollsTheVersionBackOnce() {
        given(projectRegistered())
                .when(importOf(DEV, v1, v2, undo))
                .expectEvents(recorded(DEV, v1, "1"), recorded(DEV, v2, "2"), rolledBack);
    }

    @Test
    void aSecondImportOfAnUndoneVersionRecordsNothing() {
        given(projectRegistered(), recorded(DEV, v1, "1"), recorded(DEV, v2, "2"), rolledBack)
                .when(importOf(DEV, v1, v2, undo))
                .expectNoEvents();
    }

    @Test
    void eachNewRunOfARepeatableIsRecorded() {
        BaselineEntry first = new BaselineEntry("R__view", "view", checksum("r1"), INSTALLED, "dba", true, Tool.FLYWAY,
                "flyway_schema_history:2", flyway("R__view.sql", "1", 2, "SQL"));
        BaselineEntry second = new BaselineEntry("R__view", "view", checksum("r2"), INSTALLED, "dba", true, Tool.FLYWAY,
                "flyway_schema_history:4", flyway("R__view.sql", "2", 4, "SQL"));
        given(projectRegistered(), recorded(DEV, first, "R__view"))
                .when(importOf(DEV, first, second))
                .expectEvents(recorded(DEV, second, "R__view"));
    }

    @Test
    void aFailedRowThatTheToolLaterRolledBackIsRecordedAgain() {
        ToolChange failed = new ToolChange("20240201120000_note", null, "20240201120000_note/migration.sql",
                checksum("p"), null, "FAILED", null, null, null, null, null, "boom");
        ToolChange rolledBack = new ToolChange("20240201120000_note", null, "20240201120000_note/migration.sql",
                checksum("p"), null, "ROLLED_BACK", null, null, null, null, null, "boom");
        BaselineEntry before = new BaselineEntry("20240201120000", "note", null, INSTALLED, null, false, Tool.PRISMA,
                "_prisma_migrations:a2", failed);
        BaselineEntry after = new BaselineEntry("20240201120000", "note", null, INSTALLED, null, false, Tool.PRISMA,
                "_prisma_migrations:a2", rolledBack);
        given(projectRegistered(), recorded(DEV, before, "20240201120000"))
                .when(importOf(DEV, after))
                .expectEvents(recorded(DEV, after, "20240201120000"));
    }

    @Test
    void anEventStoredBeforeToolChangesExistedReadsWithoutOne() throws Exception {
        // Axon's mapper (query-api AxonConfig): Java time, unknown properties ignored, missing ones null.
        ObjectMapper axon = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String stored = "{\"project\":\"billing-db\",\"environment\":\"dev\",\"version\":\"1\",\"description\":\"a\","
                + "\"checksum\":null,\"success\":true,\"tool\":\"flyway\",\"installedBy\":\"dba\","
                + "\"sourceId\":\"flyway_schema_history:1\",\"occurredAt\":\"2026-02-20T08:00:00Z\","
                + "\"recordedAt\":\"2026-02-20T08:00:01Z\",\"actor\":\"ci\"}";

        BaselineRecorded read = axon.readValue(stored, BaselineRecorded.class);

        assertThat(read.change()).isNull();
        assertThat(read.sourceId()).isEqualTo("flyway_schema_history:1");
        assertThat(axon.readValue(axon.writeValueAsString(recorded(DEV, liquibaseRow("x", "9:x", 1, "EXECUTED"), "1")),
                BaselineRecorded.class).change().toolChecksum()).isEqualTo("9:x");
    }
}
