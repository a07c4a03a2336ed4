package dev.migrationledger.executor.flyway;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A database's schema as sorted lines (tables, columns and types, indexes, constraints, views, functions,
 * sequences), from information_schema and pg_catalog, with the bookkeeping tables of Flyway and the
 * ledger left out. Two databases migrated the same way print the same lines.
 */
final class SchemaCatalog {

    private static final String BOOKKEEPING = "('flyway_schema_history', 'ledger_outbox')";

    private SchemaCatalog() {
    }

    static List<String> of(TestPostgres.Database db) throws SQLException {
        String sql = "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
                + "   || ' ' || coalesce(column_default, '') FROM information_schema.columns"
                + "   WHERE table_schema = 'public' AND table_name NOT IN " + BOOKKEEPING
                + " UNION ALL SELECT 'index ' || indexdef FROM pg_indexes"
                + "   WHERE schemaname = 'public' AND tablename NOT IN " + BOOKKEEPING
                + " UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)"
                + "   FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                + "   AND conrelid::regclass::text NOT IN " + BOOKKEEPING
                + " UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'"
                + " UNION ALL SELECT 'function ' || proname || '(' || pg_get_function_identity_arguments(oid) || ') '"
                + "   || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace"
                + " UNION ALL SELECT 'sequence ' || sequencename FROM pg_sequences WHERE schemaname = 'public'"
                + " ORDER BY 1";
        List<String> lines = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }
}
