package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * What a drift scan found: every finding it saw (new ones and ones still open since an earlier
 * scan, {@code since} being when each was first detected) and the findings it no longer saw, which
 * it resolved. A repeated scanId records nothing and answers with the environment's open findings.
 */
public record DriftScanResult(String scanId, List<Finding> findings, List<String> resolved, boolean replayed) {

    public record Finding(String findingId, String kind, String version, String detail, List<String> objects,
                          Instant since, boolean newlyDetected) {

        public Finding {
            objects = objects == null ? List.of() : objects;
        }
    }
}
