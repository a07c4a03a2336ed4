package dev.migrationledger.ledger.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrationledger.ledger.api.*;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import static dev.migrationledger.ledger.domain.Given.*;
import static dev.migrationledger.ledger.domain.LedgerMatchers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An aggregate snapshot (Jackson, as Axon's JacksonSerializer stores it) restores a project that
 * judges every later command exactly as the project rebuilt from its events does. query-api's
 * SmileSnapshotRoundTripTest runs the same cases with the service's own snapshot serializer.
 */
class SnapshotRoundTripTest extends ProjectFixtureTest {

    private static final Serializer JSON = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    /** A project that has seen every kind of event. */
    private static Object[] lifecycle() {
        return events(projectRegistered(),
                planned("1"), plannedDestructive("2"), planned(expand("3")), planned(contract("4", "3")),
                planned(definition("R__views", ChangeClass.ADDITIVE)),
                approvedTwice("1"), approved("2", APPROVER_1),
                new MigrationApproved(PROJECT, "2", "carol-prod", checksum("2"), PROD, "prod only", EARLIER, EARLIER,
                        APPROVER_2),
                new ApprovalRevoked(PROJECT, "2", "carol-prod", "too early", EARLIER, EARLIER, APPROVER_2),
                authorized(DEV, "run-dev", "1", "2"), applied(DEV, "1"), applied(DEV, "2"),
                applied(STAGING, "1"), failed(STAGING, "2"),
                new ExecutionDenied(PROJECT, PROD, "run-denied", "2",
                        List.of(ReasonCode.NO_APPROVAL.reason("1 of 2"), ReasonCode.NO_BACKUP.reason(null, "field")),
                        List.of("2"), null, null, null, null, EARLIER, EARLIER, CI),
                backupVerified(PROD),
                policyChanged(STAGING, new EnvironmentPolicy(1, java.util.Set.of(ChangeClass.DESTRUCTIVE,
                        ChangeClass.TRANSFORMATIVE), DEV, true, false)),
                planned("2.1"), corrected("2", "2.1"),
                new MigrationRolledBack(PROJECT, DEV, "2", "rb-1", "broke checkout", Tool.FLYWAY, List.of(),
                        EARLIER, EARLIER, CI),
                new BaselineRecorded(PROJECT, "staging", "0.9", "old", null, true, Tool.LIQUIBASE, "dba", "h#1",
                        Instant.parse("2025-01-01T00:00:00Z"), EARLIER, "admin"),
                new DriftDetected(PROJECT, PROD, "f-1", "UNKNOWN_IN_DB", "7", "table x", List.of("x"), "scan-1",
                        EARLIER, EARLIER, CI),
                new WebhookConfigured(PROJECT, "w-1", WebhookConfigured.Change.CONFIGURED, "https://hooks.example.com/",
                        List.of("migration.failed"), "slack", "5".repeat(64), EARLIER, EARLIER, "admin"));
    }

    private static ProjectAggregate rebuiltFrom(Object... events) {
        ProjectAggregate aggregate = new ProjectAggregate();
        for (Object event : events) {
            aggregate.on((LedgerEvent) event);
        }
        return aggregate;
    }

    /** How snapshots are written: Jackson's JSON here; the service runs these cases with the serializer it uses. */
    protected Serializer serializer() {
        return JSON;
    }

    private ProjectAggregate roundTrip(ProjectAggregate aggregate) {
        SerializedObject<byte[]> snapshot = serializer().serialize(aggregate, byte[].class);
        return serializer().deserialize(snapshot);
    }

    @Test
    void aSnapshotRestoresTheSameState() {
        ProjectAggregate original = rebuiltFrom(lifecycle());
        ProjectAggregate restored = roundTrip(original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(serializer().serialize(restored, byte[].class).getData())
                .isEqualTo(serializer().serialize(original, byte[].class).getData());
    }

    @Test
    void aSnapshotKeepsOpenEmergencyReviews() {
        MigrationApplied hotfix = new MigrationApplied(PROJECT, PROD, "1", checksum("1"), "hotfix-1", null, null,
                EARLIER.minusSeconds(5), EARLIER, "abc123", "https://ci/1", Tool.LEDGER, null,
                List.of(ReasonCode.UNAUTHORIZED.reason("no authorization")), EARLIER, EARLIER, CI);
        Object[] events = java.util.stream.Stream.concat(java.util.Arrays.stream(lifecycle()), java.util.stream.Stream.of(hotfix))
                .toArray();
        ProjectAggregate original = rebuiltFrom(events);
        ProjectAggregate restored = roundTrip(original);

        assertThat(original.handle(new ListReviews(PROJECT, "open", EARLIER))).as("the hotfix opened a review").hasSize(1);
        assertThat(restored.handle(new ListReviews(PROJECT, "open", EARLIER)))
                .usingRecursiveComparison().isEqualTo(original.handle(new ListReviews(PROJECT, "open", EARLIER)));
    }

    /** Runs one command against the project from events and against its restored snapshot, with the same expectations. */
    private void judgedAlike(Object command, Consumer<ResultValidator<ProjectAggregate>> expectations) {
        expectations.accept(given(lifecycle()).when(command));
        ProjectAggregate restored = roundTrip(rebuiltFrom(lifecycle()));
        createFixture();
        expectations.accept(fixture.givenState(() -> restored).andGivenCurrentTime(NOW).when(command));
    }

    @Test
    void aRestoredProjectAuthorizesAlike() {
        judgedAlike(authorize(PROD, "run-prod", "1", "2"), then -> then
                .expectResultMessagePayloadMatching(deniedAfter(List.of("1"), "2", ReasonCode.NO_APPROVAL,
                        ReasonCode.NOT_PROMOTED))
                .expectEventsMatching(payloads(
                        exactly(authorization(NOW, PROD, "run-prod", List.of("1"), List.of("1", "2"))),
                        executionDenied("2", ReasonCode.NO_APPROVAL, ReasonCode.NOT_PROMOTED))));
    }

    @Test
    void aRestoredProjectRepliesToARepeatedAuthorizationAlike() {
        judgedAlike(authorize(PROD, "run-denied", "2"), then -> then
                .expectResultMessagePayloadMatching(denied("2", ReasonCode.NO_APPROVAL, ReasonCode.NO_BACKUP))
                .expectNoEvents());
    }

    @Test
    void aRestoredProjectKeepsChecksumsPinned() {
        judgedAlike(plan(definition("1", ChangeClass.ADDITIVE, otherChecksum("1"))), then -> then
                .expectException(rejectedWith(ReasonCode.CHECKSUM_PINNED)));
    }

    @Test
    void aRestoredProjectRecognizesRepeatedFacts() {
        judgedAlike(record(DEV, new ExecutionFact(executionId(DEV, "1"), "1", checksum("1"), ExecutionStatus.APPLIED,
                EARLIER.minusSeconds(5), EARLIER, null, "abc123", "https://ci/1", Tool.LEDGER, null)), then -> then
                .expectResultMessagePayloadMatching(factResult(executionId(DEV, "1"), true))
                .expectNoEvents());
    }

    @Test
    void aRestoredProjectRejectsDuplicateApprovals() {
        judgedAlike(new ApproveMigration(PROJECT, "1", "again", checksum("1"), null, null, APPROVER_1), then -> then
                .expectException(rejectedWith(ReasonCode.DUPLICATE_APPROVER)));
    }

    @Test
    void aRestoredProjectRecordsNewFactsAlike() {
        judgedAlike(record(STAGING, appliedFact("run-s/2.1", "2.1")), then -> then
                .expectEventsMatching(payloads(appliedWith("2.1", ReasonCode.UNAUTHORIZED, ReasonCode.NO_APPROVAL,
                        ReasonCode.NOT_PROMOTED))));
    }

    @Test
    void aRestoredProjectKnowsItsWebhooks() {
        judgedAlike(new ConfigureWebhook(PROJECT, "w-1", "https://hooks.example.com/", List.of("migration.failed"), "json",
                "5".repeat(64), "admin"), then -> then.expectException(rejectedWith(ReasonCode.IDEMPOTENCY_CONFLICT)));
    }
}
