package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MetadataSidecar;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import java.util.List;

/** Header metadata that cannot be read: a bad value is an error (the ledger would record a guess), an unknown key a warning. */
public final class HeaderRule extends DescribedRule {

    public static final String ID = "ML010-header";

    static final String ADVICE = "the forms are in SPEC §8 ('-- ledger: risk=… phase=… expands=… rollback=… ticket=… "
            + "class=… author=…'); for a script that must not change, declare the values in " + MetadataSidecar.FILE_NAME
            + " instead (a header value that cannot be read counts as not declared) and suppress this finding";

    public HeaderRule() {
        super(ID, Severity.ERROR,
                "header metadata that cannot be read");
    }

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        return script.header().issues().stream()
                .map(issue -> finding(issue.error() ? Severity.ERROR : Severity.WARNING, context, issue.line(),
                        issue.message(),
                        ADVICE))
                .toList();
    }
}
