package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.ChangeKind;
import dev.migrationledger.executor.sql.SchemaChange;
import java.util.List;
import java.util.Set;

/**
 * The schema a script produces must not depend on the session that runs it: {@code SET search_path}
 * or {@code SET ROLE} decide where objects land and who owns them, and {@code current_setting()} in
 * top-level DDL reads a value that differs between environments. Timeouts ({@code lock_timeout},
 * {@code statement_timeout}) are safety settings and are not reported. Function bodies are not
 * checked: a function reading a setting at run time is behaviour, not schema.
 */
public final class RuntimeSettingRule extends DescribedRule {

    public static final String ID = "ML009-runtime-setting";

    public RuntimeSettingRule() {
        super(ID, Severity.WARNING,
                "makes the schema depend on session settings (search_path, role, current_setting())");
    }

    private static final Set<String> SCHEMA_SHAPING = Set.of("search_path", "role", "authorization",
            "session_authorization", "default_tablespace", "default_table_access_method");

    @Override
    public List<Finding> check(LintContext context) {
        MigrationScript script = context.script();
        return script.changes().stream()
                .filter(RuntimeSettingRule::shapesSchema)
                .map(c -> finding(Severity.WARNING, context, c.line(),
                        c.kind() == ChangeKind.READ_SETTING
                                ? "reads a runtime setting with " + c.target() + "()"
                                : "sets " + c.target() + " for the session",
                        "write schema-qualified names and explicit values, so that every environment gets "
                                + "the same schema whoever runs the migration"))
                .toList();
    }

    private static boolean shapesSchema(SchemaChange c) {
        return c.kind() == ChangeKind.READ_SETTING
                || (c.kind() == ChangeKind.SESSION_SETTING && SCHEMA_SHAPING.contains(c.target()));
    }
}
