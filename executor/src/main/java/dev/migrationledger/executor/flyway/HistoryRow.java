package dev.migrationledger.executor.flyway;

import java.time.Instant;

/**
 * One row of Flyway's schema history table: the target's own truth of what ran, written in the
 * migration's transaction.
 *
 * @param key          the ledger's version key ({@code 1.2}, {@code R__name}), null for rows that are not
 *                     migrations (schema creation, baseline markers, deletes)
 * @param installedOn  when Flyway wrote the row, i.e. when the migration finished
 */
public record HistoryRow(int installedRank, String key, String description, String script, Instant installedOn,
                         int executionTimeMs, boolean success) {
}
