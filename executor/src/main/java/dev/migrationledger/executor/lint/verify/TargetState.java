package dev.migrationledger.executor.lint.verify;

import dev.migrationledger.executor.flyway.FlywayHistoryTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** What the target has before the new migrations: the migrations Flyway applied, its tables, its version. */
record TargetState(Set<String> appliedKeys, Set<String> tables, String serverVersion, int serverVersionNum) {

    /** Tables (and partitioned tables) outside the system schemas and the executor's own bookkeeping. */
    static final String USER_TABLES = "SELECT c.oid, c.relname, c.relfilenode FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm')"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'migration_ledger')"
            + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    static TargetState read(Connection target) throws SQLException {
        Set<String> applied = new HashSet<>();
        for (FlywayHistoryTable.Row row : FlywayHistoryTable.inCurrentSchema(target).rowsAfter(target, 0)) {
            if (row.isRun() && row.success()) {
                applied.add(row.key());
            }
        }
        Set<String> tables = new HashSet<>();
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(USER_TABLES)) {
            while (rs.next()) {
                tables.add(rs.getString("relname"));
            }
        }
        try (Statement st = target.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), current_setting('server_version_num')::int")) {
            rs.next();
            return new TargetState(Set.copyOf(applied), Set.copyOf(tables), rs.getString(1), rs.getInt(2));
        }
    }
}
