package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintRule;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** Header metadata that cannot be read: a bad value is an error (the ledger would record a guess), an unknown key a warning. */
public final class HeaderRule implements LintRule {

    public static final String ID = "ML010-header";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(MigrationScript script) {
        return script.header().issues().stream()
                .map(issue -> finding(issue.error() ? Severity.ERROR : Severity.WARNING, script, issue.line(),
                        issue.message(),
                        "see SPEC §8: '-- ledger: risk=… phase=… expands=… rollback=… ticket=… class=… author=…'"))
                .toList();
    }
}
