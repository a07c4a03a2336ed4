package dev.migrationledger.executor.scan;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.migrationledger.executor.flyway.FlywayHistoryTable;
import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * The history tables {@code ledger scan} and {@code ledger import} read, filled with fuzzed rows in a real
 * PostgreSQL. The tables have each tool's columns and types but no NOT NULL: a table another tool (or an
 * older version of it, or a person) wrote may hold anything its types allow. What must hold: each reader
 * answers with rows or refuses with the documented usage error (HistoryImportException, exit 2, naming
 * what it cannot represent), never another exception; every row read has a version the ledger accepts.
 */
class HistoryRowsFuzzTest {

    private static final Connection DB = connect();
    /** Column kinds; a positive number instead is text of at most that many characters. */
    private static final int INT = -1;
    private static final int BOOL = -2;
    private static final int TIME = -3;

    @FuzzTest
    void historyRowsAreReadOrRefusedAsUnrepresentable(FuzzedDataProvider data) throws SQLException {
        DB.setAutoCommit(false);
        try {
            insertRows(data);
            for (ToolHistory history : ToolHistory.all()) {
                try {
                    for (HistoryEntry entry : history.read(DB, null)) {
                        check(entry.sourceId() != null, history.tool() + " names each row's source", entry);
                        Version.parse(entry.version());
                    }
                } catch (HistoryImportException unrepresentable) {
                    check(unrepresentable.getMessage() != null, "a refusal says why", null);
                }
            }
            try {
                for (FlywayHistoryTable.Row row : FlywayHistoryTable.inCurrentSchema(DB).rowsAfter(DB, 0)) {
                    Version.parse(row.key());
                }
            } catch (FlywayHistoryTable.UnreadableRowException unrepresentable) {
                check(unrepresentable.getMessage() != null, "a refusal says why", null);
            }
        } finally {
            DB.rollback();
        }
    }

    private static void insertRows(FuzzedDataProvider data) throws SQLException {
        int rows = data.consumeInt(0, 3);
        for (int i = 0; i < rows; i++) {
            insert("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", data,
                    INT, 50, 200, 20, 1000, INT, 100, TIME, INT, BOOL);
        }
        rows = data.consumeInt(0, 3);
        for (int i = 0; i < rows; i++) {
            insert("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", data, 255, 255, 255, TIME, INT, 10, 35);
        }
        rows = data.consumeInt(0, 2);
        for (int i = 0; i < rows; i++) {
            insert("INSERT INTO alembic_version (version_num) VALUES (?)", data, 32);
        }
        rows = data.consumeInt(0, 3);
        for (int i = 0; i < rows; i++) {
            insert("INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, rolled_back_at, started_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", data, 36, 64, TIME, 255, TIME, TIME);
        }
    }

    /** Each column is a kind ({@link #INT}, {@link #BOOL}, {@link #TIME}) or the longest text it holds. */
    private static void insert(String sql, FuzzedDataProvider data, int... columns) throws SQLException {
        try (PreparedStatement insert = DB.prepareStatement(sql)) {
            for (int i = 0; i < columns.length; i++) {
                int column = columns[i];
                if (data.consumeInt(0, 7) == 0) {
                    insert.setNull(i + 1, column > 0 ? Types.VARCHAR : column == INT ? Types.INTEGER
                            : column == BOOL ? Types.BOOLEAN : Types.TIMESTAMP);
                } else if (column > 0) {
                    // PostgreSQL text holds no NUL; every other character may be there
                    insert.setString(i + 1, data.consumeString(column).replace('\0', ' '));
                } else if (column == INT) {
                    insert.setInt(i + 1, data.consumeInt());
                } else if (column == BOOL) {
                    insert.setBoolean(i + 1, data.consumeBoolean());
                } else {
                    // year 1 to 9999: what PostgreSQL timestamps and RFC 3339 share
                    insert.setTimestamp(i + 1, new Timestamp(data.consumeLong(-62_135_596_800_000L, 253_402_300_799_000L)));
                }
            }
            insert.executeUpdate();
        }
    }

    private static void check(boolean holds, String rule, HistoryEntry entry) {
        if (!holds) {
            throw new AssertionError(rule + (entry == null ? "" : ": " + entry));
        }
    }

    private static Connection connect() {
        try {
            Connection c = TestPostgres.freshDatabase("fuzz_history").connect();
            try (Statement st = c.createStatement()) {
                st.execute("""
                        CREATE TABLE flyway_schema_history (installed_rank int, version varchar(50),
                            description varchar(200), type varchar(20), script varchar(1000), checksum int,
                            installed_by varchar(100), installed_on timestamp DEFAULT now(), execution_time int,
                            success boolean);
                        CREATE TABLE databasechangelog (id varchar(255), author varchar(255), filename varchar(255),
                            dateexecuted timestamp, orderexecuted int, exectype varchar(10), md5sum varchar(35),
                            description varchar(255), comments varchar(255), tag varchar(255), liquibase varchar(20),
                            contexts varchar(255), labels varchar(255), deployment_id varchar(10));
                        CREATE TABLE alembic_version (version_num varchar(32));
                        CREATE TABLE _prisma_migrations (id varchar(36), checksum varchar(64), finished_at timestamptz,
                            migration_name varchar(255), logs text, rolled_back_at timestamptz,
                            started_at timestamptz DEFAULT now(), applied_steps_count int DEFAULT 0);
                        """);
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
