package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.rules.ColumnTypeChangeRule;
import dev.migrationledger.executor.lint.rules.DropColumnRule;
import dev.migrationledger.executor.lint.rules.DropTableRule;
import dev.migrationledger.executor.lint.rules.HeaderRule;
import dev.migrationledger.executor.lint.rules.IndexWithoutConcurrentlyRule;
import dev.migrationledger.executor.lint.rules.NotNullColumnWithoutDefaultRule;
import dev.migrationledger.executor.lint.rules.RenameAndDropRule;
import dev.migrationledger.executor.lint.rules.RuntimeSettingRule;
import dev.migrationledger.executor.lint.rules.SeedDataRule;
import dev.migrationledger.executor.lint.rules.SetNotNullRule;
import dev.migrationledger.executor.lint.rules.UnderstatedClassRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Runs every rule over every script of a directory; findings come out ordered by file, then line. */
public final class Linter {

    public static final String IGNORED_FILE_ID = "ML012-ignored-file";

    private final List<LintRule> rules;

    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Linter withAllRules() {
        return new Linter(List.of(new DropTableRule(), new DropColumnRule(), new RenameAndDropRule(),
                new ColumnTypeChangeRule(), new SetNotNullRule(), new NotNullColumnWithoutDefaultRule(),
                new IndexWithoutConcurrentlyRule(), new SeedDataRule(), new RuntimeSettingRule(), new HeaderRule(),
                new UnderstatedClassRule()));
    }

    public List<LintRule> rules() {
        return rules;
    }

    public List<Finding> lint(MigrationScript script) {
        List<Finding> findings = new ArrayList<>();
        rules.forEach(rule -> findings.addAll(rule.check(script)));
        findings.sort(Comparator.comparingInt(Finding::line).thenComparing(Finding::ruleId));
        return findings;
    }

    /** Also reports {@code .sql} files Flyway would skip silently: usually a typo such as {@code V1_init.sql}. */
    public List<Finding> lint(MigrationDirectory directory) {
        List<Finding> findings = new ArrayList<>();
        for (String ignored : directory.ignoredSqlFiles()) {
            findings.add(new Finding(IGNORED_FILE_ID, Severity.WARNING, ignored, 1,
                    "is not named like a migration, so Flyway and the ledger skip it",
                    "name it V<version>__<description>.sql or R__<description>.sql, or move it out of the directory"));
        }
        directory.scripts().forEach(script -> findings.addAll(lint(script)));
        return findings;
    }
}
