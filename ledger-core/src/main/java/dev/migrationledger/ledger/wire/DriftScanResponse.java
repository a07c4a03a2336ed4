package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.DriftScanResult;
import java.util.List;

/** {@code POST …/drift-scans}: every finding the scan saw and the earlier ones it resolved. */
public record DriftScanResponse(String scanId, List<DriftScanResult.Finding> findings, List<String> resolved,
                                boolean replayed, long lastIndex) {

    public DriftScanResponse {
        findings = findings == null ? List.of() : findings;
        resolved = resolved == null ? List.of() : resolved;
    }
}
