package dev.migrationledger.service.receipts;

import dev.migrationledger.ledger.api.ApprovalRevoked;
import dev.migrationledger.ledger.api.BackupVerified;
import dev.migrationledger.ledger.api.ChangeReviewed;
import dev.migrationledger.ledger.api.DefinesMigration;
import dev.migrationledger.ledger.api.ExecutionAttempt;
import dev.migrationledger.ledger.api.ExecutionAuthorized;
import dev.migrationledger.ledger.api.LedgerEvent;
import dev.migrationledger.ledger.api.MigrationApproved;
import dev.migrationledger.ledger.api.MigrationDefinition;
import dev.migrationledger.ledger.api.MigrationPlanned;
import dev.migrationledger.ledger.api.MigrationReplanned;
import dev.migrationledger.ledger.api.RecordedFact;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.api.VersionScoped;
import dev.migrationledger.ledger.domain.CountingApprovals;
import dev.migrationledger.ledger.domain.Reason;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import dev.migrationledger.ledger.integrity.ReceiptPredicate;
import dev.migrationledger.service.eventstore.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Gathers a receipt's predicate from a project's history as it stood when the fact was recorded: only
 * events before the fact's global index count, so a later revocation or backup never changes what an
 * earlier receipt says, and a receipt re-issued later says the same thing — but for the fact's own
 * after-the-fact review (§10), which a receipt built after it includes.
 */
final class PredicateAssembler {

    private final List<FactHistory.Recorded> history;
    /**
     * The history by what a receipt looks its evidence up by, each in global order: a batch's receipts would
     * otherwise walk the whole project's history several times per fact.
     */
    private final Map<String, List<FactHistory.Recorded>> byVersion = new HashMap<>();
    private final Map<String, List<FactHistory.Recorded>> backupsByEnvironment = new HashMap<>();
    private final Map<String, List<FactHistory.Recorded>> authorizationsByExecution = new HashMap<>();
    /** A review closes the emergency change whose executionId is its reviewId; the aggregate records one per fact. */
    private final Map<String, FactHistory.Recorded> reviewsByExecution = new HashMap<>();
    private final String project;
    private final LongUnaryOperator leafIndexOf;
    private final Function<ExecutionAuthorized, DsseEnvelope> signedAuthorization;

    /**
     * @param leafIndexOf         the leaf index of a global index; throws when that event is not logged yet
     * @param signedAuthorization the signed authorization the executor received for an authorization, or null
     */
    PredicateAssembler(String project, List<FactHistory.Recorded> history, LongUnaryOperator leafIndexOf,
                       Function<ExecutionAuthorized, DsseEnvelope> signedAuthorization) {
        this.project = project;
        this.history = history;
        this.leafIndexOf = leafIndexOf;
        this.signedAuthorization = signedAuthorization;
        for (FactHistory.Recorded r : history) {
            LedgerEvent event = r.event();
            if (event instanceof BackupVerified b) {
                backupsByEnvironment.computeIfAbsent(b.environment(), k -> new ArrayList<>()).add(r);
            } else if (event instanceof ExecutionAuthorized a) {
                authorizationsByExecution.computeIfAbsent(a.executionId(), k -> new ArrayList<>()).add(r);
            } else if (event instanceof ChangeReviewed c) {
                reviewsByExecution.putIfAbsent(c.reviewId(), r);
            } else if (event instanceof DefinesMigration d) {
                byVersion.computeIfAbsent(d.migration().version(), k -> new ArrayList<>()).add(r);
            } else if (event instanceof VersionScoped v) {
                byVersion.computeIfAbsent(v.version(), k -> new ArrayList<>()).add(r);
            } else {
                throw new IllegalArgumentException("a receipt relies on no " + event.getClass().getSimpleName());
            }
        }
    }

    private List<FactHistory.Recorded> ofVersion(String version) {
        return byVersion.getOrDefault(version, List.of());
    }

    /** The receipt for the fact recorded with {@code executionId}, if there is one. */
    Optional<ReceiptEvidence> forFact(String executionId) {
        return history.stream().filter(r -> executionId.equals(executionIdOf(r.event()))).reduce((a, b) -> b)
                .map(this::forFact);
    }

