package dev.migrationledger.executor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationledger.executor.client.FakeLedger;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.exit.ExitCodes;
import dev.migrationledger.executor.testing.MarquezCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopting the ledger on the real 84-file Marquez directory (copied, so that it can change): its years of
 * findings are suppressed once, after which lint and plan pass with lint on, and only new work is judged.
 */
class MarquezAdoptionTest {

    /** A V11 finding: it renames a column, an ERROR that would block a plan. */
    static final String RENAMING = "V11__alter_datasets_to_rename_last_modified.sql";

    @TempDir
    Path dir;

    @TempDir
    Path work;

    private Path suppressions;
    private FakeLedger ledger;

    @BeforeEach
    void copyCorpus() throws IOException {
        try (Stream<Path> files = Files.list(MarquezCorpus.dir())) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        suppressions = work.resolve("ledger-suppressions.json");
        ledger = new FakeLedger();
        ledger.projects.add("marquez");
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private CliRun.Result lint(String... more) {
        return CliRun.of(Stream.concat(Stream.of("lint", "--dir", dir.toString(), "--suppressions", suppressions.toString()),
                Stream.of(more)).toArray(String[]::new));
    }

    private CliRun.Result plan() {
        return CliRun.of("plan", "--project", "marquez", "--dir", dir.toString(), "--url", ledger.url(), "--token", "t",
                "--retries", "1", "--suppressions", suppressions.toString());
    }

    @Test
    void suppressAllThenPlanPassesWithLintOn() throws IOException {
        assertThat(CliRun.of("lint", "--dir", dir.toString()).exit()).as("the corpus has real findings")
                .isEqualTo(ExitCodes.CHECK_FAILED);

        CliRun.Result suppressed = lint("--suppress-all");
        assertThat(suppressed.exit()).as(suppressed.err()).isZero();
        assertThat(suppressed.err()).containsPattern("ledger lint: \\d+ finding\\(s\\) in \\d+ file\\(s\\) recorded in ");
        JsonNode file = LedgerJson.MAPPER.readTree(suppressions.toFile());
        assertThat(file.get("version").asInt()).isEqualTo(1);
        assertThat(file.get("files").has(RENAMING)).isTrue();

        CliRun.Result again = lint();
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).containsPattern("84 migrations, 0 errors, 0 warnings, 0 notes, \\d+ suppressed")
                .doesNotContain("stale suppression");

        CliRun.Result plan = plan();
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.err()).containsPattern("ledger plan: \\d+ lint finding\\(s\\) suppressed by ");
        assertThat(ledger.requestsTo("/projects/marquez/migrations")).singleElement()
                .satisfies(r -> assertThat(r.body().get("migrations")).hasSize(84));
    }

    @Test
    void aNewDropColumnAddedAfterwardsIsStillBlockedAndNamed() throws IOException {
        assertThat(lint("--suppress-all").exit()).isZero();
        Files.writeString(dir.resolve("V75__drop_job_description.sql"), "ALTER TABLE jobs DROP COLUMN description;\n");

        CliRun.Result lint = lint();
        assertThat(lint.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(lint.out()).contains("V75__drop_job_description.sql:1: ERROR ML002-drop-column drops column jobs.description")
                .containsPattern("85 migrations, 1 errors, \\d+ warnings, \\d+ notes, \\d+ suppressed");

        CliRun.Result plan = plan();
        assertThat(plan.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(plan.err()).contains("V75__drop_job_description.sql:1: ERROR ML002-drop-column")
                .contains("1 lint finding(s) at or above error in migrations no environment has applied");
        assertThat(ledger.requestsTo("/migrations")).as("nothing planned").isEmpty();
    }

    @Test
    void aChangedSuppressedFileShowsAStaleEntryUntilPruned() throws IOException {
        assertThat(lint("--suppress-all").exit()).isZero();
        Files.writeString(dir.resolve(RENAMING), "\n-- reformatted\n", StandardOpenOption.APPEND);

        CliRun.Result lint = lint();
        assertThat(lint.out())
                .contains("stale suppression: " + RENAMING + ": the file changed since its findings were suppressed")
                .contains(RENAMING + ":3: ERROR ML031-rename-column")
                .contains("ledger lint --prune-suppressions removes the stale entries");
        assertThat(lint.exit()).as("its findings are reported again, in full").isEqualTo(ExitCodes.CHECK_FAILED);
        CliRun.Result plan = plan();
        assertThat(plan.err()).contains("ledger plan: stale suppression: " + RENAMING + ": the file changed");
        assertThat(plan.exit()).isEqualTo(ExitCodes.CHECK_FAILED);

        CliRun.Result pruned = lint("--prune-suppressions");
        assertThat(pruned.err()).contains("1 stale entry removed from " + suppressions);
        assertThat(LedgerJson.MAPPER.readTree(suppressions.toFile()).get("files").has(RENAMING)).isFalse();
        assertThat(lint().out()).doesNotContain("stale suppression").contains(RENAMING + ":3: ERROR ML031-rename-column");
    }
}
