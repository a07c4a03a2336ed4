package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.*;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static dev.migrationledger.ledger.domain.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * R4 decided from the sorted structures the event sourcing handlers keep (unapplied versions per environment,
 * applied versions in order) must decide exactly as the straightforward walk over every planned and applied
 * version does, after every event of random histories: plans, applies, failures, rollbacks, corrections and
 * imported history, in random order, with random versions applied earlier in the same request.
 */
class SequenceRulePropertyTest {

    private static final List<String> ENVIRONMENTS = List.of(DEV, STAGING, PROD);
    private static final List<String> VERSIONS = List.of("1", "1.1", "1.2", "2", "2.0.1", "3", "9", "10", "10.1",
            "11", "20", "100", "R__views", "R__grants");
    private static final int HISTORIES = 150;
    private static final int EVENTS = 60;

    @Test
    void theSortedStructuresDecideAsTheWalkOverEveryVersionDoes() {
        Random random = new Random(20261202L);
        int decisions = 0;
        int refusals = 0;
        for (int h = 0; h < HISTORIES; h++) {
            ProjectState state = new ProjectState();
            ProjectEvolution evolution = new ProjectEvolution(state);
            evolution.apply(projectRegistered());
            for (int e = 0; e < EVENTS; e++) {
                evolution.apply(randomEvent(random, state, e));
                for (String env : ENVIRONMENTS) {
                    EnvironmentHistory history = state.history(env);
                    assertThat(history.highestApplied()).isEqualTo(highestAppliedByWalk(history));
                    for (String key : VERSIONS) {
                        Set<String> earlier = randomSubset(random, state);
                        Optional<Reason> fast = new PolicyRules(state).sequence(env, key, history, earlier);
                        Optional<Reason> walked = sequenceByWalk(state, env, key, history, earlier);
                        assertThat(fast).as("history %d after event %d, %s in %s with %s applied earlier",
                                h, e, key, env, earlier).isEqualTo(walked);
                        decisions++;
                        refusals += fast.isPresent() ? 1 : 0;
                    }
                }
            }
        }
        // Both outcomes must be well represented, or the comparison proves little.
        assertThat(refusals).isBetween(decisions / 10, decisions - decisions / 10);
    }

    private static LedgerEvent randomEvent(Random random, ProjectState state, int n) {
        String env = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
        String version = VERSIONS.get(random.nextInt(VERSIONS.size()));
        Instant at = EARLIER.plusSeconds(n);
        return switch (random.nextInt(8)) {
            case 0, 1 -> state.migration(version) == null ? planned(version) : applied(env, version);
            case 2, 3 -> applied(env, version);
            case 4 -> failed(env, version);
            case 5 -> new MigrationRolledBack(PROJECT, env, version, "rb-" + n, "broke", Tool.FLYWAY, List.of(),
                    at, at, CI);
            case 6 -> corrected(version, "100");
            default -> new BaselineRecorded(PROJECT, env, version, checksum(version), null, random.nextBoolean(),
                    Tool.FLYWAY, "dba", "h#" + n, at, at, "admin");
        };
    }

    private static Set<String> randomSubset(Random random, ProjectState state) {
        Set<String> subset = new HashSet<>();
        for (String key : state.migrations().keySet()) {
            if (random.nextInt(4) == 0) {
                subset.add(key);
            }
        }
        return subset;
    }

    /** R4 as first written: every planned version filtered, parsed and sorted per decision. */
    private static Optional<Reason> sequenceByWalk(ProjectState state, String environment, String key,
                                                   EnvironmentHistory history, Set<String> appliedEarlierInRequest) {
        Version version = Version.parse(key);
        List<String> missing = state.migrations().keySet().stream()
                .filter(other -> !other.equals(key))
                .filter(other -> !history.isApplied(other) && !appliedEarlierInRequest.contains(other))
                .filter(other -> !state.isSuperseded(other))
                .filter(other -> !Version.parse(other).isRepeatable())
                .filter(other -> version.isRepeatable() || Version.parse(other).compareTo(version) < 0)
                .sorted((a, b) -> Version.parse(a).compareTo(Version.parse(b)))
                .toList();
        if (!missing.isEmpty()) {
            String shown = String.join(", ", missing.subList(0, Math.min(5, missing.size())));
            String listed = missing.size() > 5 ? shown + " and " + (missing.size() - 5) + " more" : shown;
            return Optional.of(ReasonCode.OUT_OF_ORDER.reason("apply " + listed + " in " + environment + " before " + key));
        }
        Version highest = highestAppliedByWalk(history);
        if (!version.isRepeatable() && highest != null && highest.compareTo(version) > 0 && !history.isApplied(key)) {
            return Optional.of(ReasonCode.OUT_OF_ORDER.reason(
                    environment + " already has the higher version " + highest + "; " + key + " would run out of order"));
        }
        return Optional.empty();
    }

    private static Version highestAppliedByWalk(EnvironmentHistory history) {
        List<Version> versioned = new ArrayList<>(history.appliedByVersion().keySet().stream()
                .map(Version::parse).filter(v -> !v.isRepeatable()).toList());
        return versioned.stream().max(Version::compareTo).orElse(null);
    }
}