    /** The receipt for the newest fact of {@code version} in {@code environment}, or of its approvals if none. */
    Optional<ReceiptEvidence> forMigration(String environment, String version) {
        Optional<FactHistory.Recorded> fact = ofVersion(version).stream()
                .filter(r -> r.event() instanceof RecordedFact f && environment.equals(f.environment())).reduce((a, b) -> b);
        if (fact.isPresent()) {
            return fact.map(this::forFact);
        }
        return plan(version, Long.MAX_VALUE).map(planned -> assemble(planned, environment, version, null, Long.MAX_VALUE));
    }

    /** The receipt for this recorded fact, which must be one of the history's. */
    ReceiptEvidence forFact(FactHistory.Recorded fact) {
        RecordedFact event = factOf(fact);
        FactHistory.Recorded planned = plan(event.version(), fact.row().globalIndex()).orElse(null);
        return assemble(planned, event.environment(), event.version(), fact, fact.row().globalIndex());
    }

    private ReceiptEvidence assemble(FactHistory.Recorded planned, String environment, String version,
                                     FactHistory.Recorded fact, long before) {
        List<StoredEvent> evidence = new ArrayList<>();
        MigrationDefinition migration = planned == null ? null : definition(planned.event());
        RecordedFact recorded = fact == null ? null : factOf(fact);
        ExecutionAttempt attempt = recorded instanceof ExecutionAttempt a ? a : null;
        String checksum = migration != null ? migration.checksum() : attempt == null ? null : attempt.checksum();
        String plannedBy = null;
        if (planned != null) {
            evidence.add(planned.row());
            plannedBy = migration.author() != null ? migration.author() : planned.event().actor();
        }
        List<ReceiptPredicate.Approval> approvals = new ArrayList<>();
        String planner = firstPlanner(version, before);
        for (FactHistory.Recorded approval : countingApprovals(version, checksum, environment, plannedBy, planner, before)) {
            MigrationApproved a = (MigrationApproved) approval.event();
            evidence.add(approval.row());
            approvals.add(new ReceiptPredicate.Approval(a.actor(), a.occurredAt(), a.checksum(), a.environment(),
                    leafIndexOf.applyAsLong(approval.row().globalIndex())));
        }
        FactHistory.Recorded backup = last(backupsByEnvironment.getOrDefault(environment, List.of()), before, r -> true);
        if (backup != null) {
            evidence.add(backup.row());
        }
        String authorizationId = attempt == null ? null : attempt.authorizationId();
        FactHistory.Recorded authorization = authorizationId == null ? null
                : last(authorizationsByExecution.getOrDefault(authorizationId, List.of()), before,
                        r -> ((ExecutionAuthorized) r.event()).environment().equals(environment));
        if (authorization != null) {
            evidence.add(authorization.row());
        }
        if (fact != null) {
            evidence.add(fact.row());
        }
        ReceiptPredicate predicate = new ReceiptPredicate(project, environment, version,
                migration == null ? null : migration.description(), checksum, plannedBy, approvals,
                backup == null ? null : backup((BackupVerified) backup.event(), leafIndexOf.applyAsLong(backup.row().globalIndex())),
                authorization == null ? null : authorization((ExecutionAuthorized) authorization.event(),
                        leafIndexOf.applyAsLong(authorization.row().globalIndex())),
                recorded == null ? null : execution(recorded),
                attempt == null ? null : attempt.gitSha(), attempt == null ? null : attempt.pipelineUrl(),
                recorded == null || recorded.tool() == null ? null : recorded.tool().wireName(),
                recorded == null ? List.of() : violations(recorded), null);
        FactHistory.Recorded review = recorded == null ? null : reviewOf(recorded.executionId());
        if (review != null) {
            ChangeReviewed r = (ChangeReviewed) review.event();
            evidence.add(review.row());
            predicate = predicate.withReview(new ReceiptPredicate.Review(r.reviewId(), r.actor(), r.recordedAt(), r.comment(),
                    leafIndexOf.applyAsLong(review.row().globalIndex())));
        }
        return new ReceiptEvidence(ReceiptEvidence.scriptName(version, predicate.description()), predicate, evidence,
                environment, version, recorded == null ? null : recorded.executionId());
    }

