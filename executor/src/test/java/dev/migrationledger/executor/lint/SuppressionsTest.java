package dev.migrationledger.executor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationledger.ledger.domain.Checksum;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suppression rules: counted per file and rule, bound to the file's checksum, stale when the directory moved on. */
class SuppressionsTest {

    private static final Checksum OLD = Checksum.ofBytes("DROP TABLE a;".getBytes(StandardCharsets.UTF_8));
    private static final Checksum NEW = Checksum.ofBytes("DROP TABLE b;".getBytes(StandardCharsets.UTF_8));

    private static Finding finding(String file, String rule, int line) {
        return new Finding(rule, Severity.ERROR, file, line, "m", "a");
    }

    private static final Finding DROP_1 = finding("V1__old.sql", "ML001-drop-table", 1);
    private static final Finding DROP_2 = finding("V1__old.sql", "ML001-drop-table", 2);
    private static final Finding RENAME = finding("V1__old.sql", "ML031-rename-column", 3);

    @Test
    void suppressedFindingsAreNotReportedAndCounted() {
        Map<String, Checksum> checksums = Map.of("V1__old.sql", OLD);
        Suppressions suppressions = Suppressions.of(List.of(DROP_1, DROP_2, RENAME), checksums);

        Suppressions.Outcome outcome = suppressions.apply(List.of(DROP_1, DROP_2, RENAME), checksums);

        assertThat(outcome.reported()).isEmpty();
        assertThat(outcome.suppressed()).isEqualTo(3);
        assertThat(outcome.stale()).isEmpty();
        assertThat(suppressions.files().get("V1__old.sql").rules()).extracting(Suppressions.RuleCount::name, Suppressions.RuleCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ML001-drop-table", 2),
                        org.assertj.core.groups.Tuple.tuple("ML031-rename-column", 1));
    }

    @Test
    void oneMoreFindingOfARuleInAFileReportsEveryFindingOfThatRuleThere() {
        Map<String, Checksum> checksums = Map.of("V1__old.sql", OLD);
        Suppressions suppressions = Suppressions.of(List.of(DROP_1, RENAME), checksums);

        Suppressions.Outcome outcome = suppressions.apply(List.of(DROP_1, DROP_2, RENAME), checksums);

        assertThat(outcome.reported()).containsExactly(DROP_1, DROP_2);
        assertThat(outcome.suppressed()).isEqualTo(1);
    }

    @Test
    void aFileNeverSuppressedIsReportedInFull() {
        Finding fresh = finding("V2__new.sql", "ML001-drop-table", 1);
        Suppressions suppressions = Suppressions.of(List.of(DROP_1), Map.of("V1__old.sql", OLD));

        Suppressions.Outcome outcome = suppressions.apply(List.of(DROP_1, fresh),
                Map.of("V1__old.sql", OLD, "V2__new.sql", NEW));

        assertThat(outcome.reported()).containsExactly(fresh);
    }

    @Test
    void aChangedFileIsStaleAndItsFindingsAreReportedAgain() {
        Suppressions suppressions = Suppressions.of(List.of(DROP_1), Map.of("V1__old.sql", OLD));

        Suppressions.Outcome outcome = suppressions.apply(List.of(DROP_1), Map.of("V1__old.sql", NEW));

        assertThat(outcome.reported()).containsExactly(DROP_1);
        assertThat(outcome.suppressed()).isZero();
        assertThat(outcome.stale()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo(Suppressions.StaleReason.CHANGED);
            assertThat(s.describe()).startsWith("V1__old.sql: the file changed since its findings were suppressed");
        });
    }

    @Test
    void aFileGoneAndARuleWithFewerFindingsAreStale() {
        Map<String, Checksum> before = Map.of("V1__old.sql", OLD, "V0__gone.sql", NEW);
        Suppressions suppressions = Suppressions.of(List.of(DROP_1, DROP_2, finding("V0__gone.sql", "ML001-drop-table", 1)), before);

        Suppressions.Outcome outcome = suppressions.apply(List.of(DROP_1), Map.of("V1__old.sql", OLD));

        assertThat(outcome.reported()).isEmpty();
        assertThat(outcome.stale()).extracting(Suppressions.Stale::describe).containsExactly(
                "V0__gone.sql: the file is no longer in the directory",
                "V1__old.sql ML001-drop-table: fewer findings than suppressed (2 suppressed, 1 found)");
    }

    @Test
    void pruningDropsGoneAndChangedFilesAndLowersCountsButNeverRaisesThem() {
        Map<String, Checksum> before = Map.of("V1__old.sql", OLD, "V0__gone.sql", NEW, "V3__edited.sql", OLD);
        Suppressions suppressions = Suppressions.of(List.of(DROP_1, DROP_2, RENAME, finding("V0__gone.sql", "ML001-drop-table", 1),
                finding("V3__edited.sql", "ML001-drop-table", 1)), before);
        Map<String, Checksum> now = Map.of("V1__old.sql", OLD, "V3__edited.sql", NEW);

        Suppressions pruned = suppressions.pruned(List.of(DROP_1, finding("V1__old.sql", "ML002-drop-column", 4)), now);

        assertThat(pruned.files()).containsOnlyKeys("V1__old.sql");
        assertThat(pruned.files().get("V1__old.sql").rules()).singleElement()
                .satisfies(r -> assertThat(r.count()).isEqualTo(1));
        assertThat(pruned.apply(List.of(DROP_1), now).stale()).isEmpty();
    }

    @Test
    void aSquawkNameInTheFileCountsEveryRuleItNames() {
        List<LintRule> rules = Linter.ALL_RULES;
        Suppressions suppressions = SuppressionsFile.parse("s.json", """
                {"version": 1, "files": {"V1__old.sql": {"checksum": "%s",
                  "rules": {"require-timeout-settings": {"count": 2}}}}}""".formatted(OLD.hex()), rules);
        Finding lock = finding("V1__old.sql", "ML029-lock-timeout", 1);
        Finding statement = finding("V1__old.sql", "ML030-statement-timeout", 1);

        Suppressions.Outcome outcome = suppressions.apply(List.of(lock, statement, RENAME), Map.of("V1__old.sql", OLD));

        assertThat(outcome.reported()).containsExactly(RENAME);
        assertThat(outcome.suppressed()).isEqualTo(2);
    }
}
