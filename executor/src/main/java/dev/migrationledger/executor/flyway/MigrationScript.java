package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.sql.Assessment;
import dev.migrationledger.executor.sql.SchemaChange;
import dev.migrationledger.executor.sql.SqlStatement;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.domain.Phase;
import dev.migrationledger.ledger.domain.RollbackStrategy;
import dev.migrationledger.ledger.domain.Risk;
import dev.migrationledger.ledger.domain.Version;
import java.nio.file.Path;
import java.util.List;

/**
 * One migration file, read and classified. Declared header values win over what the SQL implies;
 * {@link #inferred()} keeps the SQL's own verdict so that lint can point out an understated header.
 * Without a declared rollback the strategy is {@code FORWARD_FIX}: Flyway migrations are forward-only.
 *
 * @param fileName   the path relative to the directory, with '/' separators
 * @param content    the file's bytes, read once: {@link #checksum} is computed from them and Flyway is given
 *                   exactly them ({@link ScriptResources}), so a file edited on disk afterwards never runs
 * @param text       the script after UTF-8 decoding, BOM removal and CRLF→LF (what {@link #checksum} covers)
 * @param statements the top-level statements, in order
 * @param changes    what the statements do, in order
 */
public record MigrationScript(Version version, String description, String fileName, Path path, byte[] content,
                              Checksum checksum, String text, ScriptHeader header, List<SqlStatement> statements,
                              List<SchemaChange> changes, Assessment inferred, ChangeClass changeClass, Risk risk,
                              Phase phase, Version expands, RollbackStrategy rollback, String ticket, String author) {

    public boolean isRepeatable() {
        return version.isRepeatable();
    }
}
