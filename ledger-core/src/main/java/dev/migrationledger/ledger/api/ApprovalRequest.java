package dev.migrationledger.ledger.api;

/** {@code POST …/migrations/{v}/approvals}; {@code environment} null: the approval counts in every environment. */
public record ApprovalRequest(String checksum, String environment, String comment) {
}
