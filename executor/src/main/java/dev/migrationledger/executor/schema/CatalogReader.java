package dev.migrationledger.executor.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the live schema of a PostgreSQL database from its catalog as canonical lines (docs/drift.md,
 * "Schema description format"), in one query inside one read-only snapshot. Left out: PostgreSQL's own
 * schemas, the executor's {@code migration_ledger} schema, the history tables of Flyway, Liquibase,
 * Alembic and Prisma (with their indexes, constraints and sequences), and objects that belong to an
 * extension (the {@code extension} line stands for them): none of those is the application's schema, and
 * each of them changes on every migration run.
 */
public final class CatalogReader {

    /** History tables of the tools we read; their contents change with every run, their shape is not ours. */
    public static final List<String> HISTORY_TABLES = List.of("flyway_schema_history", "databasechangelog",
            "databasechangeloglock", "alembic_version", "_prisma_migrations");

    private static final String SCHEMAS = "nspname NOT IN ('information_schema', 'migration_ledger')"
            + " AND nspname NOT LIKE 'pg\\_%'";

    private static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend e"
            + " WHERE e.classid = '%s'::regclass AND e.objid = %s AND e.deptype = 'e')";

    /*
     * rel: every relation that is ours to describe. The pg_depend test drops what hangs off a history table
     * (its primary key index, an owned sequence) even when the tool named it freely.
     */
    private static final String QUERY = "WITH rel AS ("
            + " SELECT c.oid, c.relname, c.relkind, c.relispartition, c.relpersistence, c.relpartbound, n.nspname || '.' || c.relname AS qname"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE " + SCHEMAS + " AND c.relname NOT IN (" + quotedHistoryTables() + ")"
            + " AND " + NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid")
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class h ON h.oid = d.refobjid"
            + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
            + "   AND h.relname IN (" + quotedHistoryTables() + ")))"
            + " SELECT 'schema', nspname, NULL FROM pg_namespace WHERE " + SCHEMAS
            + " UNION ALL SELECT 'extension', e.extname, e.extversion FROM pg_extension e"
            + "   JOIN pg_namespace n ON n.oid = e.extnamespace WHERE " + SCHEMAS
            + " UNION ALL SELECT 'table', qname, concat_ws(' ', CASE WHEN relpersistence = 'u' THEN 'unlogged' END,"
            + "   CASE WHEN relkind = 'p' THEN 'partitioned by ' || pg_get_partkeydef(oid) END,"
            + "   CASE WHEN relispartition THEN 'partition of ' || (SELECT i.inhparent::regclass::text FROM pg_inherits i"
            + "     WHERE i.inhrelid = rel.oid LIMIT 1) || ' ' || pg_get_expr(relpartbound, rel.oid) END)"
            + "   FROM rel WHERE relkind IN ('r', 'p')"
            + " UNION ALL SELECT 'column', rel.qname || '.' || a.attname, format_type(a.atttypid, a.atttypmod)"
            + "   || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || co.collname ELSE '' END"
            + "   || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END"
            + "   || CASE WHEN a.attgenerated = 's' THEN ' generated always as ' || pg_get_expr(ad.adbin, ad.adrelid) || ' stored'"
            + "      WHEN ad.adbin IS NOT NULL THEN ' default ' || pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END"
            + "   || CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END"
            + "   FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid JOIN pg_type t ON t.oid = a.atttypid"
            + "   LEFT JOIN pg_collation co ON co.oid = a.attcollation"
            + "   LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + "   WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
            + " UNION ALL SELECT 'constraint', rel.qname || '.' || con.conname, pg_get_constraintdef(con.oid)"
            + "   FROM pg_constraint con JOIN rel ON rel.oid = con.conrelid"
            + " UNION ALL SELECT 'index', n.nspname || '.' || ic.relname, pg_get_indexdef(i.indexrelid)"
            + "   FROM pg_index i JOIN rel ON rel.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid"
            + "   JOIN pg_namespace n ON n.oid = ic.relnamespace"
            + " UNION ALL SELECT CASE relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, qname, pg_get_viewdef(oid)"
            + "   FROM rel WHERE relkind IN ('v', 'm')"
            + " UNION ALL SELECT 'sequence', rel.qname, format_type(s.seqtypid, NULL) || ' start ' || s.seqstart"
            + "   || ' increment ' || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache"
            + "   || CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END FROM pg_sequence s JOIN rel ON rel.oid = s.seqrelid"
            + " UNION ALL SELECT 'trigger', rel.qname || '.' || tg.tgname, pg_get_triggerdef(tg.oid)"
            + "   || CASE WHEN tg.tgenabled = 'O' THEN '' ELSE ' enabled=' || tg.tgenabled::text END"
            + "   FROM pg_trigger tg JOIN rel ON rel.oid = tg.tgrelid WHERE NOT tg.tgisinternal"
            + " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,"
            + "   n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
            + "   CASE WHEN p.prokind <> 'a'"
            + "     THEN 'sha256:' || encode(sha256(convert_to(pg_get_functiondef(p.oid), 'UTF8')), 'hex') END"
            + "   FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
            + "   WHERE " + SCHEMAS + " AND " + NOT_EXTENSION_MEMBER.formatted("pg_proc", "p.oid")
            + " UNION ALL SELECT 'enum', n.nspname || '.' || t.typname,"
            + "   (SELECT string_agg(quote_literal(l.enumlabel), ', ' ORDER BY l.enumsortorder) FROM pg_enum l"
            + "     WHERE l.enumtypid = t.oid)"
            + "   FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + "   WHERE t.typtype = 'e' AND " + SCHEMAS + " AND " + NOT_EXTENSION_MEMBER.formatted("pg_type", "t.oid")
            + " UNION ALL SELECT 'domain', n.nspname || '.' || t.typname, format_type(t.typbasetype, t.typtypmod)"
            + "   || CASE WHEN t.typnotnull THEN ' not null' ELSE ' null' END"
            + "   || coalesce(' default ' || t.typdefault, '')"
            + "   || coalesce((SELECT ' ' || string_agg(pg_get_constraintdef(dc.oid), ' ' ORDER BY dc.conname)"
            + "     FROM pg_constraint dc WHERE dc.contypid = t.oid), '')"
            + "   FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
            + "   WHERE t.typtype = 'd' AND " + SCHEMAS + " AND " + NOT_EXTENSION_MEMBER.formatted("pg_type", "t.oid");

    private CatalogReader() {
    }

    /**
     * The canonical description of what {@code connection} sees. Runs in a read-only repeatable-read
     * transaction with {@code search_path = pg_catalog}, so that every name the catalog functions print is
     * schema-qualified the same way whatever search path the connection was opened with.
     */
    public static SchemaFingerprint read(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        List<String> lines = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute("SET TRANSACTION READ ONLY");
            st.execute("SET LOCAL search_path = pg_catalog");
            try (ResultSet rs = st.executeQuery(QUERY)) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    String definition = rs.getString(3);
                    if (kind.endsWith("view")) {
                        definition = SchemaFingerprint.normalizeWhitespace(definition);
                    }
                    lines.add(SchemaFingerprint.line(kind, rs.getString(2), definition));
                }
            }
        } finally {
            connection.rollback();
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
        return SchemaFingerprint.of(lines);
    }

    private static String quotedHistoryTables() {
        return String.join(", ", HISTORY_TABLES.stream().map(t -> "'" + t + "'").toList());
    }
}
