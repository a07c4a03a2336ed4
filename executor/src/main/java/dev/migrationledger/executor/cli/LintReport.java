package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Severity;
import java.io.PrintWriter;
import java.util.List;

/** What {@code ledger lint} prints; the record shapes are the {@code --json} document's contract. */
record LintReport(List<Migration> migrations, List<Finding> findings, long errors, long warnings) {

    /** The CLI's one JSON configuration: stable field order, indented for people reading CI logs. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Migration(String version, String description, String file, String checksum, String changeClass,
                     String risk, String phase, String expands, String rollback, String ticket, String author) {

        static Migration of(MigrationScript s) {
            return new Migration(s.version().value(), s.description(), s.fileName(), s.checksum().hex(),
                    s.changeClass().name(), s.risk().name(), s.phase().name(),
                    s.expands() == null ? null : s.expands().value(), s.rollback().name(), s.ticket(), s.author());
        }
    }

    static LintReport of(MigrationDirectory directory, List<Finding> findings) {
        return new LintReport(directory.scripts().stream().map(Migration::of).toList(), findings,
                LintCommand.count(findings, Severity.ERROR), LintCommand.count(findings, Severity.WARNING));
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lint report is plain records and always serialises", e);
        }
    }

    void printText(PrintWriter out) {
        findings.forEach(f -> out.println(f.format()));
        if (!findings.isEmpty()) {
            out.println();
        }
        int width = migrations.stream().mapToInt(m -> m.version().length()).max().orElse(7);
        for (Migration m : migrations) {
            out.printf("%-" + width + "s  %-14s  %-8s  %s%n", m.version(), m.changeClass(), m.risk(), m.file());
        }
        out.printf("%d migrations, %d errors, %d warnings%n", migrations.size(), errors, warnings);
    }
}
