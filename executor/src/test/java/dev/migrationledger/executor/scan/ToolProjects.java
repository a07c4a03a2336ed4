package dev.migrationledger.executor.scan;

import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-tool projects of this package, for the end-to-end tests in {@code e2e/}. */
public final class ToolProjects {

    private ToolProjects() {
    }

    public static Flyway flyway(Path dir, TestPostgres.Database db) {
        return new Flyway(new FlywayProject(dir, db));
    }

    public static Liquibase liquibase(Path dir, TestPostgres.Database db) throws Exception {
        return new Liquibase(new LiquibaseProject(dir, db));
    }

    /** Skips the calling test, saying why, where Debian's Alembic is missing. */
    public static Alembic alembic(Path dir, TestPostgres.Database db) throws Exception {
        AlembicProject.assumeAlembic();
        AlembicProject project = new AlembicProject(dir, db);
        project.revision("a1", "create invoice", "CREATE TABLE invoice (id int PRIMARY KEY)");
        project.revision("b1", "add note", "ALTER TABLE invoice ADD COLUMN note text", "--head", "a1");
        project.revision("c1", "audit base", "CREATE TABLE audit (id int)", "--head", "base", "--branch-label", "audit");
        project.revision("c2", "audit invoice", "ALTER TABLE audit ADD COLUMN invoice_id int", "--head", "audit@head",
                "--depends-on", "a1");
        project.merge("m1", "merge audit", "b1", "c2");
        return new Alembic(project);
    }

    public static Prisma prisma(Path dir, TestPostgres.Database db) throws Exception {
        return new Prisma(db, new PrismaSchemaEngineTable(db, dir));
    }

    public record Flyway(FlywayProject project) {
        public TestPostgres.Database db() {
            return project.db;
        }

        public void adopt() throws Exception {
            project.adopt();
        }

        /** Plain Flyway applies one more file, outside the ledger. */
        public void migrate(String file, String sql) throws Exception {
            Files.writeString(project.dir.resolve(file), sql);
            project.flyway().migrate();
        }

        /** The file of an applied migration is edited and {@code flyway repair} realigns its checksum. */
        public void editAndRepair(String file, String sql) throws Exception {
            Files.writeString(project.dir.resolve(file), sql);
            project.flyway().repair();
        }
    }

    public record Liquibase(LiquibaseProject project) {
        public TestPostgres.Database db() {
            return project.db;
        }

        public void update() throws Exception {
            project.update();
        }

        public void changeView() throws Exception {
            project.changeView();
        }

        public void addChangeset(String id, String sql) throws Exception {
            project.addChangeset(id, sql);
        }
    }

    public record Alembic(AlembicProject project) {
        public TestPostgres.Database db() {
            return project.db;
        }

        public Path versions() {
            return project.versions;
        }

        public void upgradeHeads() throws Exception {
            project.upgrade("heads");
        }

        public void revisionAndUpgrade(String id, String message, String sql) throws Exception {
            project.revision(id, message, sql);
            project.upgrade("heads");
        }
    }

    public record Prisma(TestPostgres.Database db, PrismaSchemaEngineTable table) {

        /** init, a CRLF migration, a failed one rolled back and deployed again. */
        public void deployHistory() throws Exception {
            table.deploy("20240101120000_init", "CREATE TABLE invoice (id int PRIMARY KEY);\n");
            table.deploy("20240115090000_add_amount", "ALTER TABLE invoice ADD COLUMN amount numeric;\r\n");
            String broken = table.fail("20240201120000_add_note", "ALTER TABLE nope ADD COLUMN note text;\n", "relation \"nope\"");
            table.resolveRolledBack(broken);
            Files.delete(table.migrations.resolve("20240201120000_add_note/migration.sql"));
            table.deploy("20240201120000_add_note", "ALTER TABLE invoice ADD COLUMN note text;\n");
        }

        public void deploy(String name, String sql) throws Exception {
            table.deploy(name, sql);
        }
    }
}
