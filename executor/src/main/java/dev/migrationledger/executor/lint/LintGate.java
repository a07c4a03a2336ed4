package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.ledger.domain.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What lint blocks in {@code ledger plan}: the findings at or above the threshold, except those in a migration
 * that already ran — applied or baselined in some environment. Its checksum is pinned (R1), so nothing can be
 * done about its findings but to know them: they are notes, and never block the new work planned beside it.
 *
 * @param blocking findings that stop the plan
 * @param notes    findings in migrations that ran, with where they ran
 */
public record LintGate(List<Finding> blocking, List<Note> notes) {

    /** A finding in a migration that ran in {@code environments}. */
    public record Note(Finding finding, List<String> environments) {

        public String format() {
            Finding f = finding;
            return "note: " + f.file() + ":" + f.line() + ": " + f.severity() + " " + f.ruleId() + " " + f.message()
                    + " (applied in " + String.join(", ", environments) + ": it ran as it is and must not change, "
                    + "so this never blocks a plan)";
        }
    }

    /** The findings at or above {@code failOn}, before anything is known about where migrations ran. */
    public static List<Finding> failing(List<Finding> findings, Severity failOn) {
        return findings.stream().filter(f -> f.severity().atLeast(failOn)).toList();
    }

    /**
     * @param failing the failing findings ({@link #failing})
     * @param ranIn   the environments each version was applied or baselined in, as the ledger knows them
     */
    public static LintGate judge(List<Finding> failing, MigrationDirectory directory, Map<Version, List<String>> ranIn) {
        Map<String, Version> versionOf = directory.scripts().stream()
                .collect(Collectors.toMap(MigrationScript::fileName, MigrationScript::version, (a, b) -> a));
        List<Finding> blocking = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (Finding finding : failing) {
            Version version = versionOf.get(finding.file());
            List<String> environments = version == null ? List.of() : ranIn.getOrDefault(version, List.of());
            if (environments.isEmpty()) {
                blocking.add(finding);
            } else {
                notes.add(new Note(finding, environments));
            }
        }
        return new LintGate(List.copyOf(blocking), List.copyOf(notes));
    }
}
