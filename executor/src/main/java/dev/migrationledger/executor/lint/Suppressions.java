package dev.migrationledger.executor.lint;

import dev.migrationledger.executor.flyway.MigrationDirectory;
import dev.migrationledger.executor.flyway.MigrationScript;
import dev.migrationledger.ledger.domain.Checksum;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bulk suppressions, the convention of ESLint's {@code eslint-suppressions.json} and of detekt's and PHPStan's
 * baselines: the findings a directory had when they were recorded, counted per (file, rule) and bound to the
 * file's checksum. A suppressed file that changed is linted in full again — its entry is stale — and so is a rule
 * with more findings in a file than were suppressed: which of them is the new one cannot be told, so all of them
 * are reported. A file that was never suppressed (a new migration) is always linted in full.
 */
public final class Suppressions {

    public static final String FILE_NAME = "ledger-suppressions.json";
    public static final Suppressions NONE = new Suppressions(Map.of());

    /**
     * One rule's suppressed findings in one file.
     *
     * @param name    the rule as the file names it: an id, its number or a squawk name
     * @param ruleIds the rules that name designates (a squawk name may stand for several)
     */
    public record RuleCount(String name, Set<String> ruleIds, int count) {

        boolean counts(Finding finding) {
            return ruleIds.contains(finding.ruleId());
        }
    }

    /** A file's suppressed findings and the checksum the file had when they were recorded. */
    public record FileEntry(Checksum checksum, List<RuleCount> rules) {
    }

    public enum StaleReason {
        GONE("the file is no longer in the directory"),
        CHANGED("the file changed since its findings were suppressed, so they are reported again"),
        FEWER("fewer findings than suppressed");

        private final String text;

        StaleReason(String text) {
            this.text = text;
        }
    }

    /** An entry that no longer matches the directory; {@code rule} is null when the whole file's entry is stale. */
    public record Stale(String file, String rule, StaleReason reason, int suppressed, int found) {

        public String describe() {
            String what = rule == null ? file : file + " " + rule;
            return what + ": " + (reason == StaleReason.FEWER
                    ? reason.text + " (" + suppressed + " suppressed, " + found + " found)" : reason.text);
        }
    }

    /** What lint reports after the suppressions: the findings left, how many were suppressed, the stale entries. */
    public record Outcome(List<Finding> reported, int suppressed, List<Stale> stale) {
    }

    private final Map<String, FileEntry> files;

    Suppressions(Map<String, FileEntry> files) {
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The files' entries, by path relative to the migration directory, in path order. */
    public Map<String, FileEntry> files() {
        return files;
    }

    /** Suppresses every one of {@code findings} ({@code ledger lint --suppress-all}). */
    public static Suppressions of(List<Finding> findings, Map<String, Checksum> checksums) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Finding finding : findings) {
            if (checksums.containsKey(finding.file())) {
                counts.computeIfAbsent(finding.file(), f -> new TreeMap<>()).merge(finding.ruleId(), 1, Integer::sum);
            }
        }
        Map<String, FileEntry> files = new TreeMap<>();
        counts.forEach((file, rules) -> files.put(file, new FileEntry(checksums.get(file), rules.entrySet().stream()
                .map(e -> new RuleCount(e.getKey(), Set.of(e.getKey()), e.getValue())).toList())));
        return new Suppressions(files);
    }

    /**
     * The checksum of every file a finding can name: each migration's, and each misnamed {@code .sql} file's
     * (ML012), computed the same way.
     */
    public static Map<String, Checksum> checksums(MigrationDirectory directory) {
        Map<String, Checksum> checksums = new LinkedHashMap<>();
        for (MigrationScript script : directory.scripts()) {
            checksums.put(script.fileName(), script.checksum());
        }
        for (String ignored : directory.ignoredSqlFiles()) {
            try {
                checksums.put(ignored, Checksum.ofScript(Files.readAllBytes(directory.root().resolve(ignored))));
            } catch (IOException e) {
                // unreadable now: its entry is reported as gone, and its finding is reported
            }
        }
        return checksums;
    }

    public Outcome apply(List<Finding> findings, Map<String, Checksum> checksums) {
        Map<Finding, Boolean> suppressed = new IdentityHashMap<>();
        List<Stale> stale = new ArrayList<>();
        Map<String, List<Finding>> byFile = byFile(findings);
        files.forEach((file, entry) -> {
            Checksum now = checksums.get(file);
            if (now == null || !now.equals(entry.checksum())) {
                stale.add(new Stale(file, null, now == null ? StaleReason.GONE : StaleReason.CHANGED, 0, 0));
                return;
            }
            for (RuleCount rule : entry.rules()) {
                List<Finding> matching = byFile.getOrDefault(file, List.of()).stream().filter(rule::counts).toList();
                if (matching.size() <= rule.count()) {
                    matching.forEach(f -> suppressed.put(f, true));
                }
                if (matching.size() < rule.count()) {
                    stale.add(new Stale(file, rule.name(), StaleReason.FEWER, rule.count(), matching.size()));
                }
            }
        });
        List<Finding> reported = findings.stream().filter(f -> !suppressed.containsKey(f)).toList();
        return new Outcome(reported, suppressed.size(), List.copyOf(stale));
    }

    /**
     * Without its stale entries ({@code --prune-suppressions}): gone and changed files are dropped, a count is
     * lowered to the findings still there. A count is never raised: new findings are not accepted by pruning.
     */
    public Suppressions pruned(List<Finding> findings, Map<String, Checksum> checksums) {
        Map<String, FileEntry> kept = new TreeMap<>();
        Map<String, List<Finding>> byFile = byFile(findings);
        files.forEach((file, entry) -> {
            if (!entry.checksum().equals(checksums.get(file))) {
                return;
            }
            List<RuleCount> rules = new ArrayList<>();
            for (RuleCount rule : entry.rules()) {
                long found = byFile.getOrDefault(file, List.of()).stream().filter(rule::counts).count();
                if (found > 0) {
                    rules.add(new RuleCount(rule.name(), rule.ruleIds(), (int) Math.min(found, rule.count())));
                }
            }
            if (!rules.isEmpty()) {
                kept.put(file, new FileEntry(entry.checksum(), List.copyOf(rules)));
            }
        });
        return new Suppressions(kept);
    }

    /** How many findings the file suppresses. */
    public long count() {
        return files.values().stream().flatMap(e -> e.rules().stream()).mapToLong(RuleCount::count).sum();
    }

    private static Map<String, List<Finding>> byFile(List<Finding> findings) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        findings.forEach(f -> byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f));
        return byFile;
    }
}
