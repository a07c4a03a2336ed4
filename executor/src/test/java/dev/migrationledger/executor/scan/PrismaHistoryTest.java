package dev.migrationledger.executor.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrationledger.ledger.domain.Checksum;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code _prisma_migrations}: applied, failed and rolled-back rows, and Prisma's checksum beside ours. */
class PrismaHistoryTest {

    @TempDir
    Path dir;

    private static List<HistoryEntry> read(TestPostgres.Database db, Path migrations) throws Exception {
        try (Connection c = db.connect()) {
            return new PrismaHistory().read(c, migrations);
        }
    }

    @Test
    void appliedFailedAndRolledBackRowsAsTheSchemaEngineWritesThem() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("prisma_states");
        PrismaSchemaEngineTable prisma = new PrismaSchemaEngineTable(db, dir);
        prisma.deploy("20240101120000_init", "CREATE TABLE invoice (id int PRIMARY KEY);\n");
        prisma.deploy("20240115090000_add_amount", "ALTER TABLE invoice ADD COLUMN amount numeric;\r\n");
        String broken = prisma.fail("20240201120000_add_note", "ALTER TABLE nope ADD COLUMN note text;\n",
                "Database error: relation \"nope\" does not exist");
        prisma.resolveRolledBack(broken);
        Files.delete(dir.resolve("20240201120000_add_note/migration.sql"));
        prisma.deploy("20240201120000_add_note", "ALTER TABLE invoice ADD COLUMN note text;\n");
        prisma.fail("20240301120000_add_index", "CREATE INDEX ON nope (x);\n", "Database error: relation \"nope\"");

        List<HistoryEntry> entries = read(db, dir);

        assertThat(entries).extracting(HistoryEntry::version)
                .containsExactly("20240101120000", "20240115090000", "20240201120000", "20240201120000", "20240301120000");
        assertThat(entries).extracting(e -> e.change().state())
                .containsExactly("APPLIED", "APPLIED", "ROLLED_BACK", "APPLIED", "FAILED");
        assertThat(entries).extracting(HistoryEntry::success).containsExactly(true, true, false, true, false);
        assertThat(entries.get(0).description()).isEqualTo("init");
        assertThat(entries.get(0).change().changeId()).isEqualTo("20240101120000_init");
        assertThat(entries.get(0).checksum()).as("LF, no BOM: both hashes agree").isEqualTo(entries.get(0).change().toolChecksum());
        assertThat(entries.get(0).note()).isNull();
        String crlf = "ALTER TABLE invoice ADD COLUMN amount numeric;\r\n";
        assertThat(entries.get(1).checksum()).isEqualTo(Checksum.ofScript(crlf.getBytes(StandardCharsets.UTF_8)).hex())
                .isNotEqualTo(entries.get(1).change().toolChecksum());
        assertThat(entries.get(1).note()).contains("Prisma's checksum").contains("without BOM and with LF line ends");
        assertThat(entries.get(2).change().logs()).contains("relation \"nope\" does not exist");
        assertThat(entries.get(2).checksum()).as("the file now holds the fixed script").isNull();
        assertThat(entries.get(2).note()).contains("changed since Prisma applied it");
        assertThat(entries.get(4).change().logs()).isNotBlank();
        assertThat(entries).extracting(HistoryEntry::sourceId).allMatch(id -> id.startsWith("_prisma_migrations:"));
    }

    @Test
    void aFileWithTheOtherLineEndsStillMatchesByPrismasOwnRule() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("prisma_eol");
        PrismaSchemaEngineTable prisma = new PrismaSchemaEngineTable(db, dir);
        prisma.deploy("20240101120000_init", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        // git checked the file out on Windows: CRLF now, LF when Prisma ran it.
        Path file = dir.resolve("20240101120000_init/migration.sql");
        Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));

        HistoryEntry entry = read(db, dir).get(0);

        assertThat(entry.checksum()).isEqualTo(Checksum.ofScript(Files.readAllBytes(file)).hex())
                .as("ours ignores the line ends, so it is the hash Prisma took of the LF file").isEqualTo(entry.change().toolChecksum());
        assertThat(entry.note()).isNull();
        assertThat(read(db, null).get(0).checksum()).as("without --dir ours is unknown").isNull();
    }

    /**
     * The real CLI where it can run: {@code prisma migrate deploy} on the PATH (or {@code LEDGER_TEST_PRISMA}). Here
     * it cannot: the npm package installs, but its schema engine is a binary Prisma downloads from its own server,
     * which this machine cannot reach; the tests above use the schema engine's own table and statements instead.
     */
    @Test
    void theRealPrismaCliWritesTheSameStates() throws Exception {
        String prisma = System.getenv().getOrDefault("LEDGER_TEST_PRISMA", "prisma");
        boolean runs;
        try {
            Process p = new ProcessBuilder(prisma, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            runs = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            runs = false;
        }
        assumeTrue(runs, "the Prisma CLI cannot run here (not installed, or it cannot download its schema-engine binary"
                + " from Prisma's server): the import is tested against the table Prisma's schema-engine source defines"
                + " (PrismaSchemaEngineTable)");
        TestPostgres.Database db = TestPostgres.freshDatabase("prisma_cli");
        Files.writeString(dir.resolve("schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n");
        Files.createDirectories(dir.resolve("migrations/20240101120000_init"));
        Files.writeString(dir.resolve("migrations/20240101120000_init/migration.sql"), "CREATE TABLE invoice (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
        ProcessBuilder deploy = new ProcessBuilder(prisma, "migrate", "deploy", "--schema", "schema.prisma")
                .directory(dir.toFile()).redirectErrorStream(true);
        deploy.environment().putAll(Map.of("DATABASE_URL", AlembicProject.sqlalchemyUrl(db)));
        Process p = deploy.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(output).isTrue();

        HistoryEntry entry = read(db, dir.resolve("migrations")).get(0);

        assertThat(entry.change().state()).isEqualTo("APPLIED");
        assertThat(entry.checksum()).isEqualTo(entry.change().toolChecksum());
    }
}
