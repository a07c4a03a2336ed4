package dev.migrationledger.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.cli.LedgerCommand;
import dev.migrationledger.executor.scan.ToolProjects;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * For each tool, against the real service and a history the real tool wrote: {@code ledger import}, a second
 * identical import that records nothing, a clean {@code ledger scan}, then a change made by the tool behind the
 * ledger's back, which the next scan names. Skipped with a message when {@code query-api/target/query-api.jar}
 * is not built.
 */
class ImportAndScanEndToEndTest {

    @TempDir
    static Path home;

    private static LedgerService service;
    private static String ciToken;

    @TempDir
    Path dir;

    @BeforeAll
    static void startService() throws Exception {
        service = LedgerService.startOrSkip(home, "import and scan end-to-end tests");
        ciToken = service.ciToken();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    record Run(int exit, String output) {
    }

    /** The CLI in this JVM (the service is the real one, in its own process). */
    private static Run ledger(String command, String project, TestPostgres.Database db, String... more) {
        StringWriter text = new StringWriter();
        CommandLine cli = LedgerCommand.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        List<String> args = new ArrayList<>(List.of(command, "--project", project, "--env", "dev", "--db", db.url(),
                "--db-user", db.user(), "--url", service.url, "--token", ciToken, "--retries", "2"));
        args.addAll(List.of(more));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Run(exit, text.toString());
    }

    private static void importedCleanly(String project, TestPostgres.Database db, int entries, String... dir) {
        List<String> importArgs = new ArrayList<>(List.of("--from", "auto"));
        List<String> scanArgs = new ArrayList<>();
        if (dir.length > 0) {
            importArgs.addAll(List.of("--dir", dir[0]));
            scanArgs.addAll(List.of("--dir", dir[0]));
        }
        Run first = ledger("import", project, db, importArgs.toArray(String[]::new));
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains(entries + " new in the ledger");
        Run again = ledger("import", project, db, importArgs.toArray(String[]::new));
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains(", 0 new in the ledger");
        Run scan = ledger("scan", project, db, scanArgs.toArray(String[]::new));
        assertThat(scan.exit()).as(scan.output()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(scan.output()).contains("no drift");
    }

    /** A scan that finds drift (exit 4) and prints each of {@code named}. */
    private static void scanNames(String project, TestPostgres.Database db, List<String> args, String... named) {
        Run drift = ledger("scan", project, db, args.toArray(String[]::new));
        assertThat(drift.exit()).as(drift.output()).isEqualTo(ExitCodes.DRIFT);
        assertThat(drift.output()).contains(named);
    }

    @Test
    void flyway() throws Exception {
        service.registerProject("adopt-flyway");
        ToolProjects.Flyway project = ToolProjects.flyway(dir, TestPostgres.freshDatabase("e2e_flyway"));
        project.adopt();

        importedCleanly("adopt-flyway", project.db(), 4, dir.toString());

        project.migrate("V3__add_due.sql", "ALTER TABLE invoice ADD COLUMN due date;\n");
        scanNames("adopt-flyway", project.db(), List.of("--dir", dir.toString()), "UNKNOWN_IN_DB 3", "add due");

        project.editAndRepair("V2__add_note.sql", "ALTER TABLE invoice ADD COLUMN note varchar(200);\n");
        Run refused = ledger("import", "adopt-flyway", project.db(), "--from", "flyway", "--dir", dir.toString());
        assertThat(refused.exit()).as(refused.output()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(refused.output()).contains("the baseline was refused")
                .contains("CHECKSUM_PINNED").contains("IDEMPOTENCY_CONFLICT").contains("flyway_schema_history:2");
    }

    /**
     * Issue 15: lint on in {@code ledger plan}, no suppressions. Migrations plain Flyway applied, once imported, are
     * known to the ledger as baselined, so their findings are notes; a new DROP COLUMN beside them still blocks.
     */
    @Test
    void importedHistoryNeverBlocksAPlanButANewDropColumnDoes() throws Exception {
        service.registerProject("adopt-plan");
        ToolProjects.Flyway project = ToolProjects.flyway(dir, TestPostgres.freshDatabase("e2e_adopt_plan"));
        project.adopt();
        project.migrate("V3__add_due.sql", "ALTER TABLE invoice ADD COLUMN due date;\n");
        project.migrate("V4__drop_due.sql", "ALTER TABLE invoice DROP COLUMN due;\n");
        Run imported = ledger("import", "adopt-plan", project.db(), "--from", "flyway", "--dir", dir.toString());
        assertThat(imported.exit()).as(imported.output()).isZero();

        Run plan = plan("adopt-plan");
        assertThat(plan.exit()).as(plan.output()).isZero();
        assertThat(plan.output()).contains("note: V4__drop_due.sql:1: ERROR ML002-drop-column").contains("applied in dev");

        java.nio.file.Files.writeString(dir.resolve("V5__drop_note.sql"), "ALTER TABLE invoice DROP COLUMN note;\n");
        Run blocked = plan("adopt-plan");
        assertThat(blocked.exit()).as(blocked.output()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(blocked.output()).contains("V5__drop_note.sql:1: ERROR ML002-drop-column")
                .contains("1 lint finding(s) at or above error in migrations no environment has applied");
    }

    private Run plan(String project) {
        StringWriter text = new StringWriter();
        CommandLine cli = LedgerCommand.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        int exit = cli.execute("plan", "--project", project, "--dir", dir.toString(), "--url", service.url,
                "--token", ciToken, "--retries", "2");
        return new Run(exit, text.toString());
    }

    @Test
    void liquibase() throws Exception {
        service.registerProject("adopt-liquibase");
        ToolProjects.Liquibase project = ToolProjects.liquibase(dir, TestPostgres.freshDatabase("e2e_liquibase"));
        project.update();

        importedCleanly("adopt-liquibase", project.db(), 6);

        project.changeView();
        project.update();
        scanNames("adopt-liquibase", project.db(), List.of(), "CHECKSUM_DIFFERS 3", "big-invoices-view", "(re-ran)");
        Run recorded = ledger("import", "adopt-liquibase", project.db(), "--from", "liquibase");
        assertThat(recorded.output()).contains(", 1 new in the ledger");
        assertThat(ledger("scan", "adopt-liquibase", project.db()).exit()).isEqualTo(ExitCodes.SUCCESS);

        project.addChangeset("hotfix-index", "CREATE INDEX invoice_note ON invoice (note);");
        project.update();
        scanNames("adopt-liquibase", project.db(), List.of(), "UNKNOWN_IN_DB -", "db/indexes.sql::hotfix-index::carol");
    }

    @Test
    void alembic() throws Exception {
        service.registerProject("adopt-alembic");
        ToolProjects.Alembic project = ToolProjects.alembic(dir, TestPostgres.freshDatabase("e2e_alembic"));
        project.upgradeHeads();
        String versions = project.versions().toString();

        importedCleanly("adopt-alembic", project.db(), 5, versions);

        project.revisionAndUpgrade("d1", "add due date", "ALTER TABLE invoice ADD COLUMN due date");
        scanNames("adopt-alembic", project.db(), List.of("--dir", versions), "UNKNOWN_IN_DB -", "alembic change d1",
                "add due date");
        Run recorded = ledger("import", "adopt-alembic", project.db(), "--from", "alembic", "--dir", versions);
        assertThat(recorded.output()).contains(", 1 new in the ledger");
        assertThat(ledger("scan", "adopt-alembic", project.db(), "--dir", versions).exit()).isEqualTo(ExitCodes.SUCCESS);
    }

    @Test
    void prisma() throws Exception {
        service.registerProject("adopt-prisma");
        ToolProjects.Prisma project = ToolProjects.prisma(dir, TestPostgres.freshDatabase("e2e_prisma"));
        project.deployHistory();

        importedCleanly("adopt-prisma", project.db(), 4, dir.toString());

        project.deploy("20240401120000_add_due", "ALTER TABLE invoice ADD COLUMN due date;\n");
        scanNames("adopt-prisma", project.db(), List.of("--dir", dir.toString()), "UNKNOWN_IN_DB 20240401120000", "add due");
    }
}
