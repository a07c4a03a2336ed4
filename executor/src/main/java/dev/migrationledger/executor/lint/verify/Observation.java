package dev.migrationledger.executor.lint.verify;

import java.util.List;

/**
 * What PostgreSQL did when a new migration ran in the scratch database ({@code ledger lint --verify-on}).
 *
 * @param target         the target, as {@code host:port/database} (no credentials)
 * @param serverVersion  the target's {@code server_version}
 * @param scratchDatabase the database the migrations ran in, dropped since
 * @param applied        migrations the target had applied, replayed into the scratch database first
 * @param migrations     the new migrations, in order, as observed
 */
public record Observation(String target, String serverVersion, String scratchDatabase, List<String> applied,
                          List<Migration> migrations) {

    /** One new migration: its statements, or the error that stopped it (later migrations then do not run). */
    public record Migration(String file, boolean inTransaction, long durationMs, List<Statement> statements,
                            String error) {
    }

    /**
     * One statement. {@code locks} are the table locks its transaction held once it had run, on tables that
     * existed before the migration (none can be observed for a statement run outside a transaction block);
     * {@code rewritten} the existing tables whose storage file (relfilenode) it replaced.
     */
    public record Statement(int line, String sql, long durationMs, List<Lock> locks, List<String> rewritten,
                            String error) {
    }

    public record Lock(String table, String mode) {
    }
}
