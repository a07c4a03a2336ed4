package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.client.ApiShapes.BaselineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Another tool's history table in the target, read as baseline entries for {@code ledger import}. Each
 * table is looked up through the connection's search path, where the tool itself finds it.
 */
public interface HistoryImport {

    /** The {@code tool} value the ledger records (flyway, liquibase, alembic, prisma). */
    String tool();

    /** The history table's name, unqualified. */
    String table();

    /** @throws HistoryImportException when the table holds something the ledger cannot represent */
    List<BaselineEntry> read(Connection connection) throws SQLException;

    static List<HistoryImport> all() {
        return List.of(new FlywayHistoryImport(), new LiquibaseHistoryImport(), new AlembicHistoryImport(),
                new PrismaHistoryImport());
    }

    /** {@code --from}: a tool's name, or {@code auto} for the one tool whose table exists. */
    static HistoryImport choose(String from, Connection connection) throws SQLException {
        String wanted = from == null ? "auto" : from.strip().toLowerCase(Locale.ROOT);
        if (!wanted.equals("auto")) {
            return all().stream().filter(h -> h.tool().equals(wanted)).findFirst()
                    .orElseThrow(() -> new HistoryImportException("--from is flyway, liquibase, alembic, prisma or auto, not '"
                            + from + "'"));
        }
        List<HistoryImport> present = new ArrayList<>();
        for (HistoryImport history : all()) {
            if (exists(connection, history.table())) {
                present.add(history);
            }
        }
        if (present.size() == 1) {
            return present.get(0);
        }
        throw new HistoryImportException(present.isEmpty()
                ? "no history table found (looked for flyway_schema_history, databasechangelog, alembic_version,"
                        + " _prisma_migrations on the search path); check --db and its currentSchema"
                : "several history tables found: " + String.join(", ", present.stream()
                        .map(h -> h.tool() + " (" + h.table() + ")").toList()) + "; choose one with --from");
    }

    static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** RFC 3339 UTC at millisecond precision, as facts carry times. */
    static String rfc3339(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
