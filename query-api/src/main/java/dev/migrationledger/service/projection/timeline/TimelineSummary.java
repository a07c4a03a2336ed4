package dev.migrationledger.service.projection.timeline;

import dev.migrationledger.ledger.api.*;
import dev.migrationledger.ledger.domain.Reason;

import java.util.List;
import java.util.stream.Collectors;

/** The one-line account of an event that a timeline shows next to its full JSON. */
final class TimelineSummary {

    private TimelineSummary() {
    }

    static String of(LedgerEvent event, String version) {
        if (event instanceof MigrationPlanned e) {
            return (e.unplannedFact() ? "recorded as planned by an unplanned fact" : "planned")
                    + " with checksum " + shortSum(e.migration().checksum());
        } else if (event instanceof MigrationReplanned e) {
            return "replanned: checksum " + shortSum(e.previousChecksum()) + " → " + shortSum(e.migration().checksum())
                    + ", " + e.voidedApprovals().size() + " approval(s) voided";
        } else if (event instanceof MigrationApproved e) {
            return "approved checksum " + shortSum(e.checksum()) + " for "
                    + (e.environment() == null ? "all environments" : e.environment());
        } else if (event instanceof ApprovalRevoked e) {
            return "approval " + e.approvalId() + " revoked" + reason(e.reason());
        } else if (event instanceof ExecutionAuthorized e) {
            return "authorized in " + e.environment() + " for execution " + e.executionId();
        } else if (event instanceof ExecutionDenied e) {
            return "denied in " + e.environment() + ": " + codes(e.reasons());
        } else if (event instanceof MigrationApplied e) {
            return "applied in " + e.environment() + " by execution " + e.executionId()
                    + (e.violations().isEmpty() ? "" : " with violations " + codes(e.violations()));
        } else if (event instanceof MigrationFailed e) {
            return "failed in " + e.environment() + reason(e.error());
        } else if (event instanceof MigrationCorrected e) {
            return version.equals(e.version()) ? "superseded by " + e.correctedBy() + reason(e.reason())
                    : "corrects " + e.version() + reason(e.reason());
        } else if (event instanceof MigrationRolledBack e) {
            return "rolled back in " + e.environment() + reason(e.reason());
        } else if (event instanceof BaselineRecorded e) {
            return "imported from " + e.tool().wireName() + " history as " + (e.success() ? "applied" : "failed")
                    + " in " + e.environment();
        } else if (event instanceof DriftDetected e) {
            return "drift " + e.kind() + " found in " + e.environment() + reason(e.detail());
        } else if (event instanceof DriftResolved e) {
            return "drift finding " + e.findingId() + " resolved in " + e.environment();
        }
        return event.getClass().getSimpleName();
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
