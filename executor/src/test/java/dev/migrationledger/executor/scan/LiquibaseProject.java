package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * A changelog in YAML that includes XML and formatted-SQL changelogs, applied by the real Liquibase (4.33,
 * liquibase-core) to a test database: the history {@code ledger import} and {@code ledger scan} read.
 */
final class LiquibaseProject {

    static final String VIEW_V1 = "CREATE OR REPLACE VIEW big_invoices AS SELECT id FROM invoice WHERE amount > 100";
    static final String VIEW_V2 = "CREATE OR REPLACE VIEW big_invoices AS SELECT id, amount FROM invoice WHERE amount > 1000";

    final Path dir;
    final TestPostgres.Database db;

    LiquibaseProject(Path dir, TestPostgres.Database db) throws Exception {
        this.dir = dir;
        this.db = db;
        Files.createDirectories(dir.resolve("db"));
        Files.writeString(dir.resolve("db/changelog.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: create-invoice
                      author: alice
                      changes:
                        - createTable:
                            tableName: invoice
                            columns:
                              - column: {name: id, type: bigint, constraints: {primaryKey: true}}
                              - column: {name: amount, type: "numeric(12,2)"}
                  - changeSet:
                      id: legacy-import
                      author: alice
                      preConditions:
                        - onFail: MARK_RAN
                        - tableExists: {tableName: legacy_invoice}
                      changes:
                        - sql: {sql: "INSERT INTO invoice SELECT * FROM legacy_invoice"}
                  - changeSet:
                      id: big-invoices-view
                      author: alice
                      runOnChange: true
                      changes:
                        - sql: {sql: "%s"}
                  - include: {file: db/more.xml}
                  - include: {file: db/indexes.sql}
                """.formatted(VIEW_V1));
        Files.writeString(dir.resolve("db/more.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                      http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                  <changeSet id="add-note" author="bob">
                    <addColumn tableName="invoice"><column name="note" type="text"/></addColumn>
                  </changeSet>
                  <changeSet id="release-1" author="bob">
                    <tagDatabase tag="release-1"/>
                  </changeSet>
                  <changeSet id="broken" author="bob" failOnError="false">
                    <sql>ALTER TABLE no_such_table ADD COLUMN x int</sql>
                  </changeSet>
                </databaseChangeLog>
                """);
        Files.writeString(dir.resolve("db/indexes.sql"), """
                --liquibase formatted sql

                --changeset carol:invoice-amount-index
                CREATE INDEX invoice_amount ON invoice (amount);
                """);
    }

    /** {@code liquibase update} of the whole changelog. */
    void update() throws Exception {
        try (Connection c = db.connect()) {
            liquibase(c).update(new Contexts(), new LabelExpression());
        }
    }

    /** Edits the runOnChange view, so the next update re-runs it (EXECTYPE RERAN). */
    void changeView() throws Exception {
        Path yaml = dir.resolve("db/changelog.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace(VIEW_V1, VIEW_V2));
    }

    /** A changeset appended to the SQL changelog: applied by the next update, outside the ledger. */
    void addChangeset(String id, String sql) throws Exception {
        Path file = dir.resolve("db/indexes.sql");
        Files.writeString(file, Files.readString(file) + "\n--changeset carol:" + id + "\n" + sql + "\n");
    }

    /** {@code liquibase tag}: sets TAG on the last row. */
    void tag(String tag) throws Exception {
        try (Connection c = db.connect()) {
            liquibase(c).tag(tag);
        }
    }

    private Liquibase liquibase(Connection c) throws Exception {
        return new Liquibase("db/changelog.yaml", new DirectoryResourceAccessor(dir), new JdbcConnection(c));
    }
}
