package dev.migrationledger.executor.sql;

import dev.migrationledger.executor.sql.DdlFact.AddColumn;
import dev.migrationledger.executor.sql.DdlFact.AddConstraint;
import dev.migrationledger.executor.sql.DdlFact.AlterColumnType;
import dev.migrationledger.executor.sql.DdlFact.ColumnNullability;
import dev.migrationledger.executor.sql.DdlFact.ConstraintKind;
import dev.migrationledger.executor.sql.DdlFact.CreateIndex;
import dev.migrationledger.executor.sql.DdlFact.DetachPartition;
import dev.migrationledger.executor.sql.DdlFact.Drop;
import dev.migrationledger.executor.sql.DdlFact.DropIndex;
import dev.migrationledger.executor.sql.DdlFact.Reindex;
import dev.migrationledger.executor.sql.DdlFact.Rename;
import dev.migrationledger.executor.sql.DdlFact.TableRewrite;
import dev.migrationledger.executor.sql.DdlFact.Truncate;
import dev.migrationledger.executor.sql.DdlFact.ValidateConstraint;
import java.util.Optional;

/**
 * The table lock PostgreSQL takes for a statement (the "Lock Level" paragraphs of the ALTER TABLE,
 * CREATE INDEX, REINDEX and TRUNCATE pages), as the table it is taken on and its mode. Static: the
 * real modes of one server are what {@code ledger lint --verify-on} observes.
 */
public final class Locks {

    public static final String ACCESS_EXCLUSIVE = "AccessExclusiveLock";
    public static final String SHARE_ROW_EXCLUSIVE = "ShareRowExclusiveLock";
    public static final String SHARE = "ShareLock";
    public static final String SHARE_UPDATE_EXCLUSIVE = "ShareUpdateExclusiveLock";

    /** A lock on a table; {@code table} is null when the statement names an index, not its table. */
    public record TableLock(String table, String mode) {

        public boolean blocksReads() {
            return ACCESS_EXCLUSIVE.equals(mode);
        }
    }

    private Locks() {
    }

    public static Optional<TableLock> of(DdlFact fact) {
        if (fact instanceof AddConstraint a) {
            if (a.constraint().kind() == ConstraintKind.FOREIGN_KEY) {
                return lock(a.table(), SHARE_ROW_EXCLUSIVE);
            }
            return lock(a.table(), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof ValidateConstraint v) {
            return lock(v.table(), SHARE_UPDATE_EXCLUSIVE);
        }
        if (fact instanceof CreateIndex i) {
            return lock(i.table(), i.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE);
        }
        if (fact instanceof DropIndex d) {
            return lock(null, d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        }
        if (fact instanceof Reindex r) {
            return lock(null, r.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        }
        if (fact instanceof DetachPartition d) {
            return lock(d.table(), d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE);
        }
        if (fact instanceof AddColumn a) {
            return lock(a.table(), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof AlterColumnType a) {
            return lock(a.table(), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof ColumnNullability n) {
            return lock(n.table(), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof Drop d) {
            return lock(d.table(), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof Rename r && (r.what() == DdlFact.Renamed.TABLE || r.what() == DdlFact.Renamed.COLUMN)) {
            return lock(r.object(), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof Truncate t) {
            return lock(t.tables().isEmpty() ? null : t.tables().get(0), ACCESS_EXCLUSIVE);
        }
        if (fact instanceof TableRewrite t) {
            return lock(t.table(), ACCESS_EXCLUSIVE);
        }
        return Optional.empty();
    }

    private static Optional<TableLock> lock(String table, String mode) {
        return Optional.of(new TableLock(table, mode));
    }
}
