package dev.migrationledger.executor.scan;

import dev.migrationledger.executor.flyway.LedgerOutbox;
import dev.migrationledger.ledger.domain.Tool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Another tool's history table in the target, read for {@code ledger import} and {@code ledger scan} alike.
 * Each table is looked up through the connection's search path, where the tool itself finds it.
 */
public interface ToolHistory {

    /** The {@code tool} value the ledger records (flyway, liquibase, alembic, prisma). */
    Tool tool();

    /** The history table's name, unqualified. */
    String table();

    /**
     * The history's changes in the tool's order.
     *
     * @param dir the tool's migration directory (Flyway's scripts, Alembic's versions, Prisma's migrations), or null
     * @throws HistoryImportException when the table holds something the ledger cannot represent, or the tool
     *                                needs the directory and it is missing or does not match
     */
    List<HistoryEntry> read(Connection connection, Path dir) throws SQLException;

    static List<ToolHistory> all() {
        return List.of(new FlywayHistory(), new LiquibaseHistory(), new AlembicHistory(), new PrismaHistory());
    }

    /** {@code --from}: a tool's name, or {@code auto} for the one tool whose table exists. */
    static ToolHistory choose(String from, Connection connection) throws SQLException {
        return choose(from, connection, false);
    }

    /**
     * As {@link #choose(String, Connection)}; with {@code noneIsFlyway}, {@code auto} on a database without any
     * history table reads Flyway's (empty): a scan of such a database finds every applied migration missing.
     */
    static ToolHistory choose(String from, Connection connection, boolean noneIsFlyway) throws SQLException {
        String wanted = from == null ? "auto" : from.strip().toLowerCase(Locale.ROOT);
        if (!wanted.equals("auto")) {
            return all().stream().filter(h -> h.tool().wireName().equals(wanted)).findFirst()
                    .orElseThrow(() -> new HistoryImportException("--from is flyway, liquibase, alembic, prisma or auto, not '"
                            + from + "'"));
        }
        List<ToolHistory> present = new ArrayList<>();
        for (ToolHistory history : all()) {
            if (LedgerOutbox.exists(connection, history.table())) {
                present.add(history);
            }
        }
        if (present.size() == 1) {
            return present.get(0);
        }
        if (present.isEmpty() && noneIsFlyway) {
            return new FlywayHistory();
        }
        throw new HistoryImportException(present.isEmpty()
                ? "no history table found (looked for flyway_schema_history, databasechangelog, alembic_version,"
                        + " _prisma_migrations on the search path); check --db and its currentSchema"
                : "several history tables found: " + String.join(", ", present.stream()
                        .map(h -> h.tool().wireName() + " (" + h.table() + ")").toList()) + "; choose one with --from");
    }

}
