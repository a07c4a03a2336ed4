package dev.migrationledger.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.AuthorizationGrant;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.domain.CountingApprovals;
import dev.migrationledger.ledger.domain.ReasonCode;
import dev.migrationledger.ledger.domain.SeparationOfDuties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Re-checks the policy facts a receipt claims (SPEC §5 R2/R3, §6, §10): the approver is not the author, the
 * approved checksum is the applied one, approval, backup and authorization were recorded before the apply,
 * and the apply ran under the signed authorization the receipt includes (signed by a log key, the same
 * execution, version and checksum as the logged authorization, not expired when the apply started). Who and what come from the signed predicate; the proven events are used to cross-check every field
 * both carry, so a predicate cannot claim an approval its event does not show. Event payloads belong to the
 * service, so only the few fields named here are read and everything else is ignored.
 */
final class ReceiptPolicyCheck {

    /** An event whose leaf, payload and inclusion were all proven. */
    record ProvenEvent(long index, String type, JsonNode payload) {
        String text(String... path) {
            JsonNode node = payload;
            for (String field : path) {
                node = node == null ? null : node.get(field);
            }
            return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
        }
    }

    /** The facts a receipt certifies: an execution's outcome, or a physical rollback. */
    private static final java.util.Set<String> EXECUTION_TYPES =
            java.util.Set.of("MigrationApplied", "MigrationFailed", "MigrationRolledBack");

    private final ReceiptPredicate predicate;
    private final Map<Long, ProvenEvent> events;
    private final List<LogPublicKey> keys;
    private final Predicate<DsseEnvelope> signatureCheck;
    private final CheckList checks;
    /** The signed authorization's grant, once its signature verified and it matched its logged event. */
    private AuthorizationGrant signed;

    ReceiptPolicyCheck(ReceiptPredicate predicate, Map<Long, ProvenEvent> events, List<LogPublicKey> keys,
                       Predicate<DsseEnvelope> signatureCheck, CheckList checks) {
        this.predicate = predicate;
        this.events = events;
        this.keys = keys;
        this.signatureCheck = signatureCheck;
        this.checks = checks;
    }

    void run() {
        checkPlannedBy();
        checkApprovals();
        checkBackup();
        checkAuthorization();
        checkExecution();
        checkReview();
        List<ReportedReason> violations = predicate.violations();
        checks.check("no recorded violations", violations.isEmpty(), violations.isEmpty() ? "none"
                : violations.stream().map(v -> v.code() + " (" + v.message() + ")").collect(Collectors.joining(", ")));
    }

    private void checkPlannedBy() {
        events.values().stream().filter(e -> e.type().equals("MigrationPlanned")).forEach(planned -> {
            String author = planned.text("migration", "author");
            if (author != null) {
                checks.check("author at leaf " + planned.index(), author.equals(predicate.plannedBy()),
                        "event says " + author + ", statement says " + predicate.plannedBy());
            }
        });
    }

    private void checkApprovals() {
        // the principal that planned it, as the proven MigrationPlanned event names it
        String planner = events.values().stream().filter(e -> e.type().equals("MigrationPlanned"))
                .map(e -> e.text("actor")).filter(Objects::nonNull).findFirst().orElse(null);
        java.util.Set<ReceiptPredicate.Approval> counting = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        counting.addAll(CountingApprovals.select(predicate.approvals(),
                a -> new CountingApprovals.Vote(a.approver(), a.checksum(), a.environment()),
                predicate.checksum(), predicate.environment(), predicate.plannedBy(), planner));
        for (ReceiptPredicate.Approval approval : predicate.approvals()) {
            String name = "approval at leaf " + approval.leafIndex();
            // the rule's own name, as the aggregate refuses such an approval and the CLI reports it
            String self = SeparationOfDuties.mayApprove(approval.approver(), predicate.plannedBy(), planner) ? ""
                    : ReasonCode.SELF_APPROVAL.name() + ": " + approval.approver() + " wrote or planned it; ";
            checks.check("approval counts: " + approval.approver(), counting.contains(approval),
                    self + "of checksum " + approval.checksum() + " for " + (approval.environment() == null ? "every environment"
                            : approval.environment()) + "; author " + predicate.plannedBy()
                            + (planner == null ? "" : ", planned by " + planner)
                            + "; an approval counts once per approver, never the author's or planner's (SPEC §5 R2)");
            ProvenEvent event = expect(name, approval.leafIndex(), "MigrationApproved");
            if (event != null) {
                checks.check(name, agrees(event.text("actor"), approval.approver()) && agrees(event.text("checksum"), approval.checksum()),
                        "approved by " + event.text("actor") + " for checksum " + event.text("checksum"));
            }
        }
    }

