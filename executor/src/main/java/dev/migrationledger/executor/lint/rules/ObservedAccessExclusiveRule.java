package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.lint.verify.Observation;
import dev.migrationledger.executor.sql.Locks;
import java.util.ArrayList;
import java.util.List;

/** {@code --verify-on}: a statement's transaction held ACCESS EXCLUSIVE on a table that existed (read from pg_locks). */
public final class ObservedAccessExclusiveRule extends DescribedRule {

    public static final String ID = "ML061-observed-access-exclusive";

    public ObservedAccessExclusiveRule() {
        super(ID, Severity.WARNING,
                "--verify-on saw the statement take ACCESS EXCLUSIVE on an existing table (pg_locks)");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        context.observed().ifPresent(m -> {
            for (Observation.Statement s : m.statements()) {
                List<String> tables = s.locks().stream().filter(l -> Locks.ACCESS_EXCLUSIVE.equals(l.mode()))
                        .map(Observation.Lock::table).toList();
                if (!tables.isEmpty()) {
                    findings.add(finding(context, s.line(), "took ACCESS EXCLUSIVE on " + String.join(", ", tables)
                                    + " (pg_locks, on a copy of the target's schema): reads and writes wait until the "
                                    + "migration commits",
                            "set lock_timeout first and keep the transaction short; see the static findings on this line "
                                    + "for a sequence with a weaker lock"));
                }
            }
        });
        return findings;
    }
}
