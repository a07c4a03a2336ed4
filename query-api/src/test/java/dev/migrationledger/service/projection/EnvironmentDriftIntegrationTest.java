package dev.migrationledger.service.projection;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.service.eventstore.Fixtures;
import dev.migrationledger.service.projection.drift.EnvironmentDriftQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentDriftIntegrationTest extends ReadApiIntegrationTest {

    @Autowired
    EnvironmentDriftQuery drift;

    @Test
    void missingExtraAndDifferingChecksumsAreReportedWithTheTimeTheyBegan() {
        String p = "drifty";
        commands.sendAndWait(Fixtures.project(p));
        commands.sendAndWait(Fixtures.plan(p, "1", "2", "3"));
        record(p, "staging", applied("s/1", "1", "-- 1", "2026-05-01T10:00:00Z"),
                applied("s/2", "2", "-- 2", "2026-05-01T10:01:00Z"),
                applied("s/3", "3", "-- 3", "2026-05-01T10:02:00Z"));
        // facts are recorded whatever rules they break: a hotfixed 2, and an unplanned 5
        record(p, "prod", applied("p/1", "1", "-- 1", "2026-05-02T11:00:00Z"),
                applied("p/2", "2", "-- 2 hotfixed", "2026-05-02T11:01:00Z"),
                applied("p/5", "5", "-- 5", "2026-05-02T11:02:00Z"));

        JsonNode report = read(p, "/projects/drifty/drift?from=staging&to=prod");

        assertThat(report.path("from").asText()).isEqualTo("staging");
        assertThat(report.path("to").asText()).isEqualTo("prod");
        assertThat(report.path("missing")).singleElement().satisfies(d -> {
            assertThat(d.path("version").asText()).isEqualTo("3");
            assertThat(d.path("fromChecksum").asText()).isEqualTo(Fixtures.checksum("-- 3"));
            assertThat(d.path("since").asText()).isEqualTo("2026-05-01T10:02:00Z");
        });
        assertThat(report.path("extra")).singleElement().satisfies(d -> {
            assertThat(d.path("version").asText()).isEqualTo("5");
            assertThat(d.path("toChecksum").asText()).isEqualTo(Fixtures.checksum("-- 5"));
            assertThat(d.path("since").asText()).isEqualTo("2026-05-02T11:02:00Z");
        });
        assertThat(report.path("checksumDiffers")).singleElement().satisfies(d -> {
            assertThat(d.path("version").asText()).isEqualTo("2");
            assertThat(d.path("fromChecksum").asText()).isEqualTo(Fixtures.checksum("-- 2"));
            assertThat(d.path("toChecksum").asText()).isEqualTo(Fixtures.checksum("-- 2 hotfixed"));
            assertThat(d.path("since").asText()).isEqualTo("2026-05-02T11:01:00Z");
        });

        JsonNode reverse = read(p, "/projects/drifty/drift?from=prod&to=staging");
        assertThat(texts(reverse.path("missing"), "version")).containsExactly("5");
        assertThat(texts(reverse.path("extra"), "version")).containsExactly("3");
        assertThat(texts(reverse.path("checksumDiffers"), "version")).containsExactly("2");
    }

    @Test
    void identicalEnvironmentsHaveNoDrift() {
        String p = "aligned";
        commands.sendAndWait(Fixtures.project(p));
        commands.sendAndWait(Fixtures.plan(p, "1", "1.1", "2"));
        record(p, "dev", applied("d/1", "1", "-- 1", "2026-05-01T10:00:00Z"),
                applied("d/1.1", "1.1", "-- 1.1", "2026-05-01T10:00:01Z"));
        record(p, "staging", applied("s/1", "1", "-- 1", "2026-05-01T11:00:00Z"),
                applied("s/1.1", "1.1", "-- 1.1", "2026-05-01T11:00:01Z"));

        JsonNode report = read(p, "/projects/aligned/drift?from=dev&to=staging");

        assertThat(report.path("missing")).isEmpty();
        assertThat(report.path("extra")).isEmpty();
        assertThat(report.path("checksumDiffers")).isEmpty();
    }

    @Test
    void bothEnvironmentsMustBeNamedAndKnown() {
        commands.sendAndWait(Fixtures.project("named"));
        read("named", "/projects/named");

        assertThatThrownBy(() -> drift.between("named", null, "prod")).isInstanceOfSatisfying(
                CommandRejectedException.class, e -> assertThat(e.reasons().get(0).field()).isEqualTo("from"));
        assertThatThrownBy(() -> drift.between("named", "dev", "qa")).isInstanceOfSatisfying(
                CommandRejectedException.class, e -> assertThat(e.hasCode(ReasonCode.UNKNOWN_ENVIRONMENT)).isTrue());
    }
}
