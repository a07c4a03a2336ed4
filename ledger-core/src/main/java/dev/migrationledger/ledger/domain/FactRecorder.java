package dev.migrationledger.ledger.domain;

import dev.migrationledger.ledger.api.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The batch's facts, normalized, once the whole batch is well formed and no executionId in it conflicts with
     * an earlier one or with another in the batch; the aggregate then records them one by one.
     */
    List<ExecutionFact> check(RecordExecutions cmd) {
        List<ExecutionFact> facts = normalize(cmd.facts());
        InputCheck conflicts = new InputCheck();
        Map<String, Digest> inBatch = new HashMap<>();
        for (ExecutionFact fact : facts) {
            Digest requestDigest = RequestDigests.fact(cmd.environment(), fact);
            ProjectState.FactRecord earlier = state.fact(fact.executionId());
            Digest sameBatch = inBatch.putIfAbsent(fact.executionId(), requestDigest);
            if ((earlier != null && !earlier.requestDigest().equals(requestDigest))
                    || (sameBatch != null && !sameBatch.equals(requestDigest))) {
                conflicts.add(ReasonCode.IDEMPOTENCY_CONFLICT.reason("executionId " + fact.executionId()
                        + " was recorded before with other content", "executionId"));
            }
        }
        conflicts.throwIfInvalid();
        return facts;
    }

    /**
     * One checked fact of the batch, judged against the state the facts before it left; a repeated executionId
     * answers the first result and records nothing (R9).
     */
    Decision<FactResult> record(String env, ExecutionFact fact, String actor, Instant now) {
        ProjectState.FactRecord earlier = state.fact(fact.executionId());
        if (earlier != null) {
            FactResult first = earlier.result();
            return Decision.nothing(new FactResult(first.executionId(), first.version(), first.violations(), true));
        }
        return new Decision<>(recordOne(env, fact, actor, now), () -> state.fact(fact.executionId()).result());
    }

    private List<LedgerEvent> recordOne(String env, ExecutionFact fact, String actor, Instant now) {
        List<LedgerEvent> events = new ArrayList<>();
        Set<Reason> violations = new LinkedHashSet<>();
        String key = fact.version();
        MigrationDefinition planned = state.migration(key);
        if (planned == null) {
            planned = new MigrationDefinition(key, "", fact.checksum(), null, null, Phase.NONE, null, null, null, actor);
            // Judged below as before the plan is recorded: the new plan has no approvals, and R4 never waits
            // for the version itself.
            events.add(new MigrationPlanned(projectId, planned, true, now, now, actor));
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
            events.add(new MigrationApplied(projectId, env, key, fact.checksum(), fact.executionId(), authorizationId,
                    fact.authorizationDigest(), fact.startedAt(), fact.finishedAt(), fact.gitSha(), fact.pipelineUrl(), fact.tool(),
                    fact.schemaFingerprint(), list, occurredAt, now, actor));
        } else {
            events.add(new MigrationFailed(projectId, env, key, fact.checksum(), fact.executionId(), authorizationId,
                    fact.authorizationDigest(), fact.startedAt(), fact.finishedAt(), fact.error(), fact.gitSha(), fact.pipelineUrl(), fact.tool(),
                    list, occurredAt, now, actor));
        }
        return events;
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

    Decision<FactResult> rollback(RecordRollback cmd, Instant now) {
        new InputCheck().version("version", cmd.version()).key("executionId", cmd.executionId())
                .text("reason", cmd.reason(), true).throwIfInvalid();
        String key = Version.parse(cmd.version()).key();
        Instant occurredAt = cmd.occurredAt() == null ? now : cmd.occurredAt();
        Tool tool = cmd.tool() == null ? Tool.OTHER : cmd.tool();
        ProjectState.FactRecord earlier = state.fact(cmd.executionId());
        if (earlier != null) {
            boolean same = cmd.occurredAt() == null
                    ? earlier.requestDigest().startsWith(RequestDigests.rollbackWithoutTime(cmd.environment(), key, cmd.reason(), tool))
                    : earlier.requestDigest().equals(RequestDigests.rollback(cmd.environment(), key, cmd.reason(), tool, occurredAt));
            if (!same) {
                throw new CommandRejectedException(ReasonCode.IDEMPOTENCY_CONFLICT.reason(
                        "executionId " + cmd.executionId() + " was recorded before with other content", "executionId"));
            }
            FactResult first = earlier.result();
            return Decision.nothing(new FactResult(first.executionId(), first.version(), first.violations(), true));
        }
        List<Reason> violations = state.migration(key) == null
                ? List.of(ReasonCode.UNPLANNED.reason("version " + key + " was never planned")) : List.of();
        return new Decision<>(List.of(new MigrationRolledBack(projectId, cmd.environment(), key, cmd.executionId(),
                cmd.reason(), tool, violations, occurredAt, now, cmd.actor())),
                () -> state.fact(cmd.executionId()).result());
    }
}
