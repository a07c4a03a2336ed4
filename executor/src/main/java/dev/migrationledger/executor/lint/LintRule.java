package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MetadataSidecar;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.ledger.domain.ChangeClass;
import dev.migrationledger.ledger.domain.Phase;
import java.util.List;

/**
 * One lint rule, identified by a stable id documented in docs/lint-rules.md. A rule that corresponds
 * to a squawk rule also answers to squawk's name(s), so squawk configurations keep working.
 */
public interface LintRule {

    String id();

    /** The severity of its findings unless the configuration changes it. */
    Severity severity();

    /** One sentence: what the rule reports (SARIF's shortDescription, the docs' table). */
    String summary();

    /** squawk's names for this rule, the one printed in {@code --json} first. */
    default List<String> squawk() {
        return List.of();
    }

    List<Finding> check(LintContext context);

    default Finding finding(LintContext context, int line, String message, String advice) {
        return finding(severity(), context, line, message, advice);
    }

    default Finding finding(Severity severity, LintContext context, int line, String message, String advice) {
        return new Finding(id(), severity, context.script().fileName(), line, message, advice,
                squawk().isEmpty() ? null : squawk().get(0));
    }

    /**
     * Advice to declare metadata, for both kinds of script: a new one says it in its header; one that is planned,
     * applied or baselined must not change, so it says it in the sidecar.
     */
    static String declare(String pairs) {
        return "declare " + pairs + " (in the '-- ledger:' header of a script not yet planned; for one that must not "
                + "change, in " + MetadataSidecar.FILE_NAME + ")";
    }

    /** A header that declares the script DESTRUCTIVE or a CONTRACT step has acknowledged the data loss. */
    static boolean destructionAcknowledged(MigrationScript script) {
        return script.header().changeClass() == ChangeClass.DESTRUCTIVE || script.header().phase() == Phase.CONTRACT;
    }
}
