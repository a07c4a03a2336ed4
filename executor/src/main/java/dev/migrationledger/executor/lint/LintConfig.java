package dev.migrationledger.executor.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ledger-lint.toml}: which findings fail the run, the PostgreSQL version, rules and files left
 * out, per-rule severity. Rules may be named by id ({@code ML007-index-without-concurrently}), by its
 * number ({@code ML007}) or by squawk's name ({@code require-concurrent-index-creation}); squawk's
 * own keys ({@code excluded_rules}, {@code excluded_paths}, {@code pg_version}) are read too, so a
 * {@code .squawk.toml} carries over ({@code assume_in_transaction} is accepted and ignored). A key or rule name we do not know is an error, never ignored: a
 * typo must not silently switch a rule off.
 *
 * <pre>
 * fail-on = "warning"
 * pg-version = "14.2"
 * exclude-rules = ["prefer-robust-stmts", "ML054"]
 * exclude-paths = ["V1__baseline.sql", "legacy/**"]
 * [severity]
 * ML007-index-without-concurrently = "error"
 * prefer-text-field = "info"
 * </pre>
 */
public record LintConfig(Severity failOn, PgVersion pgVersion, Set<String> excludedRules, List<String> excludedPaths,
                         Map<String, Severity> severities) {

    public static final String FILE_NAME = "ledger-lint.toml";
    public static final LintConfig DEFAULTS = new LintConfig(Severity.ERROR, null, Set.of(), List.of(), Map.of());

    private static final Set<String> KEYS = Set.of("fail-on", "fail_on", "pg-version", "pg_version", "exclude-rules",
            "excluded-rules", "excluded_rules", "exclude-paths", "excluded-paths", "excluded_paths", "severity",
            // squawk's; Flyway, not the configuration, decides whether a migration runs in a transaction
            "assume_in_transaction");

    public static LintConfig read(Path file, List<LintRule> rules) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new LintConfigException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable")
                    + "; fix the TOML syntax", e);
        }
        if (root == null || !root.isObject()) {
            return DEFAULTS;
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.contains(key)) {
                throw new LintConfigException(file + ": unknown key '" + key + "'; the keys are fail-on, pg-version, "
                        + "exclude-rules, exclude-paths and a [severity] table");
            }
        }
        try {
            Severity failOn = text(root, "fail-on", "fail_on") == null ? Severity.ERROR
                    : failOn(text(root, "fail-on", "fail_on"));
            String version = text(root, "pg-version", "pg_version");
            Set<String> excluded = new HashSet<>();
            for (String name : list(root, "exclude-rules", "excluded-rules", "excluded_rules")) {
                resolve(name, rules).forEach(r -> excluded.add(r.id()));
            }
            Map<String, Severity> severities = new HashMap<>();
            JsonNode table = root.get("severity");
            if (table != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String value = entry.getValue().asText();
                    List<LintRule> named = resolve(entry.getKey(), rules);
                    if (value.equalsIgnoreCase("off")) {
                        named.forEach(r -> excluded.add(r.id()));
                    } else {
                        Severity severity = Severity.parse(value);
                        named.forEach(r -> severities.put(r.id(), severity));
                    }
                }
            }
            return new LintConfig(failOn, version == null ? null : PgVersion.parse(version), Set.copyOf(excluded),
                    list(root, "exclude-paths", "excluded-paths", "excluded_paths"), Map.copyOf(severities));
        } catch (IllegalArgumentException e) {
            throw new LintConfigException(file + ": " + e.getMessage(), e);
        }
    }

    public static Severity failOn(String value) {
        Severity severity = Severity.parse(value);
        if (severity == Severity.INFO) {
            throw new IllegalArgumentException("fail-on is error or warning (notes never fail a run)");
        }
        return severity;
    }

    /** The rules a name designates: an id, an id's number, or a squawk name (several rules may share one). */
    public static List<LintRule> resolve(String name, List<LintRule> rules) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        List<LintRule> found = new ArrayList<>();
        for (LintRule rule : rules) {
            String id = rule.id().toLowerCase(Locale.ROOT);
            if (id.equals(wanted) || id.startsWith(wanted + "-") || rule.squawk().contains(wanted)) {
                found.add(rule);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no lint rule is called '" + name
                    + "'; use a rule id from docs/lint-rules.md (e.g. ML007) or a squawk rule name");
        }
        return found;
    }

    public LintConfig withFailOn(Severity value) {
        return new LintConfig(value, pgVersion, excludedRules, excludedPaths, severities);
    }

    public LintConfig withPgVersion(PgVersion value) {
        return new LintConfig(failOn, value, excludedRules, excludedPaths, severities);
    }

    public PgVersion pgVersionOrDefault() {
        return pgVersion == null ? PgVersion.OLDEST_SUPPORTED : pgVersion;
    }

    /** Whether a file (relative to the directory, '/' separated) is left out: by glob on the path or on its name. */
    public boolean excludesPath(String file) {
        for (String pattern : excludedPaths) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            Path path = Path.of(file);
            if (matcher.matches(path) || (path.getFileName() != null && matcher.matches(path.getFileName()))) {
                return true;
            }
        }
        return false;
    }

    /** The finding as configured, or null when its rule is excluded. */
    Finding apply(Finding finding) {
        if (excludedRules.contains(finding.ruleId())) {
            return null;
        }
        Severity changed = severities.get(finding.ruleId());
        return changed == null ? finding : finding.withSeverity(changed);
    }

    private static String text(JsonNode root, String... keys) {
        for (String key : keys) {
            if (root.hasNonNull(key)) {
                return root.get(key).asText();
            }
        }
        return null;
    }

    private static List<String> list(JsonNode root, String... keys) {
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            JsonNode node = root.get(key);
            if (node == null) {
                continue;
            }
            if (!node.isArray()) {
                throw new IllegalArgumentException(key + " must be a list, e.g. " + key + " = [\"ML027\"]");
            }
            node.forEach(v -> values.add(v.asText()));
        }
        return List.copyOf(values);
    }
}
