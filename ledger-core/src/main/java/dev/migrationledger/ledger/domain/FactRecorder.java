package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Records what happened (SPEC §5): a well-formed fact is never refused; the rules it broke travel
 * with it as violations. A batch is validated whole before anything is recorded, and a repeated
 * executionId with the same content returns the first result without a new event (R9). Baselines are
 * {@link BaselineImport}'s.
 */
final class FactRecorder {

    static final int MAX_BATCH = 1000;

    private final ProjectState state;
    private final String projectId;

    FactRecorder(ProjectState state, String projectId) {
        this.state = state;
        this.projectId = projectId;
    }

    List<FactResult> record(RecordExecutions cmd, Instant now) {
        List<ExecutionFact> facts = normalize(cmd.facts());
        String env = cmd.environment();
        InputCheck conflicts = new InputCheck();
        Map<String, Digest> inBatch = new HashMap<>();
        for (ExecutionFact fact : facts) {
            Digest fingerprint = Fingerprints.fact(env, fact);
            ProjectState.FactRecord earlier = state.facts.get(fact.executionId());
            Digest sameBatch = inBatch.putIfAbsent(fact.executionId(), fingerprint);
            if ((earlier != null && !earlier.fingerprint().equals(fingerprint))
                    || (sameBatch != null && !sameBatch.equals(fingerprint))) {
                conflicts.add(ReasonCode.IDEMPOTENCY_CONFLICT.reason("executionId " + fact.executionId()
                        + " was recorded before with other content", "executionId"));
            }
        }
        conflicts.throwIfInvalid();
        List<FactResult> results = new ArrayList<>();
        for (ExecutionFact fact : facts) {
            ProjectState.FactRecord earlier = state.facts.get(fact.executionId());
            if (earlier != null) {
                FactResult first = earlier.result();
                results.add(new FactResult(first.executionId(), first.version(), first.violations(), true));
                continue;
            }
            recordOne(env, fact, cmd.actor(), now);
            results.add(state.facts.get(fact.executionId()).result());
        }
        return results;
    }

    private void recordOne(String env, ExecutionFact fact, String actor, Instant now) {
        Set<Reason> violations = new LinkedHashSet<>();
        String key = fact.version();
        MigrationDefinition planned = state.migration(key);
        if (planned == null) {
            planned = new MigrationDefinition(key, "", fact.checksum(), null, null, Phase.NONE, null, null, null, actor);
            apply(new MigrationPlanned(projectId, planned, true, now, now, actor));
            violations.add(ReasonCode.UNPLANNED.reason("version " + key + " was never planned; recorded as planned by " + actor));
        }
        EnvironmentHistory history = state.history(env);
        EnvironmentHistory.Grant grant = history.grant(key);
        String expected = grant != null ? grant.checksum() : planned.checksum();
        String pinned = state.pinnedChecksum(key);
        if (!fact.checksum().equals(expected) || (pinned != null && !pinned.isEmpty() && !pinned.equals(fact.checksum()))) {
            violations.add(ReasonCode.CHECKSUM_MISMATCH.reason("ran checksum " + fact.checksum() + " but "
                    + key + " is planned with " + expected));
        }
        PolicyRules rules = new PolicyRules(state);
        if (grant == null) {
            violations.add(ReasonCode.UNAUTHORIZED.reason("no authorization of " + key + " for " + env + " preceded this execution"));
            violations.addAll(rules.judge(env, planned, Set.of()));
        } else {
            // The authorization already judged approvals, backup, promotion and freezes at its time;
            // what can still go wrong is the order in which things actually ran.
            if (!state.policy(env).outOfOrder()) {
                rules.sequence(env, key, history, Set.of()).ifPresent(violations::add);
            }
            rules.contractBeforeExpand(env, planned, history).ifPresent(violations::add);
        }
        List<Reason> list = List.copyOf(violations);
        String authorizationId = grant == null ? null : grant.authorizationId();
        Instant occurredAt = fact.finishedAt();
        if (fact.status() == ExecutionStatus.APPLIED) {
            apply(new MigrationApplied(projectId, env, key, fact.checksum(), fact.executionId(), authorizationId,
                    fact.authorizationDigest(), fact.startedAt(), fact.finishedAt(), fact.gitSha(), fact.pipelineUrl(), fact.tool(),
                    fact.schemaFingerprint(), list, occurredAt, now, actor));
        } else {
            apply(new MigrationFailed(projectId, env, key, fact.checksum(), fact.executionId(), authorizationId,
                    fact.authorizationDigest(), fact.startedAt(), fact.finishedAt(), fact.error(), fact.gitSha(), fact.pipelineUrl(), fact.tool(),
                    list, occurredAt, now, actor));
        }
    }

