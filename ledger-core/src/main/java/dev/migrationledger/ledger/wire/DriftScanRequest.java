package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.HistoryRow;
import dev.migrationledger.ledger.domain.Tool;
import java.util.List;

/**
 * {@code POST …/drift-scans}: the target's history rows and its live schema fingerprint, with the canonical
 * description it hashes (SPEC §5) so that the ledger can name the objects a hand-made change touched.
 */
public record DriftScanRequest(String scanId, Tool tool, List<HistoryRow> history, String schemaFingerprint,
                               List<String> schemaDescription) {
}
