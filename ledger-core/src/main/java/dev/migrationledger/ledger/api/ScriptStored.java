package dev.migrationledger.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * The text of one planned checksum of a migration (UTF-8, BOM removed, LF line ends: the bytes the
 * checksum is computed over), stored once per checksum, with the lint findings of the plan that sent it.
 */
public record ScriptStored(String project, String version, String checksum, String text,
                           List<ScriptFinding> findings,
                           Instant occurredAt, Instant recordedAt, String actor) implements VersionScoped {

    public ScriptStored {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
