package dev.migrationledger.service.projection.scripts;

import dev.migrationledger.ledger.api.ScriptFinding;

import java.time.Instant;
import java.util.List;

/**
 * What an approver reads before approving: the planned checksum, its text (null when the plan sent none,
 * e.g. from an older CLI), the lint findings of that plan and, after a replan, the unified diff against the
 * previous checksum's text.
 */
public record MigrationScript(String project, String version, String checksum, boolean stored, String text,
                              Instant storedAt, String storedBy, List<ScriptFinding> findings,
                              String previousChecksum, String diff, long lastIndex) {
}
