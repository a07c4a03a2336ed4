package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.testing.MarquezCorpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.flyway.FlywayEngine;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.flyway.TargetDatabase;
import dev.migrationledger.executor.lint.verify.Observation;
import dev.migrationledger.executor.lint.verify.Verifier;
import dev.migrationledger.executor.lint.verify.Verifier.Verification;
import dev.migrationledger.executor.sql.DdlFact;
import dev.migrationledger.executor.sql.DdlReader;
import dev.migrationledger.ledger.domain.Version;
import dev.migrationledger.ledger.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real 84-file Marquez directory: findings that name real risks, nothing from function bodies. */
class MarquezLintTest {

    static MigrationDirectory corpus;
    static List<Finding> findings;

    @BeforeAll
    static void lint() {
        corpus = MigrationDirectory.read(MarquezCorpus.dir());
        findings = Linter.withAllRules().lint(corpus);
    }

    private static List<Finding> in(String filePrefix) {
        return findings.stream().filter(f -> f.file().startsWith(filePrefix)).toList();
    }

    @Test
    void ddlInsideTheTriggerFunctionIsNeverReadAsDdl() {
        MigrationScript jobs = corpus.scripts().stream()
                .filter(s -> s.fileName().equals("R__Jobs_view_and_rewrite_function.sql")).findFirst().orElseThrow();
        List<DdlFact> facts = DdlReader.readAll(jobs.statements());

        assertThat(facts).noneMatch(f -> f instanceof DdlFact.DataChange || f instanceof DdlFact.CreateTable
                || f instanceof DdlFact.AddColumn);
        assertThat(in("R__")).isEmpty();
    }

    @Test
    void theFindingsAreTheCorpusRealRisks() {
        assertThat(in("V30__")).extracting(Finding::ruleId).contains("ML004-column-type-change", "ML029-lock-timeout");
        assertThat(in("V11__")).extracting(Finding::ruleId).contains("ML031-rename-column");
        assertThat(in("V2.1__")).extracting(Finding::ruleId).contains("ML006-not-null-column-without-default");
        assertThat(in("V8__")).extracting(Finding::ruleId).contains("ML020-unique-without-index");
        assertThat(in("V13__")).extracting(Finding::ruleId).contains("ML016-foreign-key-not-valid");
        assertThat(in("V47__")).extracting(Finding::ruleId)
                .doesNotContain("ML007-index-without-concurrently", "ML026-concurrent-index-in-transaction", "ML029-lock-timeout");
    }

    @Test
    void tablesCreatedInTheSameScriptAreNew() {
        assertThat(in("V1__")).extracting(Finding::ruleId)
                .doesNotContain("ML007-index-without-concurrently", "ML016-foreign-key-not-valid", "ML029-lock-timeout");
    }

    /** The target has everything below V47 applied; V47 onwards run on the scratch copy, the concurrent index outside a transaction. */
    @Test
    void verifyOnRunsTheLaterHalfOnACopyOfTheFirst(@TempDir Path applied) throws IOException, SQLException {
        TestPostgres.Database db = TestPostgres.freshDatabase("i16_lint_marquez");
        TargetDatabase target = new TargetDatabase(db.url(), db.user(), db.password());
        int copied = 0;
        for (MigrationScript script : corpus.scripts()) {
            if (!script.isRepeatable() && script.version().compareTo(Version.parse("47")) < 0) {
                Files.copy(script.path(), applied.resolve(script.fileName()));
                copied++;
            }
        }
        FlywayEngine.configure(target, MigrationDirectory.read(applied)).load().migrate();

        Verification verification = Verifier.verify(corpus, target);

        Observation o = verification.observation();
        assertThat(o.applied()).hasSize(copied);
        assertThat(o.migrations()).allSatisfy(m -> assertThat(m.error()).as(m.file()).isNull());
        assertThat(o.migrations()).extracting(Observation.Migration::file).startsWith("V47__add_lineage_event_indexes.sql")
                .endsWith("R__Runs_view.sql");
        assertThat(o.migrations().get(0).inTransaction()).isFalse();
        Observation.Migration v73 = o.migrations().stream()
                .filter(m -> m.file().startsWith("V73__")).findFirst().orElseThrow();
        assertThat(v73.statements()).anyMatch(s -> !s.rewritten().isEmpty());
    }
}
