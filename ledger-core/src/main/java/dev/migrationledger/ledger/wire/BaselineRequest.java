package dev.migrationledger.ledger.wire;

import dev.migrationledger.ledger.api.ToolChange;
import dev.migrationledger.ledger.domain.Tool;
import java.time.Instant;
import java.util.List;

/** {@code POST …/baselines}: another tool's history, imported as already applied. */
public record BaselineRequest(Tool tool, List<ImportedMigration> entries) {

    /**
     * One migration the tool applied; {@code sourceId} names the history row it came from, {@code change} is the
     * tool's own record of it. An absent {@code success} means true.
     */
    public record ImportedMigration(String version, String description, String checksum, Instant installedAt,
                                    String installedBy, Boolean success, String sourceId, ToolChange change) {
    }
}
