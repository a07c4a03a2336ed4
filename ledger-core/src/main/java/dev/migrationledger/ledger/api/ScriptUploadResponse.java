package dev.migrationledger.ledger.api;

/** {@code stored} is false when the ledger already had this checksum's text. */
public record ScriptUploadResponse(String version, String checksum, boolean stored, long lastIndex) {
}