    private void checkBackup() {
        ReceiptPredicate.Backup backup = predicate.backup();
        if (backup != null) {
            String name = "backup at leaf " + backup.leafIndex();
            ProvenEvent event = expect(name, backup.leafIndex(), "BackupVerified");
            if (event != null) {
                checks.check(name, agrees(event.text("backupId"), backup.backupId()), "backup " + event.text("backupId"));
            }
        }
    }

    private void checkAuthorization() {
        ReceiptPredicate.Authorization authorization = predicate.authorization();
        if (authorization != null) {
            String name = "authorization at leaf " + authorization.leafIndex();
            ProvenEvent event = expect(name, authorization.leafIndex(), "ExecutionAuthorized");
            if (event != null) {
                checks.check(name, agrees(event.text("executionId"), authorization.executionId()),
                        "execution " + event.text("executionId"));
                if (authorization.envelope() != null) {
                    checkSignedAuthorization(authorization, event);
                }
            }
        }
    }

    private void checkSignedAuthorization(ReceiptPredicate.Authorization authorization, ProvenEvent event) {
        AuthorizationGrant grant;
        try {
            grant = SignedAuthorization.verified(authorization.envelope(), keys, signatureCheck);
        } catch (IllegalArgumentException e) {
            checks.fail("signed authorization signature", e.getMessage());
            return;
        }
        checks.pass("signed authorization signature", "key id " + authorization.envelope().signatures().stream()
                .map(s -> s == null ? "?" : s.keyid()).collect(Collectors.joining(", ")));
        List<String> logged = new java.util.ArrayList<>();
        JsonNode migrations = event.payload().get("migrations");
        if (migrations != null) {
            migrations.forEach(m -> logged.add(m.path("version").asText() + "=" + m.path("checksum").asText()));
        }
        List<String> granted = grant.migrations().stream().map(m -> m.version() + "=" + m.checksum()).toList();
        boolean same = Objects.equals(grant.executionId(), event.text("executionId"))
                && Objects.equals(grant.project(), predicate.project())
                && Objects.equals(grant.environment(), predicate.environment())
                && granted.equals(logged)
                && Objects.equals(grant.expiresAt(), instant(event.text("expiresAt")));
        if (checks.check("signed authorization is the one at leaf " + authorization.leafIndex(), same,
                "execution " + grant.executionId() + " in " + grant.environment() + ": " + granted)) {
            signed = grant;
        }
    }

    private void checkExecution() {
        ReceiptPredicate.Execution execution = predicate.execution();
        if (execution == null) {
            boolean bound = predicate.approvals().stream().allMatch(a -> Objects.equals(a.checksum(), predicate.checksum()));
            checks.check("approvals bind the planned checksum", bound, predicate.checksum());
            return;
        }
        ProvenEvent apply = proven(execution.executionId());
        if (!checks.check("execution " + execution.executionId() + " recorded", apply != null,
                apply == null ? "no applied or failed event for it in the receipt" : "at leaf " + apply.index())) {
            return;
        }
        String applied = apply.text("checksum") == null ? predicate.checksum() : apply.text("checksum");
        checks.check("applied checksum is the planned one", applied.equals(predicate.checksum()), applied);
        checks.check("approved checksum = applied checksum",
                predicate.approvals().stream().allMatch(a -> applied.equals(a.checksum())),
                predicate.approvals().size() + " approval(s) of " + applied);
        checks.check("approvals precede the apply", predicate.approvals().stream().allMatch(a -> a.leafIndex() < apply.index()),
                "apply at leaf " + apply.index());
        if (predicate.backup() != null) {
            checks.check("backup precedes the apply", predicate.backup().leafIndex() < apply.index(),
                    "backup at leaf " + predicate.backup().leafIndex() + ", apply at leaf " + apply.index());
        }
        if (predicate.authorization() != null) {
            ReceiptPredicate.Authorization authorization = predicate.authorization();
            // A fact names the authorization that granted it (authorizationId); an authorization may grant
            // several versions, each run as its own execution, so the two ids differ in general.
            String granted = apply.text("authorizationId") != null ? apply.text("authorizationId") : execution.executionId();
            checks.check("authorization precedes the apply", authorization.leafIndex() < apply.index()
                    && Objects.equals(authorization.executionId(), granted),
                    "authorization at leaf " + authorization.leafIndex() + " for " + authorization.executionId());
            if (signed != null) {
                checkRanUnderSignedAuthorization(authorization, apply, applied);
            }
        }
    }

