package dev.migrationledger.executor.flyway;

import dev.migrationledger.executor.testing.MarquezCorpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Linter;
import dev.migrationledger.executor.lint.rules.IndexWithoutConcurrentlyRule;
import dev.migrationledger.ledger.domain.Checksum;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real 84-file Marquez migration history (81 V + 3 R), as shared test data. */
class MarquezCorpusTest {

    private static MigrationDirectory corpus;

    @BeforeAll
    static void readCorpus() {
        corpus = MigrationDirectory.read(MarquezCorpus.dir());
    }

    @Test
    void readsEveryMigrationWithItsChecksum() throws Exception {
        assertThat(corpus.scripts()).hasSize(84);
        assertThat(corpus.scripts().stream().filter(MigrationScript::isRepeatable)).hasSize(3);
        assertThat(corpus.ignoredSqlFiles()).isEmpty();
        for (MigrationScript script : corpus.scripts()) {
            assertThat(script.checksum()).isEqualTo(Checksum.ofScript(Files.readAllBytes(script.path())));
            assertThat(script.statements()).as(script.fileName()).isNotEmpty();
        }
    }

    @Test
    void ordersVersionsExactlyAsFlywayDoes() {
        List<MigrationScript> versioned = corpus.scripts().stream().filter(s -> !s.isRepeatable()).toList();
        List<String> flywayOrder = versioned.stream()
                .map(s -> MigrationVersion.fromVersion(s.fileName().substring(1, s.fileName().indexOf("__"))))
                .sorted(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .toList();

        assertThat(versioned).extracting(s -> s.version().value()).containsExactlyElementsOf(flywayOrder);
        assertThat(versioned.get(0).version().value()).isEqualTo("1");
        assertThat(versioned).extracting(s -> s.version().value()).containsSubsequence("2", "2.1", "3", "17.1", "17.2", "74");
        assertThat(corpus.scripts().subList(81, 84)).extracting(s -> s.version().value())
                .containsExactly("R__Datasets_view", "R__Jobs_view_and_rewrite_function", "R__Runs_view");
    }

    @Test
    void lintRunsOverTheWholeCorpusAndLeavesTheConcurrentIndexAlone() {
        List<Finding> findings = Linter.withAllRules().lint(corpus);

        assertThat(findings).isNotEmpty();
        assertThat(findings).filteredOn(f -> f.file().startsWith("V47__"))
                .noneMatch(f -> f.ruleId().equals(IndexWithoutConcurrentlyRule.ID));
        assertThat(corpus.find(dev.migrationledger.ledger.domain.Version.parse("47")).orElseThrow().changes())
                .extracting(c -> c.kind().name()).containsOnly("CREATE_INDEX_CONCURRENTLY");
    }
}
