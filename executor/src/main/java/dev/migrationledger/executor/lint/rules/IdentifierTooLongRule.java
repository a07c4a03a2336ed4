package dev.migrationledger.executor.lint.rules;

import dev.migrationledger.executor.lint.DescribedRule;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.LintContext;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.sql.DdlFact.Declared;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL silently truncates identifiers to 63 bytes (NAMEDATALEN - 1): two long names can collide. */
public final class IdentifierTooLongRule extends DescribedRule {

    public static final String ID = "ML052-identifier-too-long";

    public IdentifierTooLongRule() {
        super(ID, Severity.WARNING,
                "uses an identifier longer than 63 bytes (PostgreSQL truncates it)", "identifier-too-long");
    }

    static final int MAX_BYTES = 63;

    @Override
    public List<Finding> check(LintContext context) {
        Map<String, Declared> first = new LinkedHashMap<>();
        context.facts(Declared.class).stream()
                .filter(d -> d.name().getBytes(StandardCharsets.UTF_8).length > MAX_BYTES)
                .forEach(d -> first.putIfAbsent(d.name(), d));
        return first.values().stream()
                .map(d -> finding(context, d.line(), "uses identifier " + d.name() + " ("
                                + d.name().getBytes(StandardCharsets.UTF_8).length + " bytes): PostgreSQL truncates it to "
                                + MAX_BYTES + " bytes without an error",
                        "identifiers of 63 bytes or fewer"))
                .toList();
    }
}
