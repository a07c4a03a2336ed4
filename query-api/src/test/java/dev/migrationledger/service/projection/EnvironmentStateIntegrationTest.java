package dev.migrationledger.service.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.ApproveMigration;
import dev.migrationledger.ledger.api.AuthorizationResult;
import dev.migrationledger.ledger.api.AuthorizeExecution;
import dev.migrationledger.ledger.api.CorrectMigration;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.PlanMigrations;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ExecutionStatus;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.eventstore.Fixtures;
import dev.migrationledger.service.projection.environmentstate.EnvironmentStateQuery;
import dev.migrationledger.service.projection.timeline.MigrationTimelineQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dev → staging → prod lifecycle as the state, project and timeline reads show it. */
class EnvironmentStateIntegrationTest extends ReadApiIntegrationTest {

    @Autowired
    EnvironmentStateQuery states;
    @Autowired
    MigrationTimelineQuery timelines;

    private void authorize(String project, String environment, String run, String... versions) {
        AuthorizationResult result = commands.sendAndWait(new AuthorizeExecution(project, environment, run,
                List.of(versions), "abc123", null, "ci-bot"));
        assertThat(result.authorized()).containsExactly(versions);
    }

    @Test
    void aLifecycleIsReflectedInEachEnvironmentsState() {
        String p = "billing";
        commands.sendAndWait(Fixtures.project(p));
        commands.sendAndWait(Fixtures.plan(p, "1", "2", "3"));
        authorize(p, "dev", "run-1", "1", "2", "3");
        record(p, "dev", applied("run-1/1", "1", "-- 1", "2026-05-01T10:00:00Z"),
                applied("run-1/2", "2", "-- 2", "2026-05-01T10:01:00Z"),
                fact("run-1/3", "3", "-- 3", ExecutionStatus.FAILED, "2026-05-01T10:02:00Z", "relation exists"));

        JsonNode dev = read(p, "/projects/billing/environments/dev/state");
        assertThat(dev.path("project").asText()).isEqualTo(p);
        assertThat(dev.path("environment").asText()).isEqualTo("dev");
        assertThat(dev.path("currentVersion").asText()).isEqualTo("2");
        assertThat(dev.path("lastIndex").asLong()).isEqualTo(lastIndex(p));
        assertThat(texts(dev.path("applied"), "version")).containsExactly("1", "2");
        JsonNode first = dev.path("applied").get(0);
        assertThat(first.path("description").asText()).isEqualTo("step 1");
        assertThat(first.path("checksum").asText()).isEqualTo(Fixtures.checksum("-- 1"));
        assertThat(first.path("appliedAt").asText()).isEqualTo("2026-05-01T10:00:00Z");
        assertThat(first.path("actor").asText()).isEqualTo("ci-bot");
        assertThat(first.path("executionId").asText()).isEqualTo("run-1/1");
        assertThat(first.path("violations").isArray()).isTrue();
        assertThat(first.path("violations")).isEmpty();
        assertThat(texts(dev.path("pending"), "version")).containsExactly("3");
        assertThat(dev.path("failed")).singleElement().satisfies(f -> {
            assertThat(f.path("version").asText()).isEqualTo("3");
            assertThat(f.path("error").asText()).isEqualTo("relation exists");
            assertThat(f.path("failedAt").asText()).isEqualTo("2026-05-01T10:02:00Z");
        });

        commands.sendAndWait(Fixtures.plan(p, "4"));
        commands.sendAndWait(new CorrectMigration(p, "3", "4", "3 cannot be fixed in place", "alice"));
        dev = read(p, "/projects/billing/environments/dev/state");
        assertThat(dev.path("failed")).as("a corrected failure no longer blocks").isEmpty();
        assertThat(texts(dev.path("pending"), "version")).containsExactly("4");

        authorize(p, "staging", "run-2", "1", "2");
        record(p, "staging", applied("run-2/1", "1", "-- 1", "2026-05-02T10:00:00Z"),
                applied("run-2/2", "2", "-- 2", "2026-05-02T10:01:00Z"));
        commands.sendAndWait(new ApproveMigration(p, "1", "ap-1", Fixtures.checksum("-- 1"), "prod", "looks fine", "bob"));
        authorize(p, "prod", "run-3", "1");
        record(p, "prod", applied("run-3/1", "1", "-- 1", "2026-05-03T10:00:00Z"));

        JsonNode staging = read(p, "/projects/billing/environments/staging/state");
        assertThat(staging.path("currentVersion").asText()).isEqualTo("2");
        assertThat(texts(staging.path("pending"), "version")).containsExactly("4");
        JsonNode prod = read(p, "/projects/billing/environments/prod/state");
        assertThat(texts(prod.path("applied"), "version")).containsExactly("1");
        assertThat(prod.path("currentVersion").asText()).isEqualTo("1");
        assertThat(texts(prod.path("pending"), "version")).containsExactly("2", "4");
        assertThat(texts(prod.path("pending"), "checksum")).containsExactly(Fixtures.checksum("-- 2"), Fixtures.checksum("-- 4"));
        assertThat(prod.path("failed")).isEmpty();
        assertThat(prod.path("drift")).isEmpty();

        JsonNode timeline = read(p, "/projects/billing/migrations/1/timeline").path("events");
        assertThat(texts(timeline, "type")).containsExactly("MigrationPlanned",
                "ExecutionAuthorized", "MigrationApplied", "ExecutionAuthorized", "MigrationApplied",
                "MigrationApproved", "ExecutionAuthorized", "MigrationApplied");
        assertThat(texts(timeline, "environment")).containsExactly("", "dev", "dev", "staging", "staging",
                "prod", "prod", "prod");
        List<Long> indexes = java.util.stream.StreamSupport.stream(timeline.spliterator(), false)
                .map(e -> e.path("index").asLong()).toList();
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        assertThat(timeline.get(5).path("actor").asText()).isEqualTo("bob");
        assertThat(timeline.get(2).path("event").path("executionId").asText()).isEqualTo("run-1/1");
        assertThat(timeline.get(0).path("summary").asText()).isEqualTo("planned with checksum "
                + Fixtures.checksum("-- 1").substring(0, 12));
        assertThat(timeline.get(1).path("summary").asText()).startsWith("authorized in dev for execution ");
        assertThat(timeline.get(2).path("summary").asText()).isEqualTo("applied in dev by execution run-1/1");
        assertThat(timeline.get(5).path("summary").asText()).startsWith("approved checksum ");

        JsonNode three = read(p, "/projects/billing/migrations/3/timeline").path("events");
        assertThat(texts(three, "type")).containsExactly("MigrationPlanned", "ExecutionAuthorized",
                "MigrationFailed", "MigrationCorrected");
        assertThat(three.get(3).path("summary").asText()).startsWith("superseded by 4");
        assertThat(three.get(2).path("summary").asText()).startsWith("failed in ");
        long devAuthorization = timeline.get(1).path("index").asLong();
        assertThat(three.get(1).path("index").asLong()).isEqualTo(devAuthorization);
        assertThat(three.get(1).path("event")).as("each version's timeline shows the whole authorization")
                .isEqualTo(timeline.get(1).path("event"));
        assertThat(three.get(1).path("event").path("migrations")).hasSize(3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM projection_timeline_event WHERE global_index = ?",
                Long.class, devAuthorization)).as("an event concerning three versions is stored once").isEqualTo(1);
        JsonNode four = read(p, "/projects/billing/migrations/4/timeline").path("events");
        assertThat(four.findValuesAsText("summary")).anySatisfy(text -> assertThat(text).startsWith("corrects 3"));
    }

    @Test
    void aRepeatableIsPendingAgainWhereItsNewChecksumHasNotRun() {
        String p = "views";
        commands.sendAndWait(Fixtures.project(p));
        commands.sendAndWait(Fixtures.plan(p, "1", "R__views"));
        authorize(p, "dev", "run-1", "1", "R__views");
        record(p, "dev", applied("run-1/1", "1", "-- 1", "2026-05-01T10:00:00Z"),
                applied("run-1/R__views", "R__views", "-- R__views", "2026-05-01T10:01:00Z"));
        assertThat(read(p, "/projects/views/environments/dev/state").path("pending")).isEmpty();

        String changed = Fixtures.checksum("-- R__views, second edition");
        commands.sendAndWait(new PlanMigrations(p, List.of(new MigrationDefinition("R__views", "views", changed,
                ChangeClass.ADDITIVE, null, null, null, null, "OPS-2", "alice")), "ci-bot"));
        JsonNode dev = read(p, "/projects/views/environments/dev/state");
        assertThat(texts(dev.path("pending"), "version")).containsExactly("R__views");
        assertThat(texts(dev.path("pending"), "checksum")).containsExactly(changed);
        assertThat(texts(dev.path("applied"), "checksum")).contains(Fixtures.checksum("-- R__views"));
        assertThat(texts(read(p, "/projects/views/environments/staging/state").path("pending"), "version"))
                .as("never ran there: versioned first, then the repeatable").containsExactly("1", "R__views");
    }

    @Test
    void projectsAreListedWithTheirEnvironmentsInOrder() {
        commands.sendAndWait(Fixtures.project("listed"));

        JsonNode project = read("listed", "/projects/listed");
        assertThat(texts(project.path("environments"), "name")).containsExactly("dev", "staging", "prod");
        assertThat(project.path("environments").get(2).path("policy").path("requiredApprovals").asInt()).isEqualTo(1);
        assertThat(project.path("environments").get(2).path("policy").path("promoteFrom").asText()).isEqualTo("staging");
        assertThat(project.path("registeredBy").asText()).isEqualTo("admin");
        assertThat(texts(read("listed", "/projects"), "id")).contains("listed");
    }

    @Test
    void unknownProjectsEnvironmentsAndMigrationsAreRejectedWithTheirCodes() {
        commands.sendAndWait(Fixtures.project("known"));
        read("known", "/projects/known");

        assertThatThrownBy(() -> states.state("unknown", "dev")).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.hasCode(ReasonCode.UNKNOWN_PROJECT)).isTrue());
        assertThatThrownBy(() -> states.state("known", "qa")).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.hasCode(ReasonCode.UNKNOWN_ENVIRONMENT)).isTrue());
        assertThatThrownBy(() -> timelines.timeline("known", "9")).isInstanceOfSatisfying(CommandRejectedException.class,
                e -> assertThat(e.hasCode(ReasonCode.UNKNOWN_MIGRATION)).isTrue());
        assertThatThrownBy(() -> timelines.timeline("known", "not-a-version"))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        e -> assertThat(e.hasCode(ReasonCode.INVALID_INPUT)).isTrue());
    }
}
