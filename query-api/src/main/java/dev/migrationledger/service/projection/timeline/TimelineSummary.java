package dev.migrationledger.service.projection.timeline;

import dev.migrationledger.ledger.api.*;
import dev.migrationledger.ledger.domain.Reason;

import java.util.List;
import java.util.stream.Collectors;

/** The one-line account of an event that a timeline shows next to its full JSON, one method per event type. */
final class TimelineSummary {

    private TimelineSummary() {
    }

    static String of(MigrationPlanned e) {
        return (e.unplannedFact() ? "recorded as planned by an unplanned fact" : "planned")
                + " with checksum " + shortSum(e.migration().checksum());
    }

    static String of(MigrationReplanned e) {
        return "replanned: checksum " + shortSum(e.previousChecksum()) + " → " + shortSum(e.migration().checksum())
                + ", " + e.voidedApprovals().size() + " approval(s) voided";
    }

    static String of(MigrationApproved e) {
        return "approved checksum " + shortSum(e.checksum()) + " for "
                + (e.environment() == null ? "all environments" : e.environment());
    }

    static String of(ApprovalRevoked e) {
        return "approval " + e.approvalId() + " revoked" + reason(e.reason());
    }

    static String of(ExecutionAuthorized e) {
        return "authorized in " + e.environment() + " for execution " + e.executionId();
    }

    static String of(ExecutionDenied e) {
        return "denied in " + e.environment() + ": " + codes(e.reasons());
    }

    static String of(MigrationApplied e) {
        return "applied in " + e.environment() + " by execution " + e.executionId()
                + (e.violations().isEmpty() ? "" : " with violations " + codes(e.violations()));
    }

    static String of(MigrationFailed e) {
        return "failed in " + e.environment() + reason(e.error());
    }

    /** The same correction reads differently on the failed version's timeline and on its corrector's. */
    static String of(MigrationCorrected e, String version) {
        return version.equals(e.version()) ? "superseded by " + e.correctedBy() + reason(e.reason())
                : "corrects " + e.version() + reason(e.reason());
    }

    static String of(MigrationRolledBack e) {
        return "rolled back in " + e.environment() + reason(e.reason());
    }

    static String of(BaselineRecorded e) {
        return "imported from " + e.tool().wireName() + " history as " + (e.success() ? "applied" : "failed")
                + " in " + e.environment();
    }

    static String of(DriftDetected e) {
        return "drift " + e.kind() + " found in " + e.environment() + reason(e.detail());
    }

    static String of(DriftResolved e) {
        return "drift finding " + e.findingId() + " resolved in " + e.environment();
    }

    private static String shortSum(String checksum) {
        return checksum == null ? "unknown" : checksum.substring(0, Math.min(12, checksum.length()));
    }

    private static String reason(String text) {
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    private static String codes(List<Reason> reasons) {
        return reasons.stream().map(r -> r.code().name()).collect(Collectors.joining(", "));
    }
}