    /**
     * The approvals that count ({@link CountingApprovals}) among those live before {@code before}: a revocation or a
     * replan's voiding ends an approval.
     */
    private List<FactHistory.Recorded> countingApprovals(String version, String checksum, String environment,
                                                         String author, String planner, long before) {
        Map<String, FactHistory.Recorded> live = new LinkedHashMap<>();
        for (FactHistory.Recorded r : ofVersion(version)) {
            if (r.row().globalIndex() >= before) {
                break;
            }
            if (r.event() instanceof ApprovalRevoked revoked && revoked.version().equals(version)) {
                live.remove(revoked.approvalId());
            } else if (r.event() instanceof MigrationReplanned replanned && replanned.migration().version().equals(version)
                    && replanned.voidedApprovals() != null) {
                replanned.voidedApprovals().forEach(live::remove);
            } else if (r.event() instanceof MigrationApproved a && a.version().equals(version)) {
                live.put(a.approvalId(), r);
            }
        }
        return CountingApprovals.select(live.values(), r -> {
            MigrationApproved a = (MigrationApproved) r.event();
            return new CountingApprovals.Vote(a.actor(), a.checksum(), a.environment());
        }, checksum, environment, author, planner);
    }

    /** Who first planned {@code version}: a replan changes the script, not who planned it. */
    private String firstPlanner(String version, long before) {
        for (FactHistory.Recorded r : ofVersion(version)) {
            if (r.row().globalIndex() >= before) {
                break;
            }
            if (r.event() instanceof MigrationPlanned p && p.migration().version().equals(version)) {
                return p.actor();
            }
        }
        return null;
    }

    /** The review of this execution, logged after it; the aggregate records at most one. */
    private FactHistory.Recorded reviewOf(String executionId) {
        return reviewsByExecution.get(executionId);
    }

    private Optional<FactHistory.Recorded> plan(String version, long before) {
        return Optional.ofNullable(last(ofVersion(version), before, r -> definition(r.event()) != null));
    }

    private static FactHistory.Recorded last(List<FactHistory.Recorded> events, long before,
                                             java.util.function.Predicate<FactHistory.Recorded> match) {
        FactHistory.Recorded found = null;
        for (FactHistory.Recorded r : events) {
            if (r.row().globalIndex() >= before) {
                break;
            }
            if (match.test(r)) {
                found = r;
            }
        }
        return found;
    }

    private static ReceiptPredicate.Backup backup(BackupVerified b, long leafIndex) {
        return new ReceiptPredicate.Backup(b.backupId(), b.location(), b.takenAt(), b.actor(), leafIndex);
    }

    private ReceiptPredicate.Authorization authorization(ExecutionAuthorized a, long leafIndex) {
        return new ReceiptPredicate.Authorization(a.executionId(), a.actor(), a.occurredAt(), leafIndex,
                signedAuthorization.apply(a));
    }

    private static ReceiptPredicate.Execution execution(RecordedFact fact) {
        String outcome = fact.outcome().name();
        return fact.match(
                a -> new ReceiptPredicate.Execution(a.executionId(), a.startedAt(), a.finishedAt(), outcome, null),
                f -> new ReceiptPredicate.Execution(f.executionId(), f.startedAt(), f.finishedAt(), outcome, f.error()),
                // The predicate has no reason field; a rollback's reason is what an auditor reads in its place.
                r -> new ReceiptPredicate.Execution(r.executionId(), null, r.occurredAt(), outcome, r.reason()));
    }

    private static RecordedFact factOf(FactHistory.Recorded recorded) {
        if (recorded.event() instanceof RecordedFact fact) {
            return fact;
        }
        throw new IllegalArgumentException("not a fact: " + recorded.row().payloadType());
    }

    private static MigrationDefinition definition(LedgerEvent event) {
        return event instanceof DefinesMigration d ? d.migration() : null;
    }

    static String executionIdOf(LedgerEvent event) {
        return event instanceof RecordedFact fact ? fact.executionId() : null;
    }

    /** A receipt's violations have never named the field; without it the receipt's bytes stay what they were. */
    private static List<ReportedReason> violations(RecordedFact fact) {
        List<Reason> reasons = fact.violations();
        return reasons == null ? List.of() : reasons.stream()
                .map(r -> new ReportedReason(r.code().name(), r.message(), null)).toList();
    }
}
