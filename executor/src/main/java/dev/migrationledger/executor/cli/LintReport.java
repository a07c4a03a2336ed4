package dev.migrationledger.executor.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migrationledger.executor.client.LedgerJson;
import dev.migrationledger.executor.flyway.MetadataSidecar;
import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.executor.lint.Finding;
import dev.migrationledger.executor.lint.Severity;
import dev.migrationledger.executor.lint.Suppressions;
import dev.migrationledger.executor.lint.verify.Observation;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code ledger lint} prints; the record shapes are the {@code --format json} document's contract.
 * {@code findings} are the ones left after the suppressions file; {@code suppressed} counts the others.
 */
record LintReport(List<Migration> migrations, List<Finding> findings, long errors, long warnings, long notes,
                  long suppressed, List<Suppressions.Stale> staleSuppressions, String pgVersion, String failOn,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Observation verification) {

    /** Said wherever findings are shown: lint cannot know which scripts already ran, the person reading can. */
    static final String MUST_NOT_CHANGE = "A script that is already planned, applied or baselined must not change: "
            + "declare its metadata in " + MetadataSidecar.FILE_NAME + " and suppress its findings with "
            + "ledger lint --suppress-all (" + Suppressions.FILE_NAME + ").";

    /** The CLI's one JSON configuration: stable field order, indented for people reading CI logs. */
    static final ObjectMapper JSON = LedgerJson.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    record Migration(String version, String description, String file, String checksum, String changeClass,
                     String risk, String phase, String expands, String rollback, String ticket, String author) {

        static Migration of(MigrationScript s) {
            return new Migration(s.version().value(), s.description(), s.fileName(), s.checksum().hex(),
                    s.changeClass().name(), s.risk().name(), s.phase().name(),
                    s.expands() == null ? null : s.expands().value(), s.rollback().name(), s.ticket(), s.author());
        }
    }

    static LintReport of(MigrationDirectory directory, Suppressions.Outcome lint, String pgVersion, Severity failOn,
                         Observation verification) {
        List<Finding> findings = lint.reported();
        return new LintReport(directory.scripts().stream().map(Migration::of).toList(), findings,
                count(findings, Severity.ERROR), count(findings, Severity.WARNING), count(findings, Severity.INFO),
                lint.suppressed(), lint.stale(), pgVersion, failOn.name(), verification);
    }

    static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether the run fails: a finding at or above the threshold. */
    boolean fails(Severity failOn) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
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
            out.println(MUST_NOT_CHANGE);
            out.println();
        }
        printStale(out);
        if (verification != null) {
            printVerification(out);
        }
        int width = migrations.stream().mapToInt(m -> m.version().length()).max().orElse(7);
        for (Migration m : migrations) {
            out.printf("%-" + width + "s  %-14s  %-8s  %s%n", m.version(), m.changeClass(), m.risk(), m.file());
        }
        out.println(summary());
    }

    String summary() {
        return String.format("%d migrations, %d errors, %d warnings, %d notes%s", migrations.size(), errors, warnings,
                notes, suppressed == 0 ? "" : ", " + suppressed + " suppressed");
    }

    /** Stale entries never fail a run: a changed file's findings are reported again, and those fail it if they must. */
    void printStale(PrintWriter out) {
        staleSuppressions.forEach(s -> out.println("stale suppression: " + s.describe()));
        if (!staleSuppressions.isEmpty()) {
            out.println("ledger lint --prune-suppressions removes the stale entries");
            out.println();
        }
    }

    private void printVerification(PrintWriter out) {
        out.printf("verified on a scratch copy of %s (PostgreSQL %s, %d applied migrations replayed):%n",
                verification.target(), verification.serverVersion(), verification.applied().size());
        if (verification.migrations().isEmpty()) {
            out.println("  no new migrations");
        }
        for (Observation.Migration m : verification.migrations()) {
            out.printf("  %s (%s, %d ms)%s%n", m.file(), m.inTransaction() ? "one transaction" : "no transaction",
                    m.durationMs(), m.error() == null ? "" : " FAILED: " + m.error());
            for (Observation.Statement s : m.statements()) {
                StringBuilder line = new StringBuilder("    line " + s.line() + ": " + s.durationMs() + " ms");
                s.locks().forEach(l -> line.append(", ").append(l.mode()).append(" on ").append(l.table()));
                s.rewritten().forEach(t -> line.append(", rewrote ").append(t));
                if (!m.inTransaction()) {
                    line.append(", locks not observable outside a transaction block");
                }
                out.println(line);
            }
        }
        out.println();
    }
}