    /**
     * An emergency change's review (§10) is the logged ChangeReviewed of this very fact, by someone other than the
     * fact's actor, recorded after it.
     */
    private void checkReview() {
        ReceiptPredicate.Review review = predicate.review();
        if (review == null) {
            return;
        }
        String name = "review at leaf " + review.leafIndex();
        ProvenEvent event = expect(name, review.leafIndex(), "ChangeReviewed");
        if (event == null) {
            return;
        }
        ReceiptPredicate.Execution execution = predicate.execution();
        checks.check(name, Objects.equals(event.text("reviewId"), review.reviewId())
                        && execution != null && review.reviewId().equals(execution.executionId())
                        && agrees(event.text("actor"), review.reviewer()) && agrees(event.text("comment"), review.comment()),
                "review " + event.text("reviewId") + " by " + event.text("actor") + " of execution "
                        + (execution == null ? "none" : execution.executionId()));
        ProvenEvent fact = execution == null ? null : proven(execution.executionId());
        if (fact != null) {
            String actor = fact.text("actor");
            boolean another = actor == null || !actor.equalsIgnoreCase(review.reviewer());
            checks.check("reviewer is not the change's actor: " + review.reviewer(), another,
                    (another ? "" : ReasonCode.SELF_APPROVAL.name() + ": ") + "recorded by " + actor);
            checks.check("review follows the change", review.leafIndex() > fact.index(),
                    "change at leaf " + fact.index() + ", review at leaf " + review.leafIndex());
        }
    }

    /** The proven fact of this execution, or null. */
    private ProvenEvent proven(String executionId) {
        return events.values().stream().filter(e -> EXECUTION_TYPES.contains(e.type()))
                .filter(e -> Objects.equals(e.text("executionId"), executionId)).findFirst().orElse(null);
    }

    private void checkRanUnderSignedAuthorization(ReceiptPredicate.Authorization authorization, ProvenEvent apply,
                                                  String applied) {
        String version = apply.text("version") == null ? predicate.version() : apply.text("version");
        checks.check("signed authorization grants " + version + " with the applied checksum",
                signed.migrations().stream().anyMatch(m -> m.version().equals(version) && m.checksum().equals(applied)),
                applied);
        String digest = apply.text("authorizationDigest");
        if (digest != null) {
            // The executor names the envelope it verified; a fact naming another one did not run under this one.
            String included = SignedAuthorization.digest(authorization.envelope());
            checks.check("the apply names the included signed authorization", digest.equals(included),
                    "fact names " + digest + ", envelope digest " + included);
        }
        if (signed.expiresAt() != null) {
            Instant started = instant(apply.text("startedAt") != null ? apply.text("startedAt") : apply.text("finishedAt"));
            checks.check("signed authorization unexpired when the apply started", started != null
                    && !started.isAfter(signed.expiresAt()), "started " + started + ", expires " + signed.expiresAt());
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private ProvenEvent expect(String name, long index, String type) {
        ProvenEvent event = events.get(index);
        if (event == null) {
            checks.fail(name, "no proven event at that index");
            return null;
        }
        if (!event.type().equals(type)) {
            checks.fail(name, "the event there is " + event.type() + ", not " + type);
            return null;
        }
        return event;
    }

    /** A field absent from the event cannot contradict the predicate; a present one must match it. */
    private static boolean agrees(String eventValue, String predicateValue) {
        return eventValue == null || eventValue.equals(predicateValue);
    }
}