    private static List<ExecutionFact> normalize(List<ExecutionFact> facts) {
        InputCheck check = new InputCheck();
        if (facts == null || facts.isEmpty() || facts.size() > MAX_BATCH) {
            check.invalid("facts", "a request records 1 to " + MAX_BATCH + " facts");
            check.throwIfInvalid();
        }
        List<ExecutionFact> normalized = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            ExecutionFact f = facts.get(i);
            String at = "facts[" + i + "]";
            if (f == null) {
                check.invalid(at, at + " is empty");
                continue;
            }
            InputCheck one = new InputCheck().key(at + ".executionId", f.executionId())
                    .version(at + ".version", f.version()).checksum(at + ".checksum", f.checksum())
                    .require(f.status() != null, at + ".status", "status is APPLIED or FAILED")
                    .require(f.finishedAt() != null, at + ".finishedAt", "finishedAt is required (RFC 3339 UTC)")
                    .require(f.startedAt() == null || f.finishedAt() == null || !f.startedAt().isAfter(f.finishedAt()),
                            at + ".startedAt", "startedAt is not after finishedAt")
                    .text(at + ".error", f.error(), false).text(at + ".gitSha", f.gitSha(), false)
                    .text(at + ".pipelineUrl", f.pipelineUrl(), false)
                    .text(at + ".schemaFingerprint", f.schemaFingerprint(), false)
                    .optionalChecksum(at + ".authorizationDigest", f.authorizationDigest());
            one.reasons().forEach(check::add);
            if (one.ok()) {
                boolean applied = f.status() == ExecutionStatus.APPLIED;
                normalized.add(new ExecutionFact(f.executionId(), Version.parse(f.version()).key(),
                        Checksum.parse(f.checksum()).hex(), f.status(), f.startedAt(), f.finishedAt(),
                        applied ? null : f.error(), f.gitSha(), f.pipelineUrl(), f.tool() == null ? Tool.OTHER : f.tool(),
                        applied ? f.schemaFingerprint() : null,
                        f.authorizationDigest() == null ? null : Checksum.parse(f.authorizationDigest()).hex()));
            }
        }
        check.throwIfInvalid();
        return normalized;
    }

    FactResult rollback(RecordRollback cmd, Instant now) {
        new InputCheck().version("version", cmd.version()).key("executionId", cmd.executionId())
                .text("reason", cmd.reason(), true).throwIfInvalid();
        String key = Version.parse(cmd.version()).key();
        Instant occurredAt = cmd.occurredAt() == null ? now : cmd.occurredAt();
        Tool tool = cmd.tool() == null ? Tool.OTHER : cmd.tool();
        ProjectState.FactRecord earlier = state.facts.get(cmd.executionId());
        if (earlier != null) {
            boolean same = cmd.occurredAt() == null
                    ? earlier.fingerprint().startsWith(Fingerprints.rollbackWithoutTime(cmd.environment(), key, cmd.reason(), tool))
                    : earlier.fingerprint().equals(Fingerprints.rollback(cmd.environment(), key, cmd.reason(), tool, occurredAt));
            if (!same) {
                throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                        "executionId " + cmd.executionId() + " was recorded before with other content", "executionId"));
            }
            FactResult first = earlier.result();
            return new FactResult(first.executionId(), first.version(), first.violations(), true);
        }
        List<Reason> violations = state.migration(key) == null
                ? List.of(ReasonCode.UNPLANNED.reason("version " + key + " was never planned")) : List.of();
        apply(new MigrationRolledBack(projectId, cmd.environment(), key, cmd.executionId(), cmd.reason(), tool,
                violations, occurredAt, now, cmd.actor()));
        return state.facts.get(cmd.executionId()).result();
    }
}
