package dev.migrationledger.ledger.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.migrationledger.ledger.domain.Reason;

import java.util.List;

/**
 * A planned migration not yet applied in one environment, and what still blocks it there: the reasons an
 * authorization request would be denied with now (empty: it would be authorized), and the approvals that count
 * against the policy's required number.
 */
public record PendingMigration(String version, String environment, String description, String author,
                               String plannedBy, String changeClass, String checksum,
                               int approvals, int requiredApprovals, List<String> approvers,
                               boolean backupRequired, List<Reason> blockedBy) {

    public PendingMigration {
        approvers = List.copyOf(approvers);
        blockedBy = List.copyOf(blockedBy);
    }

    @JsonProperty("ready")
    public boolean ready() {
        return blockedBy.isEmpty();
    }
}
