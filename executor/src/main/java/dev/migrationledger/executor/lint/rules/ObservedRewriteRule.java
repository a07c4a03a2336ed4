package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.lint.verify.Observation;
import java.util.ArrayList;
import java.util.List;

/** {@code --verify-on}: a statement replaced the storage of a table that existed (its relfilenode changed). */
public final class ObservedRewriteRule extends DescribedRule {

    public static final String ID = "ML060-observed-rewrite";

    public ObservedRewriteRule() {
        super(ID, Severity.WARNING,
                "--verify-on saw the statement rewrite an existing table (its relfilenode changed)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        context.observed().ifPresent(m -> {
            for (Observation.Statement s : m.statements()) {
                if (!s.rewritten().isEmpty()) {
                    findings.add(finding(context, s.line(), "rewrote " + String.join(", ", s.rewritten()) + " when run on a "
                                    + "copy of the target's schema (" + s.durationMs() + " ms there, without its data)",
                            "a rewrite copies every row while holding ACCESS EXCLUSIVE; use the rewrite-free sequence the "
                                    + "static findings on this line name"));
                }
            }
        });
        return findings;
    }
}
