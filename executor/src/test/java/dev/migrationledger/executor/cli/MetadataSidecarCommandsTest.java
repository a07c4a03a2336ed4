package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.flyway.MetadataSidecar;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ledger-metadata.toml} is read like a header by lint, plan and migrate alike: a script that must not
 * change gets its class, phase, expands, risk, rollback, ticket and author there, and a header that says
 * otherwise stops every one of them with the same usage error.
 */
class MetadataSidecarCommandsTest {

    @TempDir
    Path dir;

    private FakeLedger ledger;

    @BeforeEach
    void directory() throws IOException {
        ledger = new FakeLedger();
        Files.writeString(dir.resolve("V1__invoices.sql"), "CREATE TABLE invoices (id bigint PRIMARY KEY, note text);\n");
        Files.writeString(dir.resolve("V2__drop_note.sql"), "ALTER TABLE invoices DROP COLUMN note;\n");
        Files.writeString(dir.resolve(MetadataSidecar.FILE_NAME), """
                version = 1

                [migrations."2"]
                class = "destructive"
                phase = "contract"
                expands = "1"
                risk = "high"
                rollback = "restore"
                ticket = "OPS-7"
                author = "ana"
                """);
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    @Test
    void lintReadsTheSidecarLikeAHeader() throws IOException {
        CliRun.Result lint = CliRun.of("lint", "--dir", dir.toString(), "--json");

        assertThat(lint.exit()).as(lint.err()).isZero();
        JsonNode report = LedgerJson.MAPPER.readTree(lint.out());
        JsonNode v2 = report.get("migrations").get(1);
        assertThat(v2.get("changeClass").asText()).isEqualTo("DESTRUCTIVE");
        assertThat(v2.get("phase").asText()).isEqualTo("CONTRACT");
        assertThat(report.get("findings")).filteredOn(f -> f.get("ruleId").asText().equals("ML002-drop-column"))
                .singleElement().satisfies(f -> assertThat(f.get("severity").asText())
                        .as("a declared contract step acknowledges the drop").isEqualTo("WARNING"));
    }

    @Test
    void planSendsWhatTheSidecarDeclares() {
        CliRun.Result plan = CliRun.of("plan", "--project", "billing", "--dir", dir.toString(), "--url", ledger.url(), "--token", "t");

        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode v2 = ledger.requestsTo("/projects/billing/migrations").get(0).body().get("migrations").get(1);
        assertThat(v2.get("changeClass").asText()).isEqualTo("DESTRUCTIVE");
        assertThat(v2.get("phase").asText()).isEqualTo("CONTRACT");
        assertThat(v2.get("expands").asText()).isEqualTo("1");
        assertThat(v2.get("risk").asText()).isEqualTo("HIGH");
        assertThat(v2.get("rollback").asText()).isEqualTo("RESTORE");
        assertThat(v2.get("ticket").asText()).isEqualTo("OPS-7");
        assertThat(v2.get("author").asText()).isEqualTo("ana");
    }

    @Test
    void migrateReadsTheSidecarAndFlywayAppliesTheDirectoryBesideIt() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("i15_adopt_sidecar");
        CliRun.Result dryRun = CliRun.of("migrate", "--project", "billing", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--url", ledger.url(), "--token", "t", "--dry-run");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        assertThat(dryRun.err()).containsPattern("\\[dry run\\] V2__drop_note\\.sql [0-9a-f]{64} = planned: would be authorized")
                .doesNotContain(MetadataSidecar.FILE_NAME);

        CliRun.Result migrate = CliRun.of("migrate", "--project", "billing", "--env", "dev", "--dir", dir.toString(), "--db", db.url(),
                "--db-user", db.user(), "--url", ledger.url(), "--token", "t");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(ledger.facts).hasSize(2);
    }

    @Test
    void aHeaderThatDisagreesStopsLintPlanAndMigrateNamingBoth() throws IOException {
        Files.writeString(dir.resolve("V2__drop_note.sql"), "-- ledger: risk=low\nALTER TABLE invoices DROP COLUMN note;\n");
        String both = "V2__drop_note.sql declares risk=low in its header, but " + MetadataSidecar.FILE_NAME
                + " [migrations.\"2\"] declares risk=high";

        CliRun.Result lint = CliRun.of("lint", "--dir", dir.toString());
        CliRun.Result plan = CliRun.of("plan", "--project", "billing", "--dir", dir.toString(), "--url", ledger.url(), "--token", "t");
        CliRun.Result migrate = CliRun.of("migrate", "--project", "billing", "--env", "dev", "--dir", dir.toString(),
                "--db", "jdbc:postgresql://127.0.0.1:1/none", "--dry-run");

        for (CliRun.Result command : new CliRun.Result[] {lint, plan, migrate}) {
            assertThat(command.exit()).as(command.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(command.err()).contains(both);
        }
        assertThat(ledger.requests).isEmpty();
    }
}
