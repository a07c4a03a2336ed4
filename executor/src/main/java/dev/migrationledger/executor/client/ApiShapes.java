package dev.migrationledger.executor.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.ledger.api.BackupEvidence;
import dev.migrationledger.ledger.api.ReportedReason;
import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.integrity.DsseEnvelope;
import java.util.List;

/** Request and response bodies of SPEC §7.1, as the client sends and reads them. */
public final class ApiShapes {

    private ApiShapes() {
    }

    /**
     * A backup of an environment, declared or restore-tested; {@code evidence} only from ledger backup verify.
     */
    public record BackupRequest(String backupId, String location, String takenAt, Integer retentionDays,
                                boolean restoreTested, BackupEvidence evidence) {
    }

    public record Denial(String version, List<ReportedReason> reasons) {

        public List<ReportedReason> reasons() {
            return reasons == null ? List.of() : reasons;
        }

        public boolean hasReason(String code) {
            return reasons().stream().anyMatch(r -> code.equals(r.code()));
        }
    }

    /** {@code envelope}: the signed authorization (SPEC §10); what the executor trusts, not the lists beside it. */
    public record AuthorizationResult(String executionId, List<String> authorized, List<Denial> denied,
                                      DsseEnvelope envelope) {

        public List<String> authorized() {
            return authorized == null ? List.of() : authorized;
        }

        public List<Denial> denied() {
            return denied == null ? List.of() : denied;
        }
    }

    /** One public key of the log as {@code GET /keys} lists it. */
    public record ListedKey(String keyName, String keyId, String publicKey) {
    }

    public record KeysResult(String current, List<ListedKey> keys) {

        public List<ListedKey> keys() {
            return keys == null ? List.of() : keys;
        }
    }

    /**
     * One execution fact. Times are RFC 3339 UTC strings, fixed once when the fact is first computed, so a
     * re-send is byte-for-byte the same content and the ledger treats it as a replay (R9), not a conflict.
     * {@code authorizationDigest} names the signed authorization the run verified (left out when none).
     */
    public record Fact(String executionId, String version, String checksum, String status, String startedAt,
                       String finishedAt, String error, String gitSha, String pipelineUrl, String tool,
                       String schemaFingerprint,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String authorizationDigest) {
    }

    public record FactsRequest(List<Fact> facts) {
    }

    public record FactResult(String executionId, List<ReportedReason> violations, String receiptId) {

        public List<ReportedReason> violations() {
            return violations == null ? List.of() : violations;
        }
    }

    public record FactsResult(Long lastIndex, List<FactResult> facts) {

        public List<FactResult> facts() {
            return facts == null ? List.of() : facts;
        }
    }

    /**
     * One row of the target's history table as a scan read it. {@code checksum} is our SHA-256 when known,
     * else null: the tool's own checksum (Flyway's CRC32, Liquibase's MD5SUM) travels in {@code change}.
     */
    public record ScannedHistoryRow(String version, String checksum, boolean success, String installedOn,
                                    String description, String installedBy, String sourceId, ToolChange change) {
    }

    public record DriftScanRequest(String scanId, String tool, List<ScannedHistoryRow> history,
                                   String schemaFingerprint, List<String> schemaDescription) {
    }

    public record DriftFinding(String findingId, String kind, String version, String detail, List<String> objects,
                               String since) {

        public List<String> objects() {
            return objects == null ? List.of() : objects;
        }
    }

    /** {@code resolved} is kept as the service wrote it: the CLI only counts and prints it. */
    public record DriftScanResult(String scanId, List<DriftFinding> findings, JsonNode resolved, Long lastIndex) {

        public List<DriftFinding> findings() {
            return findings == null ? List.of() : findings;
        }
    }

    /**
     * One migration another tool applied; {@code sourceId} names the history row it came from, {@code change} is
     * the tool's own record of it.
     */
    public record BaselineEntry(String version, String description, String checksum, String installedAt,
                                String installedBy, boolean success, String sourceId, ToolChange change) {
    }

    public record BaselineRequest(String tool, List<BaselineEntry> entries) {
    }

    public record BaselineResult(Integer recorded, Long lastIndex) {
    }
}
