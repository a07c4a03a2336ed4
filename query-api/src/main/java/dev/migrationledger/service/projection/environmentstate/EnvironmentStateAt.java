package dev.migrationledger.service.projection.environmentstate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationledger.ledger.api.*;
import dev.migrationledger.ledger.domain.CommandRejectedException;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.Version;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an environment held at a past instant, folded from the project's own events rather than read
 * from today's tables (which only know the present). The clock is {@code recordedAt}: the ledger's
 * truth is what it had recorded by then, so the answer never changes once given, even when a fact
 * about an earlier execution arrives late. Events are read in the project's sequence order and the
 * fold stops at the first one recorded after {@code at}, so the answer is a prefix of the chain —
 * a state the aggregate really was in. The rules mirror {@link EnvironmentStateProjection} and
 * {@link EnvironmentStateQuery}; the point-in-time test holds them to the same answers.
 */
@Component
public class EnvironmentStateAt {

    private record Planned(String description, String checksum) {
    }

    private record Row(long index, LedgerEvent event) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectMapper json;

    EnvironmentStateAt(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.json = json;
    }

    public EnvironmentState state(String project, String environment, Instant at) {
        List<Row> rows = jdbc.query("""
                SELECT global_index, payload_type, payload_revision, payload FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, n) -> new Row(rs.getLong("global_index"), serializer.deserialize(new SimpleSerializedObject<>(
                        rs.getBytes("payload"), byte[].class, rs.getString("payload_type"),
                        rs.getString("payload_revision")))), project);
        Map<String, EnvironmentState.Applied> applied = new LinkedHashMap<>();
        Map<String, EnvironmentState.Failed> failed = new LinkedHashMap<>();
        Map<String, EnvironmentState.OpenDrift> drift = new LinkedHashMap<>();
        Map<String, Planned> planned = new LinkedHashMap<>();
        Map<String, String> supersededBy = new LinkedHashMap<>();
        List<String> environments = null;
        long lastIndex = -1;
        for (Row row : rows) {
            LedgerEvent event = row.event();
            if (event.recordedAt().isAfter(at)) {
                break;
            }
            lastIndex = row.index();
            if (event instanceof ProjectRegistered e) {
                environments = e.environments().stream().map(EnvironmentDefinition::name).toList();
            } else if (event instanceof MigrationPlanned e) {
                planned.put(e.migration().version(), new Planned(e.migration().description(), e.migration().checksum()));
            } else if (event instanceof MigrationReplanned e) {
                planned.put(e.migration().version(), new Planned(e.migration().description(), e.migration().checksum()));
            } else if (event instanceof MigrationCorrected e) {
                supersededBy.put(e.version(), e.correctedBy());
            } else if (!environment.equals(environmentOf(event))) {
                continue;
            } else if (event instanceof MigrationApplied e) {
                Planned p = planned.get(e.version());
                put(applied, e.version(), new EnvironmentState.Applied(e.version(), p == null ? null : p.description(),
                        e.checksum(), e.finishedAt(), e.actor(), e.executionId(), json.valueToTree(e.violations())));
                failed.remove(e.version());
            } else if (event instanceof MigrationFailed e) {
                put(failed, e.version(), new EnvironmentState.Failed(e.version(), e.error(), e.finishedAt()));
            } else if (event instanceof MigrationRolledBack e) {
                applied.remove(e.version());
            } else if (event instanceof BaselineRecorded e) {
                baseline(e, planned, applied, failed);
            } else if (event instanceof DriftDetected e) {
                drift.putIfAbsent(e.findingId(), new EnvironmentState.OpenDrift(e.findingId(), e.kind(), e.version(),
                        e.detail(), json.valueToTree(e.objects() == null ? List.of() : e.objects()), e.scanId(),
                        e.occurredAt(), e.actor()));
            } else if (event instanceof DriftResolved e) {
                drift.remove(e.findingId());
            }
        }
        if (environments == null) {
            throw new CommandRejectedException(ReasonCode.UNKNOWN_PROJECT.reason(
                    "no project '" + project + "' was registered at " + at));
        }
        if (!environments.contains(environment)) {
            throw new CommandRejectedException(ReasonCode.UNKNOWN_ENVIRONMENT.reason("project " + project
                    + " has no environment '" + environment + "'; it has " + String.join(", ", environments)));
        }
        List<EnvironmentState.Pending> pending = new ArrayList<>();
        planned.forEach((version, p) -> {
            EnvironmentState.Applied a = applied.get(version);
            boolean stale = a != null && Version.parse(version).isRepeatable() && !Objects.equals(a.checksum(), p.checksum());
            if (!supersededBy.containsKey(version) && (a == null || stale)) {
                pending.add(new EnvironmentState.Pending(version, p.checksum()));
            }
        });
        pending.sort(Comparator.comparing(p -> Version.parse(p.version())));
        List<EnvironmentState.Failed> stillFailed = failed.values().stream()
                .filter(f -> !supersededBy.containsKey(f.version())).toList();
        String current = applied.keySet().stream().map(Version::parse).filter(v -> !v.isRepeatable())
                .max(Comparator.naturalOrder()).map(Version::key).orElse(null);
        return new EnvironmentState(project, environment, current, lastIndex, List.copyOf(applied.values()), pending,
                stillFailed, List.copyOf(drift.values()));
    }

    /** Imported history counts as applied (or failed) at the time the other tool recorded it. */
    private void baseline(BaselineRecorded e, Map<String, Planned> planned, Map<String, EnvironmentState.Applied> applied,
                          Map<String, EnvironmentState.Failed> failed) {
        if (e.success()) {
            Planned p = planned.get(e.version());
            String description = e.description() != null ? e.description() : p == null ? null : p.description();
            put(applied, e.version(), new EnvironmentState.Applied(e.version(), description, e.checksum(),
                    e.occurredAt(), e.actor(), e.sourceId(), json.valueToTree(List.of())));
            failed.remove(e.version());
        } else {
            put(failed, e.version(), new EnvironmentState.Failed(e.version(),
                    "failed according to " + e.tool().wireName() + " history", e.occurredAt()));
        }
    }

    /** A row written again moves to the end, as the projection's upsert moves it to its new global index. */
    private static <T> void put(Map<String, T> map, String key, T value) {
        map.remove(key);
        map.put(key, value);
    }

    private static String environmentOf(LedgerEvent event) {
        if (event instanceof RecordedFact e) return e.environment();
        if (event instanceof BaselineRecorded e) return e.environment();
        if (event instanceof DriftDetected e) return e.environment();
        if (event instanceof DriftResolved e) return e.environment();
        return null;
    }
}
