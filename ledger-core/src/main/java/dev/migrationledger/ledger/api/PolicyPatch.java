package dev.migrationledger.ledger.api;

import dev.migrationledger.ledger.domain.BackupVerification;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.EnvironmentPolicy;

import java.util.Set;

/**
 * A partial policy: null fields keep the current value. Patching rather than replacing means a
 * request that only freezes prod cannot silently drop prod's backup requirement.
 * {@code promoteFrom} "" clears the promotion source.
 */
public record PolicyPatch(Integer requiredApprovals, Set<ChangeClass> backupRequiredFor, String promoteFrom,
                          Boolean outOfOrder, Boolean frozen, BackupVerification backupVerification,
                          String reviewWithin) {

    public PolicyPatch(Integer requiredApprovals, Set<ChangeClass> backupRequiredFor, String promoteFrom,
                       Boolean outOfOrder, Boolean frozen) {
        this(requiredApprovals, backupRequiredFor, promoteFrom, outOfOrder, frozen, null, null);
    }

    public EnvironmentPolicy applyTo(EnvironmentPolicy current) {
        return new EnvironmentPolicy(
                requiredApprovals != null ? requiredApprovals : current.requiredApprovals(),
                backupRequiredFor != null ? backupRequiredFor : current.backupRequiredFor(),
                promoteFrom == null ? current.promoteFrom() : promoteFrom.isBlank() ? null : promoteFrom,
                outOfOrder != null ? outOfOrder : current.outOfOrder(),
                frozen != null ? frozen : current.frozen(),
                backupVerification != null ? backupVerification : current.backupVerification(),
                reviewWithin != null ? reviewWithin : current.reviewWithin());
    }

    /** The policy of a new environment: omitted fields take the defaults of SPEC §3. */
    public EnvironmentPolicy withDefaults(boolean lastEnvironment) {
        return applyTo(EnvironmentPolicy.defaults(lastEnvironment));
    }
}
