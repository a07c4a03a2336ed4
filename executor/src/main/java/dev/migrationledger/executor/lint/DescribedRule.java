package dev.migrationledger.executor.lint;

import java.util.List;

/** A rule described once, in its constructor: id, default severity, summary and squawk's names for it. */
public abstract class DescribedRule implements LintRule {

    private final String id;
    private final Severity severity;
    private final String summary;
    private final List<String> squawk;

    protected DescribedRule(String id, Severity severity, String summary, String... squawk) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
        this.squawk = List.of(squawk);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final List<String> squawk() {
        return squawk;
    }
}
